"""How well the recogniser reads tables that lost their shape: cells run together (a web page's or PDF's
text layer) and Markdown made from PDFs.

Run: python bench/bench_recognise.py
Each seed's hand-read cells (tests/fixtures/expected/) are written as run-together text in two shapes
(tests/text_layer_copies.py: a grid row a line, or each table on one line) and as Markdown broken in nine
ways (tests/pdf_markdown_copies.py: labels detached from numbers, placeholder rows, wrapped labels, headings
renumbered or worded otherwise, （六）其他处理 as one row, labels out of order), and as the text of the seeds'
TRS and Hanweb pages with every line break gone (tests/flattened_pages.py, four variants), and imported.  Counted per variant:
cells right and certain, right but marked guessed, left blank (named with their alternatives), and wrong —
the number that must stay 0.  Timing: median of 5 imports.
"""
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from model.importers import GUESSED, import_bytes  # noqa: E402
from seed_expectations import SEEDS, expected_cells, expected_for  # noqa: E402
from pdf_markdown_copies import SHAPES as MARKDOWN_SHAPES, report_markdown  # noqa: E402
from text_layer_copies import SHAPES as TEXT_SHAPES, report_text  # noqa: E402
from flattened_pages import SYSTEMS, VARIANTS, flattened_page  # noqa: E402
from material import load_seed  # noqa: E402

COPIES = [(shape, report_text, "copy.txt") for shape in TEXT_SHAPES]
COPIES += [(shape, report_markdown, "copy.md") for shape in MARKDOWN_SHAPES]
COPIES += [(f"{system} {variant}", lambda seed, shape: flattened_page(load_seed(seed), *shape.split()), "page.txt")
           for system in SYSTEMS for variant in VARIANTS]


def main() -> None:
    totals = dict.fromkeys(("cells", "right", "guessed", "blank", "wrong"), 0)
    shape_totals = {shape: dict(totals) for shape, _, _ in COPIES}
    print(f"{'seed':<6}{'shape':<24}{'cells':>6}{'right':>7}{'guessed':>9}{'blank':>7}{'wrong':>7}{'ms':>7}")
    for seed in SEEDS:
        expected = expected_for(seed)
        cells = expected_cells(expected)
        for shape, write, name in COPIES:
            raw = (write(seed, shape) if name == "page.txt"
                   else write(expected["organ"], expected["year"], cells, shape)).encode("utf-8")
            times = []
            for _ in range(5):
                start = time.perf_counter()
                result = import_bytes(raw, name)
                times.append(time.perf_counter() - start)
            guessed_cells = {(n.table, r, c) for n in result.of_kind(GUESSED) for r, c in n.cells}
            counts = dict.fromkeys(totals, 0)
            for key, value in cells.items():
                got = result.report.table(key[0])[key[1]][key[2]]
                counts["cells"] += 1
                if got is None:
                    counts["blank"] += 1
                elif got != value:
                    counts["wrong"] += 1
                elif key in guessed_cells:
                    counts["guessed"] += 1
                else:
                    counts["right"] += 1
            for key, count in counts.items():
                totals[key] += count
                shape_totals[shape][key] += count
            print(f"{seed.stem[:3]:<6}{shape:<24}{counts['cells']:>6}{counts['right']:>7}{counts['guessed']:>9}"
                  f"{counts['blank']:>7}{counts['wrong']:>7}{statistics.median(times) * 1000:>7.0f}")
    for shape, _, _ in COPIES:
        by_shape = shape_totals[shape]
        print(f"{'all':<6}{shape:<24}{by_shape['cells']:>6}{by_shape['right']:>7}{by_shape['guessed']:>9}"
              f"{by_shape['blank']:>7}{by_shape['wrong']:>7}")
    print(f"{'all':<30}{totals['cells']:>6}{totals['right']:>7}{totals['guessed']:>9}{totals['blank']:>7}"
          f"{totals['wrong']:>7}")


if __name__ == "__main__":
    main()
