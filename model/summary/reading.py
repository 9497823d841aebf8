"""Reading every report in a folder: our own files (.nianbao, .json) directly, everything else through the
importers, imports in worker processes when there are enough of them, and each import remembered by the file's
content hash."""
from __future__ import annotations

import concurrent.futures
import hashlib
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from model.fileio import ReportFileError, read_user_file, report_from_bytes
from model.filetype import EXTENSIONS, is_report_file
from model.importers import GUESSED, SUFFIXES as IMPORT_SUFFIXES
from model.importers import UNREADABLE, ImportFailed, import_bytes
from model.layout import TABLES
from model.report import Report

if TYPE_CHECKING:
    from model.summary.cache import ImportCache

# below this many files to import, starting worker processes costs more than it saves
MIN_IMPORTS_FOR_WORKERS = 12
CHUNK = 8  # imports handed to a worker at a time: fewer round trips, still an even spread

Progress = Callable[[int, int, str], None]  # files done, files in all, the file just read


class SummaryCancelled(Exception):
    """The clerk pressed 取消."""


@dataclass
class ReadReport:
    """One file of the folder as read: its report, or the sentence saying why it could not be read."""

    file: str  # name inside the folder
    report: Report | None
    problem: str = ""
    imported: bool = False  # read through the importers, not our own file format
    guessed_cells: int = 0  # table cells the import placed by a guess
    unreadable_cells: int = 0  # table cells the import could not read
    notes: list[str] = field(default_factory=list)  # the guesses and gaps, as the import describes them
    remember: bool = True  # false when the reading failed for a reason of this run (a worker that died)


def report_files(folder: Path) -> list[Path]:
    """The files in `folder` that may hold a report: our own (.nianbao, .json) and every format import reads.
    Hidden files, Word's lock files (~$…) and backups are left out."""
    suffixes = {*EXTENSIONS, *IMPORT_SUFFIXES}
    return sorted((p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~$"))),
                  key=lambda p: p.name)


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_reports(paths: list[Path], cache: "ImportCache | None" = None, progress: Progress | None = None,
                 cancelled: Callable[[], bool] = lambda: False, workers: int | None = None) -> list[ReadReport]:
    """Every file read, in the order given.  Imports not in `cache` run in `workers` processes
    (default: one per core when there are enough of them); the cache learns them."""
    total = len(paths)
    results: dict[int, ReadReport] = {}
    to_import: list[tuple[int, bytes, str]] = []
    hashes: dict[int, str] = {}
    done = 0

    def tick(name: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, name)
        if cancelled():
            raise SummaryCancelled

    for index, path in enumerate(paths):
        try:
            raw = read_user_file(path)
        except ReportFileError as exc:
            results[index] = ReadReport(path.name, None, str(exc))
            tick(path.name)
            continue
        if is_report_file(path) and raw.lstrip().startswith(b"{"):
            results[index] = _read_own_file(raw, path.name)
            tick(path.name)
            continue
        hashes[index] = content_hash(raw)
        remembered = cache.get(hashes[index], path.name) if cache else None
        if remembered is not None:
            results[index] = remembered
            tick(path.name)
        else:
            to_import.append((index, raw, path.name))

    for index, read in _import_all(to_import, tick, workers):
        results[index] = read
        if cache and read.remember:
            cache.put(hashes[index], read)
    return [results[i] for i in range(total)]


def _read_own_file(raw: bytes, name: str) -> ReadReport:
    try:
        return ReadReport(name, report_from_bytes(raw, name))
    except ReportFileError as exc:
        return ReadReport(name, None, str(exc))


def import_one(raw: bytes, name: str) -> ReadReport:
    """A published report read by the importers (run in a worker process, so it returns plain data)."""
    try:
        result = import_bytes(raw, name)
    except ImportFailed as exc:
        return ReadReport(name, None, str(exc), imported=True)
    except Exception:  # a file no test foresaw: a sentence, and the other units still read
        return ReadReport(name, None, f"读取“{name}”时遇到程序无法处理的内容，文件可能已损坏。"
                                      f"请用“文件 › 导入”单独打开它查看。", imported=True)
    in_tables = [n for n in result.notes if n.table in TABLES]
    return ReadReport(name, result.report, imported=True,
                      guessed_cells=sum(n.kind == GUESSED for n in in_tables),
                      unreadable_cells=sum(n.kind == UNREADABLE for n in in_tables),
                      notes=[n.describe() for n in result.notes if n.kind in (GUESSED, UNREADABLE)])


def worker_failed(name: str) -> ReadReport:
    return ReadReport(name, None, f"读取“{name}”的进程意外结束，未能读出这份报告。"
                                  f"请用“文件 › 导入”单独打开它查看。", imported=True, remember=False)


def _import_chunk(chunk: list[tuple[int, bytes, str]]) -> list[tuple[int, ReadReport]]:
    return [(index, import_one(raw, name)) for index, raw, name in chunk]


def _import_all(to_import: list[tuple[int, bytes, str]], tick: Callable[[str], None],
                workers: int | None) -> Iterable[tuple[int, ReadReport]]:
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(to_import) < MIN_IMPORTS_FOR_WORKERS:
        for index, raw, name in to_import:
            read = import_one(raw, name)
            yield index, read
            tick(name)
        return
    chunks = [to_import[i:i + CHUNK] for i in range(0, len(to_import), CHUNK)]
    # spawn, not fork: the window's threads must not be copied into the workers (and Windows only spawns)
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {pool.submit(_import_chunk, chunk): chunk for chunk in chunks}
        try:
            for future in concurrent.futures.as_completed(futures):
                try:
                    reads = future.result()
                except Exception:  # the worker died (memory, a crash): its files are those units' problem
                    reads = [(index, worker_failed(name)) for index, _, name in futures[future]]
                for index, read in reads:
                    yield index, read
                    tick(read.file)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
