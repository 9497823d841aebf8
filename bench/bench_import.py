"""How many table cells the importer gets right on the five published seeds, and how long each import takes.

Run: python bench/bench_import.py
"Right" compares every cell of tables 二, 三 and 四 with tests/fixtures/expected/<seed>.json, read by hand
from the seed's text.  Cells the import report marks as guessed are counted as well, to show how much
of what was right needed the table's arithmetic.  Timing: median of 20 imports of each seed, and of the
sample report through our own Word and text exports.

Per format (the goal: text, HTML, .docx under 50 ms; a PDF of about six pages under 300 ms; a flattened page
under 100 ms): seed 001 as a TRS page, a Hanweb page in GBK, Word's "save as web page", a hand-built Word table,
an Excel template, run-together text, the TRS and Hanweb pages' text with every line break gone, and — when LibreOffice is installed — LibreOffice's PDFs of the Word file and of the page.

Then copy damage as PDFs do it, beyond the five seeds: in the sample report's text, DAMAGED_ROWS random rows
of table 三 each lose one cell or get one doubled (seeded, TRIALS times).  Counted: cells right, and cells
wrong that no note points at ("silently wrong" — the number that must stay 0).
"""
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from export.docx import write_docx  # noqa: E402
from export.text import report_text  # noqa: E402
from model.fileio import load_report  # noqa: E402
from model.importers import GUESSED, UNREADABLE, ImportFailed, import_bytes, import_file  # noqa: E402
from model.layout import TABLES  # noqa: E402
from libreoffice import convert, soffice  # noqa: E402
from material import (hand_built_docx, hanweb_page, load_seed, official_xlsx, trs_page,  # noqa: E402
                      word_web_page)
from seed_expectations import SEEDS, expected_cells, expected_for  # noqa: E402
from text_layer_copies import report_text as run_together_text  # noqa: E402
from flattened_pages import flattened_page  # noqa: E402

RUNS = 20
TRIALS = 200
DAMAGED_ROWS = 3


def median_ms(run) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    total = right = 0
    print(f"{'seed':<28}{'cells':>7}{'right':>7}{'in guessed rows':>17}{'unreadable notes':>18}{'ms':>8}")
    for seed in SEEDS:
        result = import_file(seed)
        cells = expected_cells(expected_for(seed))
        correct = [c for c, v in cells.items() if result.report.table(c[0])[c[1]][c[2]] == v]
        guessed_rows = {(n.table, n.row) for n in result.of_kind(GUESSED)}
        in_guessed = sum(1 for c in correct if (c[0], c[1]) in guessed_rows or (c[0], None) in guessed_rows)
        ms = median_ms(lambda seed=seed: import_file(seed))
        print(f"{seed.name:<28}{len(cells):>7}{len(correct):>7}{in_guessed:>17}{len(result.of_kind(UNREADABLE)):>18}"
              f"{ms:>8.1f}")
        total += len(cells)
        right += len(correct)
    print(f"\ncells imported right on the seeds: {right}/{total} = {right / total:.1%}")

    sample = load_report(ROOT / "resources" / "sample_report.json")
    buffer = io.BytesIO()
    write_docx(sample, buffer)
    word, text = buffer.getvalue(), report_text(sample).encode("utf-8")
    print(f"sample report, our own .docx: {median_ms(lambda: import_bytes(word, 'sample.docx')):.1f} ms; "
          f"our own text: {median_ms(lambda: import_bytes(text, 'sample.txt')):.1f} ms")
    formats()
    damage_trials(sample)


def formats() -> None:
    seed_path = SEEDS[1]
    seed, expected = load_seed(seed_path), expected_for(seed_path)
    cells = expected_cells(expected)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = {"TRS 网页.html": trs_page(seed), "Hanweb 网页 (GBK).html": hanweb_page(seed),
                 "Word 另存网页.htm": word_web_page(seed),
                 "连在一起的文字.txt": run_together_text(expected["organ"], expected["year"], cells, "one_line").encode(),
                 "TRS 网页文字，无换行.txt": flattened_page(seed, "TRS", "as_served").encode(),
                 "Hanweb 网页文字，无换行.txt": flattened_page(seed, "Hanweb", "as_served").encode()}
        for name, data in files.items():
            (folder / name).write_bytes(data)
        hand_built_docx(seed, folder / "手工 Word 表格.docx")
        official_xlsx(seed, folder / "Excel 模板.xlsx")
        if soffice():
            (folder / "page.html").write_bytes(trs_page(seed))
            for made in convert([folder / "手工 Word 表格.docx", folder / "page.html"], "pdf", folder):
                made.rename(folder / f"LibreOffice 打印的 {made.stem}.pdf")
        print(f"\nseed {seed_path.stem[:3]} per format{'' if soffice() else ' (no LibreOffice: no PDFs)'}:")
        print(f"{'format':<32}{'cells right':>12}{'exit':>6}{'ms':>8}")
        for path in sorted(p for p in folder.iterdir() if p.name != "page.html"):
            try:
                result = import_file(path)
            except ImportFailed as failed:  # a LibreOffice without Chinese fonts prints boxes
                print(f"{path.name:<32}{'—':>12}{2:>6}    {failed}")
                continue
            right = sum(result.report.table(c[0])[c[1]][c[2]] == v for c, v in cells.items())
            print(f"{path.name:<32}{f'{right}/{len(cells)}':>12}{0 if result.certain else 3:>6}"
                  f"{median_ms(lambda path=path: import_file(path)):>8.1f}")


def damaged_text(text: str, rng: random.Random) -> str:
    """Table 三's value rows (label + 7 numbers, tab-separated): some lose a cell, some get one twice."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if line.count("\t") == 9 and line.split("\t")[-1].isdigit()]
    for i in rng.sample(rows, DAMAGED_ROWS):
        cells = lines[i].split("\t")
        position = rng.randrange(3, 10)
        if rng.random() < 0.7:
            del cells[position]
        else:
            cells.insert(position, cells[position])
        lines[i] = "\t".join(cells)
    return "\n".join(lines)


def damage_trials(sample) -> None:
    rng = random.Random(2021)
    text = report_text(sample)
    cells = right = silent = flagged_rows = 0
    for _ in range(TRIALS):
        result = import_bytes(damaged_text(text, rng).encode("utf-8"), "damaged.txt")
        doubted = {(n.table, n.row) for n in result.notes if n.kind in (GUESSED, UNREADABLE)}
        flagged_rows += len(doubted)
        for row in TABLES["sec3"].rows:
            for col in row.columns:
                cells += 1
                if result.report.sec3[row.key][col] == sample.sec3[row.key][col]:
                    right += 1
                elif ("sec3", row.key) not in doubted:
                    silent += 1
    print(f"damaged copies of the sample ({TRIALS} × {DAMAGED_ROWS} rows of 表三): cells right {right}/{cells} = "
          f"{right / cells:.1%}; silently wrong {silent}; rows named in the import report {flagged_rows}")


if __name__ == "__main__":
    main()
