"""Review rules over the report's text and dates: what provincial evaluators deduct for (W7–W11, W13).

Each rule reads paragraphs (and last year's text when known) and returns findings located at a section and
paragraph, or at a field of 报告信息.  No Qt here; last year's sentences are indexed once (LastYearText), and
that one index answers both what W7 counts as copied and what the editor marks 沿用上年; it remembers each
sentence's verdict, so typing one paragraph costs one paragraph.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from model.carryover import YEAR_BEFORE_NIAN, shift_years, stale_figures
from model.findings import NOTE, WARNING, Finding
from model.layout import NARRATIVE_KEYS, SECTION_HEADINGS
from model.links import current_text, rendered
from model.report import LIST_NUMBER, REPORT_TITLE_TAIL, UNIT_KIND_NAMES, LastYear, Report, chinese_date

SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
QUOTE_LENGTH = 18  # characters of a sentence quoted in a message


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each sentence of a paragraph stands (blank pieces skipped), as the sentence index of a finding counts
    (remembered by text: a keystroke splits one paragraph again)."""
    spans, start = [], 0
    for piece in SENTENCE_END.split(text):
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start += len(piece)
    return tuple(spans)


def sentence_at(text: str, position: int) -> int:
    """The index of the sentence `position` stands in (the last one when past the end)."""
    spans = sentence_spans(text)
    return next((i for i, (_start, end) in enumerate(spans) if position < end), max(len(spans) - 1, 0))


def figure_places(text: str, positions: list[int]) -> list[str]:
    """Where each figure at `positions` stands within the paragraph: its sentence and its order among the
    `positions` in that sentence ("1.0"), which edits to other sentences leave as they are."""
    seen: Counter[int] = Counter()
    places = {}
    for position in sorted(positions):
        sentence = sentence_at(text, position)
        places[position] = f"{sentence}.{seen[sentence]}"
        seen[sentence] += 1
    return [places[position] for position in positions]


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def _quote(text: str) -> str:
    text = text.strip()
    return text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH] + "…"


def where(key: str, index: int) -> str:
    return f"{SECTION_HEADINGS[key]}第{index + 1}段"


def paragraphs(report: Report) -> Iterator[tuple[str, int, str]]:
    for key in NARRATIVE_KEYS:
        for index, paragraph in enumerate(report.narrative(key)):
            text = current_text(report, paragraph)
            if text.strip():
                yield key, index, text


# ---------------------------------------------------------------- W7 copied from last year, and 沿用上年
MIN_COMPARED_LENGTH = 15  # characters once punctuation and figures are gone: shorter ones are standard phrases
NEAR_COPY = 0.8  # share of three-character pieces two sentences have in common (Dice) to count as the same
MAX_REMEMBERED = 20000  # verdicts kept per last year's report
COPIED_SHARE = 0.5  # a section repeating more than half of its sentences is flagged
MIN_SECTION_SENTENCES = 2
# sentences every report must write in the same words: not a copy
_STANDARD = re.compile(r"统计期限|统计时限|信息处理费|收费通知|电子版|如对本.{0,4}报告有.{0,6}疑问")
_NOT_COMPARED = re.compile(r"[\s\d０-９\W_]+")  # figures and years change every year; the wording is what counts


def comparable(sentence: str) -> str | None:
    """The sentence's wording, or None when it is too short or a standard sentence to count."""
    if _STANDARD.search(sentence):
        return None
    wording = _NOT_COMPARED.sub("", sentence)
    return wording if len(wording) >= MIN_COMPARED_LENGTH else None


def _pieces(wording: str) -> frozenset[str]:
    return frozenset(wording[i:i + 3] for i in range(len(wording) - 2))


@dataclass(frozen=True)
class CarriedSentence:
    """A sentence still as last year's report wrote it (its years moved on): where it stands in its paragraph, and
    where last year's figures and years stand inside it (offsets in the paragraph)."""
    span: tuple[int, int]
    stale: tuple[tuple[int, int], ...]


class LastYearText:
    """Last year's narrative, indexed once for the two questions asked of this year's sentences: is it still last
    year's sentence as written, its years moved on as 以上年报告为模板新建 moves them (沿用上年 until the clerk edits
    it), and does it repeat last year's wording, figures aside, exactly or nearly (W7)."""

    def __init__(self, paragraphs: tuple[str, ...], last_year: int, year: int) -> None:
        self.year = year
        self.verbatim: set[str] = set()
        self.exact: set[str] = set()
        self.by_piece: dict[str, list[int]] = {}
        self.sizes: list[int] = []
        for paragraph in paragraphs:
            self.verbatim.update(sentences(shift_years(paragraph, last_year, year)))
            for sentence in sentences(paragraph):
                self.verbatim.add(sentence)
                wording = comparable(sentence)
                if wording is None or wording in self.exact:
                    continue
                self.exact.add(wording)
                pieces = _pieces(wording)
                for piece in pieces:
                    self.by_piece.setdefault(piece, []).append(len(self.sizes))
                self.sizes.append(len(pieces))
        self._verdicts: dict[str, str | None] = {}

    def carried_sentences(self, paragraph: str) -> list[CarriedSentence]:
        """The paragraph's sentences that are still last year's text: editing one, a figure or a word, ends it."""
        return [CarriedSentence((start, end), tuple((start + a, start + b)
                                                    for a, b in stale_figures(paragraph[start:end], self.year)))
                for start, end in sentence_spans(paragraph) if paragraph[start:end] in self.verbatim]

    def verdict(self, wording: str) -> str | None:
        """相同, 几乎相同 or None (not in last year's report)."""
        if wording in self.exact:
            return "相同"
        if wording not in self._verdicts:
            if len(self._verdicts) > MAX_REMEMBERED:  # every half-typed sentence is remembered: start afresh
                self._verdicts.clear()
            pieces = _pieces(wording)
            shared = Counter(i for piece in pieces for i in self.by_piece.get(piece, ()))
            near = any(2 * count / (len(pieces) + self.sizes[i]) >= NEAR_COPY for i, count in shared.items())
            self._verdicts[wording] = "几乎相同" if near else None
        return self._verdicts[wording]


@lru_cache(maxsize=8)
def last_year_text(paragraphs: tuple[str, ...], last_year: int, year: int) -> LastYearText:
    return LastYearText(paragraphs, last_year, year)


def last_year_index(last: LastYear | None, year: int) -> LastYearText | None:
    """The one answer to "what was carried from last year" for the editor and the checks: last year's narrative
    indexed (once per last year's report and report year), None when its text is not known."""
    if last is None or not last.narrative:
        return None
    return last_year_text(tuple(t for key in NARRATIVE_KEYS for t in last.narrative.get(key, ())), last.year, year)


def rule_w7(report: Report, last: LastYear | None = None) -> list[Finding]:
    index = last_year_index(last, report.year)
    if index is None:
        return []
    findings = []
    for key in NARRATIVE_KEYS:
        counted, repeated = 0, []
        for p_index, paragraph in enumerate(report.narrative(key)):
            if paragraph.heading:
                continue
            for s_index, sentence in enumerate(sentences(current_text(report, paragraph))):
                wording = comparable(sentence)
                if wording is None:
                    continue
                counted += 1
                verdict = index.verdict(wording)
                if verdict:
                    repeated.append((p_index, s_index, sentence, verdict))
        if counted < MIN_SECTION_SENTENCES or len(repeated) <= counted * COPIED_SHARE:
            continue
        share = round(100 * len(repeated) / counted)
        findings.append(Finding(
            "W7", WARNING, key, None, None, None, f"{share}%",
            f"{SECTION_HEADINGS[key]}的 {counted} 句中有 {len(repeated)} 句（{share}%）与{last.year}年报告相同或几乎相同，"
            f"请按本年度的实际工作改写（正文中以淡蓝色标出，检查结果中逐句列为提示）"))
        findings += [Finding("W7", NOTE, key, str(p), str(s), None, None,
                             f"{where(key, p)}“{_quote(sentence)}”与{last.year}年报告{verdict}")
                     for p, s, sentence, verdict in repeated]
    return findings


# ---------------------------------------------------------------- W8 last year's year left in the text
# a year opening a sentence as its time (2022年，我局… / 2022年度全年…), or the end of the period counted
_YEAR_AS_NOW = re.compile(
    rf"^{LIST_NUMBER}?\s*"
    r"(\d{4})\s*年度?\s*(?=[，,：:]|全|我|本|共)")
_PERIOD_END = re.compile(r"截[至止]\s*(\d{4})\s*年\s*(?:底|末|12\s*月\s*31\s*日)")


def rule_w8(report: Report, last: LastYear | None = None) -> list[Finding]:
    findings = []
    for key, index, text in paragraphs(report):
        for s_index, sentence in enumerate(sentences(text)):
            for pattern in (_YEAR_AS_NOW, _PERIOD_END):
                match = pattern.search(sentence)
                if match and int(match.group(1)) < report.year:
                    findings.append(Finding(
                        "W8", WARNING, key, str(index), None, str(report.year), match.group(1),
                        f"{where(key, index)}“{_quote(sentence)}”写的是{match.group(1)}年，"
                        f"本报告是{report.year}年度的，应改为{report.year}年", place=f"{s_index}.year"))
                    break
    return findings


# ---------------------------------------------------------------- W9 placeholders
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|[×✕╳]{2,}|某某|[（(]\s*待[填补定]\s*[）)]|待填|【[\s　]*】"
    # a verb, a gap, a measure word: 共  件 (not 条例, 项目, 个人 … set apart in a PDF copy)
    r"|(?:共计?|合计|累计|总计|信息|申请|公开|发布|办结|受理|处理|收取|发出|收到)[ 　_＿]+"
    r"[余多]?(?:件|条|个|项|次|人次|元|万元|期|篇)(?![例款目人年旦间])"
    # any word, a gap of two spaces, a measure word ending the phrase
    r"|[\u4e00-\u9fff）][ 　_＿]{2,}[余多]?(?:件|条|个|项|次|人次|元|万元|期|篇)(?![\u4e00-\u9fff])")


def rule_w9(report: Report, last: LastYear | None = None) -> list[Finding]:
    findings = []
    texts = [("meta", "title", "标题", report.title, ())]
    texts += [(key, str(index), where(key, index), text, rendered(report, report.narrative(key)[index])[1])
              for key, index, text in paragraphs(report)]
    for table, row, place, text, linked in texts:
        # a linked figure's 待填 is W14's: it fills itself in
        match = next((m for m in _PLACEHOLDER.finditer(text)
                      if not any(start <= m.start() < end for start, end, _link in linked)), None)
        if match:
            shown = re.sub(r"[ 　_＿]+", "  ", match.group(0))
            findings.append(Finding("W9", WARNING, table, row, None, None, shown,
                                    f"{place}有未替换的占位符或空缺的数字“{shown}”，请填写实际内容"))
    return findings


# ---------------------------------------------------------------- W10 title form and 统计期限
_PERIOD = re.compile(r"统计(?:期限|时限|时间|区间|周期)[^。；]{0,30}")


def rule_w10(report: Report, last: LastYear | None = None) -> list[Finding]:
    findings = []
    title = report.title_override
    if title and not re.sub(r"\s+", "", title).endswith(REPORT_TITLE_TAIL):
        findings.append(Finding("W10", WARNING, "meta", "title", None, None, title,
                                f"标题“{title}”应为“机关名称＋{report.year}年＋{REPORT_TITLE_TAIL}”"))
    for key, index, text in paragraphs(report):
        periods = list(_PERIOD.finditer(text))
        for match, place in zip(periods, figure_places(text, [m.start() for m in periods])):
            wrong = [y for y in YEAR_BEFORE_NIAN.findall(match.group(0)) if int(y) != report.year]
            if wrong:
                findings.append(Finding("W10", WARNING, key, str(index), None, str(report.year), wrong[0],
                                        f"{where(key, index)}统计期限写的是{wrong[0]}年，应为{report.year}年1月1日至"
                                        f"12月31日", place=place))
    return findings


# ---------------------------------------------------------------- W11 repealed basis
@dataclass(frozen=True)
class _Repealed:
    pattern: re.Pattern
    what: str
    instead: str
    from_year: int  # the first report year for which it is repealed

_CURRENT_REGULATION = "2019年修订的《中华人民共和国政府信息公开条例》（国务院令第711号）"
_REPEALED = (
    _Repealed(re.compile(r"国务院令\s*第\s*492\s*号|第\s*492\s*号\s*令"), "2007年的条例（国务院令第492号）",
              _CURRENT_REGULATION, 2019),
    _Repealed(re.compile(r"2007\s*年[^。；《]{0,12}《(?:中华人民共和国)?政府信息公开条例》"), "2007年的条例",
              _CURRENT_REGULATION, 2019),
    _Repealed(re.compile(r"格式\s*[（(]\s*试行\s*[）)]|国办公开办函\s*[〔\[［(（]\s*2019\s*[〕\]］)）]\s*60\s*号"),
              "2019年的试行格式（国办公开办函〔2019〕60号）", "国办公开办函〔2021〕30号印发的格式", 2021),
)


def rule_w11(report: Report, last: LastYear | None = None) -> list[Finding]:
    findings = []
    for key, index, text in paragraphs(report):
        for b_index, basis in enumerate(_REPEALED):
            match = basis.pattern.search(text) if report.year >= basis.from_year else None
            if match:
                findings.append(Finding("W11", WARNING, key, str(index), None, None, match.group(0),
                                        f"{where(key, index)}引用了已废止的{basis.what}，应改为{basis.instead}",
                                        place=str(b_index)))
    return findings


# ---------------------------------------------------------------- W13 署名, 成文日期 and the deadline
def due_date(report: Report) -> dt.date:
    """部门 publish by 31 January, 县级以上人民政府 by 31 March of the next year (条例第五十条)."""
    return dt.date(report.year + 1, 1, 31) if report.kind == "department" else dt.date(report.year + 1, 3, 31)


DAYS_COUNTED_PAST_DUE = 90  # beyond this a report is of a year long past, not one running late


def deadline_sentence(report: Report, today: dt.date) -> str:
    """For 报告信息: the due date, and the days left (or whether the 成文日期 keeps to it)."""
    due = due_date(report)
    head = f"{UNIT_KIND_NAMES[report.kind]}应于{chinese_date(due)}前发布"
    if report.published is not None:
        late = (report.published - due).days
        return f"{head}，成文日期晚了 {late} 天" if late > 0 else f"{head}，成文日期在时限内"
    days = (due - today).days
    if days < -DAYS_COUNTED_PAST_DUE:  # a report of a year long past (a summary, an old draft): no count of days
        return head
    return f"{head}，" + (f"还有 {days} 天" if days > 0 else "就是今天" if days == 0 else f"已过 {-days} 天")


def rule_w13(report: Report, last: LastYear | None = None) -> list[Finding]:
    published = report.published
    if published is None:
        return [Finding("W13", WARNING, "meta", "published", None, None, None,
                        "尚未填写成文日期：报告末尾应有发文机关署名和成文日期")]
    due = due_date(report)
    date = chinese_date(published)
    if published.year <= report.year:
        return [Finding("W13", WARNING, "meta", "published", None, None, date,
                        f"成文日期{date}不晚于{report.year}年底，可能是上年报告的日期，请改为本次成文的日期")]
    if published > due:
        return [Finding("W13", WARNING, "meta", "published", None, chinese_date(due), date,
                        f"成文日期{date}晚于{UNIT_KIND_NAMES[report.kind]}的发布时限{chinese_date(due)}"
                        f"（机关类别可在“报告信息”中更改）")]
    return []


TEXT_RULES = (rule_w7, rule_w8, rule_w9, rule_w10, rule_w11, rule_w13)
