"""The bounded runner: imports run in a child with a memory ceiling and a time limit, ended at once on 取消,
gone with its parent.  A bomb costs the child, never the process that asked."""
import os
import resource
import signal
import subprocess
import sys
import time

import pytest

from bombs import answer_or_explode, convert_for_ever, import_one_or_explode, sleep_then, take_memory
from conftest import FIXTURES, ROOT
from county import unit_report
from export.text import text_file_bytes
from model.bounded import CRASH, MEMORY, TIME, Cancelled, LimitHit, run_each, run_in_child
from model.importers import ImportFailed, import_file_bounded
from model.summary import ImportCache, summarize_folder
from model.summary.units import CLEAN, UNREADABLE
from process_tree import child_pids, linux_only, running, worker_pids

SEED = FIXTURES / "seeds" / "001_869c2ba055e881c8.txt"
YEAR = 2024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_an_import_in_a_child_gives_the_same_report_as_one_read_here():
    from model.importers import import_file

    assert import_file_bounded(SEED).report == import_file(SEED).report


def test_a_refused_file_keeps_its_sentence_through_the_child(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    with pytest.raises(ImportFailed, match="^“空.txt”是空文件，里面没有报告内容。$"):
        import_file_bounded(empty)


def test_a_memory_bomb_ends_the_child_not_the_caller():
    before = peak_mb()
    with pytest.raises(LimitHit) as hit:
        run_in_child(take_memory, 4)
    assert hit.value.limit == MEMORY
    assert hit.value.sentence("合并单元格.xlsx") == ("读取“合并单元格.xlsx”需要的内存超过了 1 GB 的上限，已停止读取。"
                                                 "这个文件不像一份正常的年度报告，请让报送单位重新导出后再读取。")
    assert peak_mb() - before < 100


def test_a_job_past_its_time_is_ended():
    started = time.monotonic()
    with pytest.raises(LimitHit) as hit:
        run_in_child(sleep_then, 30, "never", seconds=1)
    assert hit.value.limit == TIME
    assert time.monotonic() - started < 10
    assert "超过 3 分钟仍未完成，已停止读取" in LimitHit(TIME).sentence("慢.pdf")


def test_a_child_that_dies_is_a_crash_and_cancel_ends_it_at_once():
    with pytest.raises(LimitHit) as hit:
        run_in_child(os._exit, 3)
    assert hit.value.limit == CRASH
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_in_child(sleep_then, 30, "never", cancelled=lambda: time.monotonic() - started > 0.3)
    assert time.monotonic() - started < 5


@linux_only
def test_cancel_also_ends_the_program_the_child_started():
    descendants = set()

    def cancelled():
        for worker in worker_pids(os.getpid()):
            descendants.update({worker} | child_pids(worker))
        return len(descendants) >= 2

    with pytest.raises(Cancelled):
        run_in_child(convert_for_ever, cancelled=cancelled, seconds=30)
    assert len(descendants) == 2
    assert still_running_after(descendants, 2) == []


def still_running_after(pids, seconds):
    """The processes of `pids` still running after at most `seconds` (a killed process takes a moment to go)."""
    deadline = time.monotonic() + seconds
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if running(pid)]


@linux_only
def test_one_bomb_among_jobs_is_that_jobs_answer_and_no_child_outlives_the_run():
    answers, seen_children = {}, set()
    jobs = [(n, (value,)) for n, value in enumerate(("甲", "炸弹", "乙", "丙", "丁"))]
    for key, value in run_each(answer_or_explode, jobs, 2):
        seen_children |= worker_pids(os.getpid())
        answers[key] = value
    assert {k: v for k, v in answers.items() if k != 1} == {0: "甲", 2: "乙", 3: "丙", 4: "丁"}
    assert isinstance(answers[1], LimitHit) and answers[1].limit == MEMORY
    assert not any(running(pid) for pid in seen_children)


# ---------------------------------------------------------------- 汇总
def _units_folder(root, count):
    folder = root / "2024"
    folder.mkdir()
    for number in range(count):
        organ = f"县第{number}局"
        (folder / f"{organ}.txt").write_bytes(text_file_bytes(unit_report(organ, YEAR, number)))
    return folder


def test_a_bomb_and_a_crash_in_a_summary_folder_are_those_units_problems(tmp_path, monkeypatch):
    import model.summary.reading as reading

    monkeypatch.setattr(reading, "import_one", import_one_or_explode)
    folder = _units_folder(tmp_path, 3)
    (folder / "炸弹.xlsx").write_bytes(b"PK\x03\x04 a workbook one merged range makes endless")
    (folder / "崩溃.pdf").write_bytes(b"%PDF-1.7 a file a reader's C code falls over")
    before = peak_mb()
    summary = summarize_folder(folder, None, ImportCache(tmp_path / "cache"), workers=2)
    units = {u.file: u for u in summary.units}
    assert {f: u.status for f, u in units.items()} == {
        "县第0局.txt": CLEAN, "县第1局.txt": CLEAN, "县第2局.txt": CLEAN, "炸弹.xlsx": UNREADABLE,
        "崩溃.pdf": UNREADABLE}
    assert units["炸弹.xlsx"].refusal.startswith("读取“炸弹.xlsx”需要的内存超过了 1 GB 的上限，已停止读取。")
    assert units["崩溃.pdf"].refusal.startswith("读取“崩溃.pdf”的进程意外结束，未能读出这份报告")
    assert peak_mb() - before < 300
    assert not ImportCache(tmp_path / "cache").get(reading.content_hash(folder / "炸弹.xlsx"), "炸弹.xlsx")


def test_a_file_over_the_import_cap_is_refused_unread(tmp_path):
    from model.importers import MAX_BYTES

    folder = _units_folder(tmp_path, 1)
    page = folder / "门户网站.html"
    with page.open("wb") as out:  # a 100 MB page: sparse, so the test writes no 100 MB
        out.truncate(2 * MAX_BYTES)
    summary = summarize_folder(folder, None, ImportCache(tmp_path / "cache"))
    units = {u.file: u for u in summary.units}
    assert units["门户网站.html"].refusal == "“门户网站.html”超过 50 MB，不像是一份年度报告，未读取。"
    assert units["县第0局.txt"].status == CLEAN


@linux_only
def test_kill_9_of_summarize_leaves_no_process_of_ours_running(tmp_path):
    folder = _units_folder(tmp_path, 60)
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "summarize", str(folder), "-o",
                                str(tmp_path / "sum.json")], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    deadline = time.monotonic() + 60
    while not worker_pids(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    ours = child_pids(process.pid)
    assert worker_pids(process.pid), "summarize ended before its workers could be seen"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert still_running_after(ours, 5) == []
