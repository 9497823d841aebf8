"""Small builders shared by the model tests."""
import datetime as dt
from decimal import Decimal

from conftest import ROOT
from model.fileio import load_report
from model.report import Paragraph, Report
from model.totals import recompute_all

SAMPLE = ROOT / "resources" / "sample_report.json"


def sample_report() -> Report:
    return load_report(SAMPLE)


def filled_report(cells: dict | None = None) -> Report:
    """A complete, consistent report with every count 0 and the narrative filled in."""
    report = Report(organ="某县交通运输局", year=2023, published=dt.date(2024, 1, 20))
    for key in ("sec2", "sec3", "sec4"):
        table = report.table(key)
        for row in table.values():
            for col in row:
                row[col] = Decimal(0)
    report.overview = [Paragraph(text="（一）主动公开情况", heading=True), Paragraph(text="本年度主动公开信息120条。")]
    report.problems = [Paragraph(text="公开内容还不够全面，下一步加强培训。")]
    report.other_matters = [Paragraph(text="本年度未收取信息处理费。")]
    for (table, row, col), value in (cells or {}).items():
        report.table(table)[row][col] = Decimal(value)
    recompute_all(report)
    return report


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text=t) for t in texts]
