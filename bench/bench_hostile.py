"""Hostile files and crashes: what issue 13 asked to be measured.

Run: python bench/bench_hostile.py [KILLS]
- KILLS (default 150) saving processes killed at random moments: damaged reports, damaged .bak, leftovers after
  the next save;
- crafted report files (numbers no file can hold, a missing year, half a UTF-16 pair): time to the sentence;
- large legal and hostile imports: a 10,000-row table in text and in Word, a zip bomb hiding its size,
  34 MB of text: time, the peak memory of the process that reads them (Linux), and the first words said.
"""
import io
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from model.fileio import ReportFileError, load_report  # noqa: E402
from test_crash_save import kill_during_saves  # noqa: E402
from test_hostile_imports import sample_docx, with_lying_sizes, zipped  # noqa: E402

SAMPLE = ROOT / "resources" / "sample_report.json"
SEED = ROOT / "tests" / "fixtures" / "seeds" / "001_869c2ba055e881c8.txt"
WORKERS = 4

# reads one file in a process of its own and prints seconds, peak MB and the first words of what it said
READ_ONE = r"""
import re, sys, time
from model.importers import import_file, ImportFailed
started = time.perf_counter()
try:
    result = import_file(sys.argv[1])
    said = result.count_line()
except ImportFailed as exc:
    said = str(exc)
seconds = time.perf_counter() - started
peak = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(f"{seconds:.2f}\t{peak}\t{said[:70]}")
"""


def crash_trials(kills: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folders = [Path(folder) / f"w{n}" for n in range(WORKERS)]
        for f in folders:
            f.mkdir()
        started = time.perf_counter()
        with ThreadPoolExecutor(WORKERS) as pool:
            damage = sum(pool.map(kill_during_saves, folders, [kills // WORKERS] * WORKERS, range(WORKERS)), [])
        seconds = time.perf_counter() - started
        leftovers_before = sum(len(list(f.glob(".*.tmp"))) for f in folders)
        for f in folders:
            from model.fileio import save_report
            save_report(load_report(f / "report.json"), f / "report.json")
        leftovers_after = sum(len(list(f.glob(".*.tmp"))) for f in folders)
    reports = sum("report.json:" in d for d in damage)
    backups = sum("report.json.bak:" in d for d in damage)
    print(f"{kills // WORKERS * WORKERS} kills during save ({seconds:.0f} s): damaged reports {reports}, damaged .bak "
          f"{backups}; temporary files left by the last kills {leftovers_before}, after the next save {leftovers_after}")


def crafted_reports() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    data = json.loads(text)
    cases = {
        "1e999999 in a cell": text.replace('"natural_person": 161', '"natural_person": 1e999999'),
        "1e-999999 in a cell": text.replace('"natural_person": 161', '"natural_person": 1e-999999'),
        "5,000-digit count": text.replace('"natural_person": 161', '"natural_person": ' + "9" * 5000),
        "10^30 count": text.replace('"natural_person": 161', '"natural_person": 1' + "0" * 30),
        "no year": json.dumps({k: v for k, v in data.items() if k != "year"}, ensure_ascii=False),
        "no 表三": json.dumps({k: v for k, v in data.items() if k != "sec3"}, ensure_ascii=False),
        "lone surrogate": json.dumps(dict(data, organ="济源\ud800")),
    }
    with tempfile.TemporaryDirectory() as folder:
        for label, content in cases.items():
            path = Path(folder) / "crafted.json"
            path.write_text(content, encoding="utf-8")
            started = time.perf_counter()
            try:
                load_report(path)
                said = "LOADED"
            except ReportFileError as exc:
                said = str(exc)
            print(f"  {label:22} {1000 * (time.perf_counter() - started):6.1f} ms  {said[:90]}")


def big_inputs() -> None:
    import docx
    seed = SEED.read_text(encoding="utf-8")
    document = docx.Document(io.BytesIO(sample_docx()))
    table = document.add_table(rows=1, cols=4)
    for number, cell in enumerate(table.rows[0].cells):
        cell.text = str(number)
    for _ in range(9_999):
        table._tbl.append(deepcopy(table._tbl.tr_lst[0]))
    word = io.BytesIO()
    document.save(word)
    files = {
        "10k-row table.txt": (seed + "\n" + "\n".join(f"| 第{n}项 | {n} | {n} | {n} |" for n in range(10_000))).encode(),
        "10k-row table.docx": word.getvalue(),
        "1 GB zip bomb.docx": with_lying_sizes(
            zipped({"[Content_Types].xml": b"", "word/document.xml": b"<" + bytes(1024 ** 3)}), "word/document.xml", 1000),
        "34 MB of text.txt": (seed * (34_000_000 // len(seed.encode()))).encode(),
    }
    with tempfile.TemporaryDirectory() as folder:
        for name, raw in files.items():
            path = Path(folder) / name
            path.write_bytes(raw)
            done = subprocess.run([sys.executable, "-c", READ_ONE, str(path)], capture_output=True, text=True,
                                  timeout=600, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
            seconds, peak, said = (done.stdout.strip().split("\t") + ["", "", done.stderr[-200:]])[:3]
            print(f"  {name:20} {len(raw) / 1024 / 1024:7.1f} MB file  {seconds:>6} s  peak {peak:>4} MB  {said}")


if __name__ == "__main__":
    crash_trials(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
    print("crafted report files:")
    crafted_reports()
    if sys.platform.startswith("linux"):
        print("large and hostile imports (each in a process of its own):")
        big_inputs()
