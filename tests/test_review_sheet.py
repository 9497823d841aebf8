"""出错说明 on the 审核签发单 and the 自查表, in the PDF and Word files the leader signs; never in the report."""
import io
import re

import pdfplumber
from docx import Document

from export.docx import write_docx
from export.pagestyle import ExportOptions
from export.pdf import pdf_bytes
from helpers import sample_report
from model.rules import check_report

REASON = "表四的4件是复议机关转来的案件，正文写本机关收到的件数"


def explained_sample():
    report = sample_report()  # seed 001: W4 (复议 0 件 in the text, 4 in table 四) and W13 (no 成文日期)
    w4 = next(f for f in check_report(report) if f.rule == "W4")
    report.explanations[w4.key] = REASON
    return report


def pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [re.sub(r"\s", "", page.extract_text() or "") for page in pdf.pages]


def test_the_signoff_sheet_counts_the_explained_warning_apart_and_quotes_the_reason():
    pages = pdf_pages(pdf_bytes(explained_sample(), ExportOptions(signoff_sheet=True)))
    sheet = pages[0]
    assert "0个错误，1个警告（另有1条已说明原因）" in sheet
    assert "（W4）" in sheet and re.sub(r"\s", "", REASON) in sheet  # the caption 说明（W4） wraps beside it
    assert all(REASON[:10] not in page for page in pages[1:])  # never printed in the published report


def test_the_review_sheet_lists_every_rule_with_its_mark_after_the_signoff_sheet():
    pages = pdf_pages(pdf_bytes(explained_sample(), ExportOptions(signoff_sheet=True, review_sheet=True)))
    sheets = "".join(p for p in pages if "自查表" in p or "自查人" in p)
    assert "审核签发单" in pages[0] and "自查表" in pages[1]
    for mark_and_code in ("√E1", "√W7", "！W4", "！W13"):
        assert mark_and_code in sheets
    assert "（已说明：" + re.sub(r"\s", "", REASON) in sheets
    report_pages = [p for p in pages if "—1—" in p]
    assert len(report_pages) == 1 and "一、总体情况" in report_pages[0]  # numbering starts at the report


def test_the_review_sheet_in_word_is_its_own_section():
    buffer = io.BytesIO()
    write_docx(explained_sample(), buffer, ExportOptions(review_sheet=True))
    document = Document(io.BytesIO(buffer.getvalue()))
    assert document.paragraphs[0].text == "政府信息公开工作年度报告自查表"
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "√ E1" in cells and "！ W4" in cells
    assert any(REASON in text for text in cells)
    assert len(document.sections) == 2


def test_an_explained_error_is_still_an_error_at_export_and_on_the_signoff_sheet(tmp_path):
    import subprocess
    import sys
    from decimal import Decimal

    from conftest import ROOT
    from model.fileio import save_report
    report = sample_report()
    report.sec3["total"]["natural_person"] += Decimal(1)  # as printed wrong in a published copy
    errors = [f for f in check_report(report) if f.severity == "error"]
    for finding in errors:
        report.explanations[finding.key] = "与已公开的原件一致"
    save_report(report, tmp_path / "r.json")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(tmp_path / "r.json"),
                             "--pdf", str(tmp_path / "r.pdf"), "--signoff"],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1 and f"还有 {len(errors)} 个错误" in result.stderr
    sheet = pdf_pages((tmp_path / "r.pdf").read_bytes())[0]
    # the caption 检查结果 is set beside the text and interleaves with it when the PDF's text is read back
    assert f"另有{len(errors)}条已说明原因，其" in sheet and f"中{len(errors)}个错误）" in sheet


def test_every_explanation_reaches_the_review_sheet_however_many_findings_a_rule_has():
    from export.content import review_sheet
    from model.carryover import new_from_last_year
    from model.importers import import_file
    from seed_expectations import SEEDS
    draft = new_from_last_year(import_file(SEEDS[4]).report, 2022)  # 23 W7 findings: 3 sections, 20 sentences
    w7 = [f for f in check_report(draft) if f.rule == "W7"]
    draft.explanations[w7[-1].key] = "这是固定的机构职能表述"
    [(caption, text)] = [fact for fact in review_sheet(draft).facts if fact[0].endswith("W7")]
    assert caption == "！ W7"
    assert "（已说明：这是固定的机构职能表述）" in text
    assert text.endswith(f"另有 {len(w7) - 4} 条，见编辑器“检查结果”")
