"""Hostile files and crashes: what issue 13 asked to be measured.

Run: python bench/bench_hostile.py [KILLS]
- KILLS (default 150) saving processes killed at random moments: damaged reports, damaged .bak, leftovers after
  the next save;
- crafted report files (numbers no file can hold, a missing year, half a UTF-16 pair): time to the sentence;
- large legal and hostile imports: a 10,000-row table in text and in Word, a zip bomb hiding its size,
  34 MB of text: time, the peak memory of the process that reads them (Linux), and the first words said;
- absurd structure (a merge over a whole sheet, a PDF stream of 1.5 GB, 10,000 nested <div>s), large inputs under
  the caps (10^6 sheet rows, a 35 MB web table, 290 dense PDF pages, 55 MB of Word XML), misleading cases (a broken
  cross-reference table, NUL bytes in UTF-8 text) and report files far beyond a report, exported: the same.
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
    read_each_in_a_child(files, READ_ONE)


def read_each_in_a_child(files: dict[str, bytes], script: str) -> None:
    """Each file given to `script` in a process of its own, held to 4 GB of address space (so a bomb ends the
    child, not the machine) and 300 s; prints its size, seconds, peak memory (VmHWM) and the first words said."""
    with tempfile.TemporaryDirectory() as folder:
        for name, raw in files.items():
            path = Path(folder) / name
            path.write_bytes(raw)
            try:
                done = subprocess.run([sys.executable, "-c", HELD + script, str(path)], capture_output=True,
                                      text=True, timeout=300, cwd=ROOT,
                                      env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
                output = done.stdout.strip() or "\t\t" + (done.stderr.strip().splitlines() or ["(nothing)"])[-1]
            except subprocess.TimeoutExpired:
                output = "> 300\t\tstill reading, ended"
            seconds, peak, said = (output.split("\t") + ["", "", ""])[:3]
            print(f"  {name:30} {len(raw) / 1024 / 1024:7.1f} MB file  {seconds:>6} s  peak {peak:>4} MB  {said[:90]}")


HELD = "import resource; resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))\n"


def structure_limits() -> None:
    """Issue 21: absurd structure refused before it is expanded, large inputs under the caps, misleading
    sentences (the files made by tests/hostile_inputs.py)."""
    import hostile_inputs as make
    from export.pdf import write_pdf
    from helpers import sample_report

    text_pdf = io.BytesIO()
    write_pdf(sample_report(), text_pdf)
    seed = SEED.read_bytes()
    files = {
        "merge A1:XFD1048576.xlsx": make.whole_sheet_merge_xlsx(),
        "10^6 rows.xlsx": make.million_row_xlsx(),
        "stream of 1.5 GB.pdf": make.inflating_pdf(1500),
        "broken xref.pdf": make.with_broken_cross_references(text_pdf.getvalue()),
        "290 dense pages.pdf": make.dense_pdf(290),
        "100 dense pages (the most).pdf": make.dense_pdf(100),
        "10,000 divs deep.html": make.nested_html(10_000),
        "35 MB table.html": make.big_html_table(35),
        "55 MB document.xml.docx": make.long_docx(55),
        "UTF-8 with NUL bytes.txt": seed[:300] + b"\x00" + seed[300:],
    }
    read_each_in_a_child(files, READ_ONE)


# exports one report file in a process of its own (Word, then PDF), as READ_ONE prints
EXPORT_ONE = r"""
import io, re, sys, time
from export.docx import write_docx
from export.pdf import write_pdf
from model.fileio import ReportFileError, load_report
started = time.perf_counter()
try:
    report = load_report(sys.argv[1])
    for write in (write_docx, write_pdf):
        write(report, io.BytesIO())
    said = "exported (Word and PDF)"
except ReportFileError as exc:
    said = str(exc)
seconds = time.perf_counter() - started
peak = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(f"{seconds:.2f}\t{peak}\t{said}")
"""


def export_limits() -> None:
    """Issue 21: report files whose text is far beyond a report (refused where read) and the largest text
    allowed (exported in linear time), a 240-character organ name in the Word file's properties."""
    from model.report import MAX_NARRATIVE_CHARACTERS, MAX_PARAGRAPHS

    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    sentence = "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。"

    def report_file(**changes) -> bytes:
        return json.dumps(dict(data, **changes), ensure_ascii=False).encode("utf-8")

    per_paragraph = MAX_NARRATIVE_CHARACTERS // MAX_PARAGRAPHS
    files = {
        "one paragraph of 3.5 M chars": report_file(overview=[{"text": "政" * 3_500_000}]),
        "100,000 short paragraphs": report_file(overview=[{"text": sentence}] * 100_000),
        f"{MAX_PARAGRAPHS:,} paragraphs (the most)": report_file(
            overview=[{"text": (sentence * 2)[:per_paragraph]}] * (MAX_PARAGRAPHS - 10)),
        "organ name of 240 chars": report_file(organ="某" * 240),
    }
    read_each_in_a_child(files, EXPORT_ONE)


# ---------------------------------------------------------------- 汇总 and the bounded import child (issue 21)
# each summary runs in a process of its own: seconds, its peak MB and its largest import child's, what it said
SUMMARIZE = r"""
import re, resource, sys, time
from model.summary import ImportCache, summarize_folder
cache = ImportCache(__import__("pathlib").Path(sys.argv[1]))
for folder in sys.argv[2:]:
    started = time.perf_counter()
    try:
        summary = summarize_folder(folder, None, cache)
        said = "; ".join(f"{u.file} {u.refusal[:60] or u.status}" for u in summary.units if u.status == "unreadable")
        said = (summary.cache_note + " " if summary.cache_note else "") + (said or f"{len(summary.units)} units read")
    except Exception as exc:
        said = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    own = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) // 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"{seconds:.2f}\t{own}\t{child}\t{said}", flush=True)
"""


def merge_bomb_xlsx() -> bytes:
    """A 5 KB workbook whose one merged range covers the whole sheet (A1:XFD1048576)."""
    import openpyxl
    import zipfile

    book = openpyxl.Workbook()
    book.active["A1"] = "2021年政府信息公开工作年度报告"
    plain, bomb = io.BytesIO(), io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                                      b'<mergeCell ref="A1:XFD1048576"/></mergeCells>')
            target.writestr(item, data)
    return bomb.getvalue()


def units_folder(root: Path, name: str, count: int) -> Path:
    from county import unit_report
    from export.text import text_file_bytes

    folder = root / name
    folder.mkdir()
    for number in range(count):
        organ = f"县第{number}局"
        (folder / f"{organ}.txt").write_bytes(text_file_bytes(unit_report(organ, 2024, number)))
    return folder


def summarize_in_a_process(cache: Path, *folders: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", SUMMARIZE, str(cache), *map(str, folders)], capture_output=True,
                          text=True, timeout=900, cwd=ROOT, env={"PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}",
                                                                  "PATH": "/usr/bin:/bin"})
    lines = done.stdout.strip().splitlines()
    return lines if lines and done.returncode == 0 else lines + [f"\t\t\texit {done.returncode} {done.stderr[-200:]}"]


def print_summary_line(label: str, line: str) -> None:
    seconds, own, child, said = (line.split("\t") + ["", "", "", ""])[:4]
    print(f"  {label:34} {seconds:>6} s  peak {own:>4} MB, largest child {child:>4} MB  {said[:110]}")


def summary_cases() -> None:
    from county import unit_report
    from export.files import save_docx, save_pdf
    from test_summary import County

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        county = County(root)  # its folders 2024 and 2023
        exported = root / "exported"
        exported.mkdir()
        save_docx(unit_report("县审计局", 2024, 21), exported / "审计局.docx")
        save_pdf(unit_report("县统计局", 2024, 22), exported / "统计局.pdf")
        first, second = summarize_in_a_process(root / "cache", county.folder, exported)
        print_summary_line("a county's folder (cache filled)", first)
        print_summary_line("then .docx + .pdf we exported", second)

        paged = units_folder(root, "paged", 3)
        with (paged / "门户网站.html").open("wb") as page:
            page.write(b"<html><body><table>" + b"<tr><td>1</td></tr>" * (100 * 1024 ** 2 // 19) + b"</table>")
        print_summary_line("3 units + a 100 MB page", summarize_in_a_process(root / "cache", paged)[0])

        bombed = units_folder(root, "bombed", 3)
        (bombed / "合并单元格.xlsx").write_bytes(merge_bomb_xlsx())
        print_summary_line("3 units + a 5 KB merge bomb .xlsx", summarize_in_a_process(root / "cache", bombed)[0])
        print_summary_line("  the same folder read again", summarize_in_a_process(root / "cache", bombed)[0])

        orphan_check(units_folder(root, "many", 60), root)


def orphan_check(folder: Path, root: Path) -> None:
    """kill -9 of `summarize` while its import children work: how many of them still run 3 s later."""
    import os
    import signal

    from process_tree import child_pids, running, worker_pids

    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "summarize", str(folder), "-o",
                                str(root / "sum.json")], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "XDG_CACHE_HOME": str(root / "xdg")})
    deadline = time.monotonic() + 60
    while not worker_pids(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    ours = child_pids(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(3)
    left = [pid for pid in ours if running(pid)]
    print(f"  kill -9 of summarize with {len(ours)} processes of its own: "
          f"{len(left)} still running 3 s later")
    for pid in left:
        os.kill(pid, signal.SIGKILL)


def bounded_import_overhead(rounds: int = 5) -> None:
    """A small .docx imported here and in a bounded child, side by side: what the child costs."""
    from model.importers import import_file, import_file_bounded

    with tempfile.TemporaryDirectory() as folder:
        word = Path(folder) / "年报.docx"
        word.write_bytes(sample_docx())
        size_kb = word.stat().st_size // 1024
        times = {"in this process": [], "in a bounded child": []}
        for _ in range(rounds):
            for label, run in (("in this process", import_file), ("in a bounded child", import_file_bounded)):
                started = time.perf_counter()
                run(word)
                times[label].append(time.perf_counter() - started)
    for label, seconds in times.items():
        print(f"  {label:20} median {1000 * sorted(seconds)[len(seconds) // 2]:6.0f} ms "
              f"(min {1000 * min(seconds):.0f}, max {1000 * max(seconds):.0f}) for a {size_kb} KB .docx")


if __name__ == "__main__":
    crash_trials(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
    print("crafted report files:")
    crafted_reports()
    if sys.platform.startswith("linux"):
        print("large and hostile imports (each in a process of its own):")
        big_inputs()
        print("absurd structure and large inputs under the caps (issue 21):")
        structure_limits()
        print("report files far beyond a report, exported (issue 21):")
        export_limits()
        print("汇总: cache, caps, bombs and kill -9 (each summary in a process of its own):")
        summary_cases()
    print("import of a small .docx, here and in the bounded child:")
    bounded_import_overhead()
