"""汇总 of a county's folder: how long reading, checking, comparing and summing 500 units takes, and how much memory.

Run: python bench/bench_summary.py [UNITS] [--docx-share 0.5]
Generates (in a temporary folder) UNITS reports of this year, a share of them as Word files made by our exporter,
the rest as our .json, and last year's folder of .json.  A handful of .docx are exported; the others are those
with the organ's name changed inside word/document.xml, so every file is distinct and imported for real.
Measured (wall clock and CPU time, with the machine's load average, since other work shares the cores): a cold read
with one import child (model/bounded), a cold read with one child per core, and the reopening of the unchanged folder
(the import cache).  Memory: peak resident size of this process and of the largest import child.
"""
import argparse
import io
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from county import unit_report  # noqa: E402
from export.docx import write_docx  # noqa: E402
from model.fileio import save_report  # noqa: E402
from model.summary import ImportCache, summarize_folder  # noqa: E402

YEAR = 2024
TEMPLATES = 4  # Word files really exported; the rest are copies with another organ's name
TEMPLATE_ORGAN = "县模板单位甲"


def organ(number: int) -> str:
    kinds = ("局", "委员会", "镇人民政府", "街道办事处")
    return f"县第{number:03}{kinds[number % len(kinds)]}"


def docx_templates() -> list[bytes]:
    templates = []
    for seed in range(TEMPLATES):
        buffer = io.BytesIO()
        write_docx(unit_report(TEMPLATE_ORGAN, YEAR, 1000 + seed), buffer)
        templates.append(buffer.getvalue())
    return templates


def renamed_docx(template: bytes, name: str) -> bytes:
    """The template with its organ's name changed in the document's text."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(TEMPLATE_ORGAN.encode(), name.encode())
            target.writestr(item, data)
    return out.getvalue()


def generate(root: Path, units: int, docx_share: float) -> tuple[Path, Path]:
    folder, last_folder = root / str(YEAR), root / str(YEAR - 1)
    folder.mkdir()
    last_folder.mkdir()
    templates = docx_templates()
    docx_count = round(units * docx_share)
    for number in range(units):
        last = unit_report(organ(number), YEAR - 1, number)
        save_report(last, last_folder / f"{number:03}.json")
        if number < docx_count:
            (folder / f"{number:03}.docx").write_bytes(renamed_docx(templates[number % TEMPLATES], organ(number)))
        else:
            save_report(unit_report(organ(number), YEAR, 5000 + number, last), folder / f"{number:03}.json")
    return folder, last_folder


def cpu_seconds() -> float:
    """CPU time of this process and its finished workers: unlike the clock, not inflated by other load."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(label: str, run) -> object:
    start, cpu = time.perf_counter(), cpu_seconds()
    result = run()
    print(f"{label:<44}{time.perf_counter() - start:>8.2f} s wall {cpu_seconds() - cpu:>8.2f} s CPU "
          f"(load average {os.getloadavg()[0]:.1f})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("units", nargs="?", type=int, default=500)
    parser.add_argument("--docx-share", type=float, default=0.5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        folder, last_folder = generate(root, args.units, args.docx_share)
        print(f"generated {args.units} units ({round(args.units * args.docx_share)} .docx) and last year's "
              f"in {time.perf_counter() - start:.1f} s; {os.cpu_count()} cores")

        def run(workers: int, cache_dir: Path):
            summary = summarize_folder(folder, last_folder, ImportCache(cache_dir), workers=workers)
            summed = summary.sum()
            return summary, summed

        summary, summed = timed("cold, 1 import child (read+check+compare+sum)", lambda: run(1, root / "cache1"))
        timed(f"cold, {os.cpu_count()} import children", lambda: run(os.cpu_count() or 1, root / "cache2"))
        timed("reopened, unchanged (import cache)", lambda: run(os.cpu_count() or 1, root / "cache2"))
        imported = [u for u in summary.units if u.read.imported]
        print(f"units {len(summary.units)}, summed {len(summed.included)}, imported {len(imported)} "
              f"(guessed cells {sum(u.read.guessed_cells for u in imported)}), "
              f"missing {len(summary.missing)}, new {len(summary.new)}, "
              f"errors in {sum(bool(u.errors) for u in summary.units)} units")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: this process {own:.0f} MB, largest import child {workers:.0f} MB")


if __name__ == "__main__":
    main()
