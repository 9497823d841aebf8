"""How long the rules take: one table edit on the sample, and a full `check` of a ten-page report with last
year's report (the review rules' copied-text comparison included).

Run: python bench/bench_rules.py
"""
import sys
import timeit
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from export.pdf import pdf_bytes  # noqa: E402
from model.carryover import new_from_last_year  # noqa: E402
from model.fileio import load_report  # noqa: E402
from model.importers import import_file  # noqa: E402
from model.report import LastYear, Paragraph  # noqa: E402
from model.rules import check_report, narrative_claims  # noqa: E402
from model.text_rules import last_year_text  # noqa: E402
from model.totals import recompute_after_edit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample_report.json"
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
PAGES = 10


def best_of(fn, runs: int) -> float:
    return min(timeit.repeat(fn, number=runs, repeat=5)) / runs


def ten_page_reports():
    """Last year's report: seed 001 with every seed's narrative (about ten A4 pages once exported); this year's:
    carried over from it with half of each section rewritten, as a clerk's draft half-way through."""
    last = load_report(SAMPLE)
    seeds = [import_file(seed).report for seed in SEEDS]
    for key in ("overview", "problems", "other_matters"):
        setattr(last, key, [p for report in seeds for p in report.narrative(key)])
    this = new_from_last_year(last, last.year + 1)
    for key in ("overview", "problems", "other_matters"):
        paragraphs = this.narrative(key)
        for index in range(0, len(paragraphs), 2):
            paragraphs[index] = Paragraph(text=f"本年度第{index}项工作：" + "按照新要求调整了公开目录并逐条核对更新内容，" * 3)
    return last, this


def main() -> None:
    report = load_report(SAMPLE)
    last = LastYear.of(report)  # with last year known, W1, W2, W7 and the stale-figure check run too
    counter = iter(range(10**9))

    def one_edit() -> None:
        report.sec3["granted"]["natural_person"] = Decimal(next(counter) % 100)
        recompute_after_edit(report, "sec3", ("granted", "natural_person"))
        check_report(report, last)

    for label, fn in (("sample: check_report only", lambda: check_report(report, last)),
                      ("sample: edit + recompute + check", one_edit)):
        print(f"{label:44s} {best_of(fn, 500) * 1e3:8.3f} ms per call (best of 5 × 500)")

    last_report, this = ten_page_reports()
    pages = len(pdf_bytes(this).split(b"/Type /Page")) - 2  # every page object, less the /Pages tree
    chars = sum(len(p.text) for key in ("overview", "problems", "other_matters") for p in this.narrative(key))
    link = LastYear.of(last_report)
    print(f"ten-page report: {pages} PDF pages, {chars} characters of text, last year's report linked")

    def cold() -> None:  # last year's sentences indexed afresh, every sentence compared, every paragraph read
        last_year_text.cache_clear()
        narrative_claims.cache_clear()
        check_report(this, LastYear.of(last_report))

    typed = iter(range(10**9))
    paragraph = this.overview[1]

    def typing() -> None:  # one paragraph changed since the last check, as after a keystroke
        paragraph.text = f"本年度共开展培训{next(typed)}次，" + paragraph.text[12:]
        check_report(this, link)

    for label, fn, runs in (("10 pages: full check, last year first seen", cold, 50),
                            ("10 pages: full check after a keystroke", typing, 200),
                            ("10 pages: full check, nothing changed", lambda: check_report(this, link), 200)):
        print(f"{label:44s} {best_of(fn, runs) * 1e3:8.3f} ms per call (best of 5 × {runs})")
    findings = check_report(this, link)
    print(f"findings on the ten-page draft: {len(findings)} "
          f"({sum(f.rule == 'W7' for f in findings)} of them W7 copied-text marks)")


if __name__ == "__main__":
    main()
