"""Hostile and oversized inputs made on the spot (small on disk, whatever they expand to), shared by the tests and
bench/bench_hostile.py: each is a file a clerk could be sent, built the way an attacker or a broken tool builds it."""
from __future__ import annotations

import io
import re
import zipfile
import zlib

from conftest import FIXTURES

SEED = FIXTURES / "seeds" / "001_869c2ba055e881c8.txt"

_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                  b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                  b'"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                  b'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
                  b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_ROOT_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
              b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
              b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
             b'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                  b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                  b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def workbook(sheet_data: bytes, merges: tuple[str, ...] = ()) -> bytes:
    """A one-sheet .xlsx written by hand, as a small tool writes one: inline strings, no styles."""
    merged = b"".join(b'<mergeCell ref="%s"/>' % ref.encode() for ref in merges)
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             b'2006/main"><sheetData>' + sheet_data + b'</sheetData>'
             + (b'<mergeCells count="%d">%s</mergeCells>' % (len(merges), merged) if merges else b"") + b'</worksheet>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def inline_row(number: int, texts: list[str]) -> bytes:
    cells = b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % t.encode() for t in texts)
    return b'<row r="%d">%s</row>' % (number, cells)


def whole_sheet_merge_xlsx() -> bytes:
    """1.4 KB: a title in A1 and one merge over the whole sheet (A1:XFD1048576)."""
    return workbook(inline_row(1, ["济源市人民政府2021年政府信息公开工作年度报告"]), ("A1:XFD1048576",))


def million_row_xlsx(rows: int = 1_000_000) -> bytes:
    """A sheet of `rows` rows of two numbers each (a few MB zipped)."""
    data = b"".join(b'<row r="%d"><c><v>%d</v></c><c><v>%d</v></c></row>' % (n, n, n) for n in range(1, rows + 1))
    return workbook(data)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the numbered objects (1 the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def inflating_pdf(inflated_mb: int) -> bytes:
    """A one-page PDF whose content stream is `inflated_mb` MB of blanks deflated to about a thousandth of that."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(packer.compress(chunk) for _ in range(inflated_mb)) + packer.flush()
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"])


def with_broken_cross_references(pdf: bytes) -> bytes:
    """The PDF with every offset of its cross-reference table pointing nowhere (a file cut and mended by a
    careless tool): a reader must rebuild the table to find its pages."""
    return re.sub(rb"\d{10} 00000 n", lambda m: b"%010d 00000 n" % (int(m.group()[:10]) + 7), pdf)


def nested_html(depth: int) -> bytes:
    """The seed report as a web page whose article sits `depth` <div>s deep (a page builder gone wrong)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{line}</p>" for line in lines)
    return (f'<html><head><meta charset="utf-8"></head><body>{"<div>" * depth}{body}{"</div>" * depth}'
            f'</body></html>').encode("utf-8")


def big_html_table(megabytes: int) -> bytes:
    """The seed report as a web page followed by a table of some `megabytes` MB (a data dump published as HTML)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    row = "<tr><td>第{0}项</td><td>{0}</td><td>{0}</td><td>{0}</td></tr>"
    rows = megabytes * 1024 * 1024 // len(row.format(123456))
    table = "<table>" + "".join(row.format(n) for n in range(rows)) + "</table>"
    return (f'<html><head><meta charset="utf-8"></head><body>{"".join(f"<p>{ln}</p>" for ln in lines)}{table}'
            f'</body></html>').encode("utf-8")


def long_docx(xml_megabytes: int) -> bytes:
    """The sample report as our own Word file, its text repeated until document.xml is some `xml_megabytes` MB."""
    from export.docx import write_docx
    from helpers import sample_report

    buffer = io.BytesIO()
    write_docx(sample_report(), buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    document = parts["word/document.xml"]
    body_start = document.index(b"<w:body>") + len(b"<w:body>")
    paragraphs = b"".join(re.findall(rb"<w:p[ >].*?</w:p>", document[body_start:], re.DOTALL)[:40])
    copies = xml_megabytes * 1024 * 1024 // len(paragraphs)
    parts["word/document.xml"] = document[:body_start] + paragraphs * copies + document[body_start:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def dense_pdf(pages: int) -> bytes:
    """`pages` pages of 60 lines of 90 characters each (a statistical annex printed small)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=1)
    pdf.setFont("Helvetica", 7)
    for page in range(pages):
        for line in range(60):
            pdf.drawString(30, 800 - 12.5 * line, " ".join(f"{page:03d}{line:02d}{n:02d}" for n in range(11)))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
