"""Saved web pages (.html/.htm) and single-file pages (.mhtml/.mht): the article's paragraphs and tables.

lxml.html parses the page (it is already installed with python-docx, is fast, and mends the broken markup
content systems write).  The article is found by its text, not by a site's ids: the deepest element that
holds the report's title and most of the page's text.  Site chrome (navigation, scripts, headers and footers,
打印本页 links) is left out; the 索引号/发布机构 box goes first, before the title, as paragraphs.
"""
from __future__ import annotations

import codecs
import email
import email.policy
import re

from model.importers.document import Block, assemble
from model.importers.limits import NOT_A_REPORT, check_table_size
from model.importers.result import ImportFailed, ImportResult

_CHROME_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "select", "button",
                "input", "textarea", "svg", "nav", "header", "footer", "aside", "form", "head", "title", "meta", "link"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
               "center", "section", "article", "main", "pre", "address", "figure", "figcaption", "hr", "tr", "table",
               "body", "html", "caption"}
# chrome lines around an article: print/close links, font size switchers, hit counters, share buttons
_CHROME_LINE = re.compile(r"打印本页|关闭窗口|[【\[](?:打印|关闭|收藏|返回顶部)[】\]]|字体[:：]?\s*[【\[]?\s*大\s*中\s*小|"
                          r"浏览次数|点击数|阅读次数|访问量[:：]|^发布时间[:：]|分享到|扫一扫|^上一篇|^下一篇|我要纠错")
_MAX_CHROME_LINE = 100  # a line longer than this is text, whatever words it contains
_META_WORDS = ("索引号", "发布机构", "发文机关", "主题分类", "成文日期", "发布日期", "文号", "生成日期", "公开方式",
               "信息来源", "有效性")
_META_MAX_CHARS = 600
_NAME_LABEL = re.compile(r"^(?:名\s*称|标\s*题|文件名称|信息名称)\s*[:：]")
_TITLE = re.compile(r"(?:19|20)\d{2}\s*年.*(?:报告|年报)")
_TITLE_MAX_CHARS = 80
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])\s*\n\s*(?=[{_CJK}])")  # a line break in the source between two characters
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u2002\u2003\u2009\u200b]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ARTICLE_SHARE = 0.6  # the article holds at least this share of the page's own (non-link) text
# a report's page has a few thousand elements; this many take the reader some seconds and a few hundred MB
MAX_TAGS = 300_000
MAX_NESTING = 255  # libxml2 reads no deeper than 256 elements; a content system's page nests some 20 deep


def decode_html(raw: bytes, declared: str | None = None) -> str:
    """The page's text: by its byte-order mark; as UTF-8 when it is clean UTF-8, whatever the page says (a page
    saved by a browser or an editor in UTF-8 keeps the <meta> of the site it came from, and GBK text is never
    clean UTF-8); then by the charset its sender declared, its meta charset, then GB18030 (which reads GBK and
    GB2312 too)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    candidates = ["utf-8"] if b"\x00" not in raw else []  # UTF-16 without its mark is never taken for UTF-8
    candidates += [declared] if declared else []
    if match := _CHARSET.search(raw[:4096]):
        candidates.append(match.group(1).decode("ascii"))
    candidates += ["utf-8", "gb18030"]
    for name in dict.fromkeys(candidates):
        encoding = _codec(name)
        if encoding is None:
            continue
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("gb18030", errors="replace")


def _codec(name: str) -> str | None:
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if encoding in ("gb2312", "gbk") else encoding  # pages labelled GB2312 hold GBK characters


def _text(text: str | None) -> str:
    return text or ""


def _normal(text: str) -> str:
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip()


class _Page:
    def __init__(self, root, name: str):
        self.root = root
        self.name = name
        self.blocks: list[Block] = []
        self.paragraphs = self.tables = 0
        self.line: list[str] = []
        self.link_chars = 0  # of the line's characters, how many are link text
        self.sizes: dict = {}

    # ------------------------------------------------------------ what to skip
    @staticmethod
    def hidden(element) -> bool:
        style = element.get("style", "").replace(" ", "").lower()
        return "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None

    def measure(self, element) -> tuple[int, int]:
        """(characters of all text, characters outside links), skipping scripts and hidden parts; kept for
        every element, so finding the article costs one pass over the page."""
        if not isinstance(element.tag, str) or element.tag in _CHROME_TAGS or self.hidden(element):
            sizes = (0, 0)
        else:
            whole = own = len(_text(element.text).strip())
            for child in element:
                child_whole, child_own = self.measure(child)
                tail = len(_text(child.tail).strip())
                whole += child_whole + tail
                own += child_own + tail
            sizes = (whole, 0 if element.tag == "a" else own)
        self.sizes[element] = sizes
        return sizes

    # ------------------------------------------------------------ finding the parts
    def title_element(self, body, box):
        """The deepest short element whose text is the report's title (not a link, not in the 索引号 box)."""
        inside_box = set(box.iter()) if box is not None else set()
        for element in body.iter():
            whole, own = self.sizes.get(element, (0, 0))
            if not own or whole > _TITLE_MAX_CHARS or element in inside_box:
                continue
            if _TITLE.search(_normal(element.text_content())):
                found = element
                for child in element.iterdescendants():
                    if self.sizes.get(child, (0, 0))[1] and _TITLE.search(_normal(child.text_content())):
                        found = child
                return found
        return None

    def article(self, body, title):
        """The deepest element holding the title and most of the page's text."""
        total = self.sizes[body][1] or 1
        element = body
        while True:
            children = [c for c in element if isinstance(c.tag, str)]
            if title is not None:
                children = [c for c in children if c is title or title in c.iterdescendants()]
            heavy = [c for c in children if self.sizes.get(c, (0, 0))[1] >= _ARTICLE_SHARE * total]
            if not heavy:
                return element
            element = heavy[0]

    def meta_box(self, body):
        """The smallest element carrying at least two of 索引号, 发布机构, … and little else."""
        best = None
        for element in body.iter("table", "div", "ul", "dl", "tbody"):
            if self.sizes.get(element, (_META_MAX_CHARS, 0))[0] >= _META_MAX_CHARS:
                continue
            text = re.sub(r"\s", "", element.text_content())
            if sum(word in text for word in _META_WORDS) >= 2:
                best = element  # iter() goes outside in: the last hit is the innermost
        if best is not None and best.tag == "tbody":
            best = best.getparent()
        return best

    # ------------------------------------------------------------ output
    def flush(self) -> None:
        text = _normal("".join(self.line))
        links = self.link_chars
        self.line, self.link_chars = [], 0
        if not text or len(text) <= _MAX_CHROME_LINE and (_CHROME_LINE.search(text) or 2 * links >= len(text)):
            return
        self.paragraphs += 1
        self.blocks.append(Block(text, f"第 {self.paragraphs} 段"))

    def add_text(self, text: str | None, in_link: bool) -> None:
        if text:
            self.line.append(text)
            self.link_chars += len(text.strip()) if in_link else 0

    def walk(self, element, skip, in_link: bool = False) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in _CHROME_TAGS or element is skip or self.hidden(element):
            return
        if tag == "table" and not self.is_layout_table(element):
            self.flush()
            self.table(element)
            return
        block = tag in _BLOCK_TAGS or tag in ("td", "th")
        if block or tag == "br":
            self.flush()
        self.add_text(element.text, in_link or tag == "a")
        for child in element:
            self.walk(child, skip, in_link or tag == "a")
            self.add_text(child.tail, in_link)
        if block:
            self.flush()

    @staticmethod
    def is_layout_table(table) -> bool:
        """A table that lays out the page (it holds another table, or one cell a row) rather than figures."""
        if any(t is not table for t in table.iter("table")):
            return True
        return all(len(row.findall("td") + row.findall("th")) <= 1 for row in _rows(table))

    def table(self, table) -> None:
        self.tables += 1
        grid: dict[tuple[int, int], str] = {}
        for r, row in enumerate(_rows(table)):
            c = 0
            for cell in row:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, c) in grid:
                    c += 1
                rows, cols = _span(cell.get("rowspan")), _span(cell.get("colspan"))
                check_table_size(self.name, f"第 {self.tables} 个表格", r + rows, c + cols)
                for dr in range(rows):
                    for dc in range(cols):
                        grid[(r + dr, c + dc)] = ""
                grid[(r, c)] = cell_text(cell)
                c += cols
        if not grid:
            return
        height = max(r for r, _ in grid) + 1
        width = max(c for _, c in grid) + 1
        for r in range(height):
            cells = tuple(grid.get((r, c), "") for c in range(width))
            self.blocks.append(Block("\t".join(cells), f"第 {self.tables} 个表格第 {r + 1} 行", cells))
        self.blocks.append(Block("", f"第 {self.tables} 个表格之后", ends_table=True))

    def meta_lines(self, box) -> None:
        """The 索引号 box as label：value lines (a table gives label and value in neighbouring cells); its
        名称/标题 line is left out, as the title follows."""
        if box.tag == "table":
            lines = []
            for row in _rows(box):
                texts = [cell_text(c) for c in row if c.tag in ("td", "th")]
                if any(re.search(r"[:：]\S", t) for t in texts):
                    lines += texts
                else:
                    lines += [f"{label.rstrip(':：')}：{value}" for label, value in zip(texts[::2], texts[1::2])
                              if label and value]
            for line in lines:
                if line and not _NAME_LABEL.match(line):
                    self.paragraphs += 1
                    self.blocks.append(Block(line, f"第 {self.paragraphs} 段（索引号等）"))
        else:
            self.walk(box, None)
            self.flush()


def _depth(root) -> int:
    """How deep the tree's elements nest (counted without recursion)."""
    from lxml.etree import iterwalk

    depth = deepest = 0
    for event, _ in iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _rows(table):
    """The table's own rows (not those of a table nested in a cell)."""
    return [row for row in table.iter("tr") if _owner(row) is table]


def _owner(element):
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    digits = re.match(r"\s*(\d+)", value or "")
    return min(max(int(digits.group(1)), 1), 100) if digits else 1


def cell_text(cell) -> str:
    """A cell's text, its paragraphs and <br> lines on lines of their own (as a Word cell's text is)."""
    lines: list[str] = []
    current: list[str] = []

    def visit(element) -> None:
        if not isinstance(element.tag, str) or element.tag in _CHROME_TAGS or _Page.hidden(element):
            return
        breaks = element.tag in _BLOCK_TAGS or element.tag == "br"
        if breaks:
            lines.append("".join(current))
            current.clear()
        current.append(_text(element.text))
        for child in element:
            visit(child)
            current.append(_text(child.tail))
        if breaks:
            lines.append("".join(current))
            current.clear()

    current.append(_text(cell.text))
    for child in cell:
        visit(child)
        current.append(_text(child.tail))
    lines.append("".join(current))
    return "\n".join(t for line in lines if (t := _normal(line)))


def html_blocks(text: str, name: str) -> list[Block]:
    import lxml.html
    from lxml.etree import ParserError

    tags = text.count("<")  # every element costs memory in the tree and time in each pass over it
    if tags > MAX_TAGS:
        raise ImportFailed(f"“{name}”有 {tags:,} 个网页标记，超过 {MAX_TAGS:,} 个（一份年度报告的网页只有几千个），"
                           f"{NOT_A_REPORT}")
    try:
        document = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text) or "<html></html>")
    except (ParserError, ValueError):
        raise ImportFailed(f"“{name}”不是可以读取的网页文件。") from None
    if _depth(document) >= MAX_NESTING:  # where libxml2 stops reading: what lies deeper is lost
        raise ImportFailed(f"“{name}”的网页标记层层嵌套超过 {MAX_NESTING} 层，超出了网页读取的限度，无法读出其中的报告。"
                           f"请在浏览器中打开它，全选复制正文，粘贴到记事本保存后再导入。")
    body = document.find("body")
    if body is None:
        body = document
    page = _Page(document, name)
    page.measure(body)
    box = page.meta_box(body)
    if box is not None:
        page.meta_lines(box)
    title = page.title_element(body, box)
    page.walk(page.article(body, title), box)
    page.flush()
    return page.blocks


def read_html(raw: bytes, name: str, declared: str | None = None) -> ImportResult:
    return assemble(html_blocks(decode_html(raw, declared), name), name, from_text=False)


def is_mhtml(raw: bytes) -> bool:
    head = raw[:4096].lower()
    return b"mime-version" in head and b"multipart/related" in head


def read_mhtml(raw: bytes, name: str) -> ImportResult:
    """The page inside a single-file web page: its first text/html part, decoded as its headers say."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return read_html(payload, name, part.get_content_charset())
    raise ImportFailed(f"“{name}”是单文件网页（.mhtml），但其中没有网页正文，无法导入。")
