"""How long one edit costs the model: recompute the totals it touches, then run every rule.

Run: python bench/bench_rules.py
"""
import sys
import timeit
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.fileio import load_report  # noqa: E402
from model.report import LastYear  # noqa: E402
from model.rules import check_report  # noqa: E402
from model.totals import recompute_after_edit  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample_report.json"


def main() -> None:
    report = load_report(SAMPLE)
    last = LastYear.of(report)  # with last year known, W1 and W2 run too
    counter = iter(range(10**9))

    def one_edit() -> None:
        report.sec3["granted"]["natural_person"] = Decimal(next(counter) % 100)
        recompute_after_edit(report, "sec3", ("granted", "natural_person"))
        check_report(report, last)

    for label, fn in (("check_report only", lambda: check_report(report, last)),
                      ("edit + recompute + check_report", one_edit)):
        runs = 2000
        best = min(timeit.repeat(fn, number=runs, repeat=5)) / runs
        print(f"{label:34s} {best * 1e6:8.1f} µs per call (best of 5 × {runs})")


if __name__ == "__main__":
    main()
