"""Figures in the narrative linked to the tables: carried over, kept current in every writer and in check."""
import io
import json
import re
import subprocess
import sys
from decimal import Decimal

from docx import Document
from hypothesis import HealthCheck, given, settings, strategies as st
from pypdf import PdfReader

from conftest import ROOT
from export.docx import write_docx
from export.pdf import pdf_bytes
from export.text import report_text
from helpers import SAMPLE, filled_report, sample_report
from model.carryover import new_from_last_year
from model.fileio import load_report, report_to_json, save_report
from model.links import BLANK_FIGURE, current_text, figure_text
from model.report import FORMAT_VERSION, Paragraph
from model.rules import check_report, claimed_links, rule_w4, rule_w14
from model.totals import recompute_all

APPLICATIONS = 4  # the paragraph of the sample's 一 on applications: 全年收到信息公开申请件 165 件，…


def run(*args):
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def fill_next_years_tables(report, new=200, carried_out=13):
    """表三 of the year after the sample: 新收 and 结转下年度 as given, the rest concluded (予以公开), every other cell 0."""
    for key in ("sec2", "sec3", "sec4"):
        for row in report.table(key).values():
            for col, value in row.items():
                if value is None:
                    row[col] = Decimal(0)
    carried_in = report.sec3["carried_in"]["natural_person"]
    report.sec3["new"]["natural_person"] = Decimal(new)
    report.sec3["carried_out"]["natural_person"] = Decimal(carried_out)
    report.sec3["granted"]["natural_person"] = new + carried_in - carried_out
    recompute_all(report)


def test_the_sample_carried_to_next_year_states_this_years_figures_in_every_writer(tmp_path):
    assert "全年收到信息公开申请件 165 件，结转下年度继续办理 3 件，办结率 98.2%" in \
        sample_report().overview[APPLICATIONS].text
    assert run("new-from", SAMPLE, "--year", 2022, "-o", tmp_path / "2022.json").returncode == 0
    draft = load_report(tmp_path / "2022.json")
    assert current_text(draft, draft.overview[APPLICATIONS]) == \
        f"全年收到信息公开申请件 {BLANK_FIGURE} 件，结转下年度继续办理 {BLANK_FIGURE} 件，办结率 {BLANK_FIGURE}%；" \
        f"行政复议和行政诉讼 {BLANK_FIGURE} 件。"
    fill_next_years_tables(draft)
    save_report(draft, tmp_path / "2022.json")

    exported = run("export", tmp_path / "2022.json", "--txt", tmp_path / "2022.txt", "--docx", tmp_path / "2022.docx",
                   "--pdf", tmp_path / "2022.pdf", "--html", tmp_path / "2022.html")
    assert exported.returncode in (0, 1), exported.stderr
    stated = "全年收到信息公开申请件 200 件，结转下年度继续办理 13 件，办结率 93.6%；行政复议和行政诉讼 0 件。"  # 190 ÷ 203
    text = (tmp_path / "2022.txt").read_text(encoding="utf-8")
    word = "\n".join(p.text for p in Document(tmp_path / "2022.docx").paragraphs)
    pdf = re.sub(r"\s", "", "".join(page.extract_text() for page in PdfReader(tmp_path / "2022.pdf").pages))
    page = (tmp_path / "2022.html").read_text(encoding="utf-8")
    for output in (text, word, page):
        assert stated in output
        assert "165 件" not in output and "继续办理 3 件" not in output and "98.2" not in output
    assert re.sub(r"\s", "", stated) in pdf and "98.2" not in pdf

    checked = json.loads(run("check", tmp_path / "2022.json", "--json").stdout)
    assert [f for f in checked if f["table"] == "overview" and f["rule"] in ("W4", "W8", "W14")] == []


def test_a_blank_cell_shows_as_to_be_filled_with_a_finding_until_it_is_filled():
    draft = new_from_last_year(sample_report(), 2022)
    blank = rule_w14(draft)
    assert [f.message for f in blank] == [
        f"一、总体情况第5段“全年收到信息公开申请件 {BLANK_FIGURE} 件，结转下年度继续办理 {BLANK_FIGURE} 件，"
        f"办结率 {BLANK_FIGURE}%；”中关联表格的数字还没有填写："
        "本年新收申请总计、结转下年度继续办理总计、办结率（办结÷（新收+上年结转））",
        f"一、总体情况第5段“行政复议和行政诉讼 {BLANK_FIGURE} 件。”中关联表格的数字还没有填写：行政复议、行政诉讼总计"]
    assert not any(f.rule == "W9" and f.table == "overview" for f in check_report(draft))  # W14 says it, once
    fill_next_years_tables(draft)
    assert rule_w14(draft) == []


def test_a_linked_zero_that_the_sentence_breaks_down_is_pointed_out():
    report = filled_report()  # no applications this year
    text = "本年度共收到政府信息公开申请12件，其中予以公开10件。"
    report.overview = [Paragraph(text=text, links=claimed_links(text)[:1])]
    assert current_text(report, report.overview[0]) == "本年度共收到政府信息公开申请0件，其中予以公开10件。"
    assert [f.message.split("：")[-1] for f in rule_w14(report)] == ["关联的数字为 0，句子后面的“其中……”已无意义，请改写这句"]
    report.overview[0] = Paragraph(text="本年度共收到政府信息公开申请12件。", links=claimed_links("本年度共收到政府信息公开申请12件。"))
    assert rule_w14(report) == []


def test_a_figure_she_typed_herself_is_checked_by_w4_and_the_linked_ones_are_not():
    draft = new_from_last_year(sample_report(), 2022)
    fill_next_years_tables(draft)
    paragraph = draft.overview[APPLICATIONS]
    assert len(paragraph.links) == 4 and rule_w4(draft) == []
    typed = current_text(draft, paragraph).replace("申请件 200 件", "申请件 201 件")
    draft.overview[APPLICATIONS] = Paragraph(text=typed, links=claimed_links(typed)[1:])  # 201 is hers, unlinked
    assert [f.message for f in rule_w4(draft)] == \
        ["一、总体情况第5段写“收到信息公开申请件 201 件”，而本年新收申请总计为 200"]


def test_an_older_file_loads_unchanged_with_no_links(tmp_path):
    old = json.loads(SAMPLE.read_text(encoding="utf-8"))
    old["format_version"] = 3
    for key in ("overview", "problems", "other_matters"):
        for paragraph in old[key]:
            paragraph.pop("links", None)
    (tmp_path / "old.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    report = load_report(tmp_path / "old.json")
    assert report.format_version == FORMAT_VERSION
    assert [p.text for p in report.overview] == [p["text"] for p in old["overview"]]
    assert all(p.links == [] for p in report.overview + report.problems + report.other_matters)


def test_links_are_saved_and_read_back_and_a_link_outside_its_text_is_refused(tmp_path):
    draft = new_from_last_year(sample_report(), 2022)
    save_report(draft, tmp_path / "d.json")
    assert load_report(tmp_path / "d.json").overview[APPLICATIONS].links == draft.overview[APPLICATIONS].links
    data = json.loads(report_to_json(draft))
    data["overview"][APPLICATIONS]["links"][0]["end"] = 9999
    (tmp_path / "bad.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("check", tmp_path / "bad.json")
    assert result.returncode == 2 and "关联数字的位置不在这段文字内" in result.stderr


def _pdf_text(report) -> str:
    return re.sub(r"\s", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(report))).pages))


def _docx_text(report) -> str:
    buffer = io.BytesIO()
    write_docx(report, buffer)
    return "\n".join(p.text for p in Document(buffer).paragraphs)


_CARRIED = new_from_last_year(sample_report(), 2022)
_COUNTS = st.integers(min_value=0, max_value=99999)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(new=_COUNTS, carried_in=st.integers(0, 500), carried_out=st.integers(0, 500), review=_COUNTS,
       litigation=st.integers(0, 999))
def test_every_linked_figure_in_every_writer_equals_its_cells(new, carried_in, carried_out, review, litigation):
    report = _CARRIED.model_copy(deep=True)
    fill_next_years_tables(report, new=new, carried_out=min(carried_out, new + carried_in))
    report.sec3["carried_in"]["natural_person"] = Decimal(carried_in)
    report.sec3["granted"]["natural_person"] = new + carried_in - min(carried_out, new + carried_in)
    report.sec4["counts"]["review_pending"] = Decimal(review)
    report.sec4["counts"]["direct_pending"] = Decimal(litigation)
    recompute_all(report)
    sec3 = report.sec3
    closed, accepted = sec3["total"]["total"], sec3["new"]["total"] + sec3["carried_in"]["total"]
    rate = f"{(closed * 100 / accepted).quantize(Decimal('0.1'), rounding='ROUND_HALF_UP')}" if accepted \
        else BLANK_FIGURE
    expected = {"new": str(new), "carried_out": str(sec3["carried_out"]["total"]), "closing_rate": rate,
                "review_and_litigation": str(review + litigation)}
    paragraph = report.overview[APPLICATIONS]
    assert {link.figure: figure_text(report, link) for link in paragraph.links} == expected
    stated = current_text(report, paragraph)
    assert all(f" {figure}" in stated for figure in expected.values())
    assert stated in report_text(report)
    assert stated in _docx_text(report)
    assert re.sub(r"\s", "", stated) in _pdf_text(report)
