"""Reading every report in a folder: our own files (.nianbao, .json) directly, everything else through the
importers in child processes with a memory ceiling and a time limit (model/bounded), each import remembered by the
file's content hash."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from model.bounded import CRASH, Cancelled, LimitHit, run_each
from model.fileio import ReportFileError, read_user_file, report_from_bytes
from model.filetype import EXTENSIONS, is_report_file
from model.importers import GUESSED, SUFFIXES as IMPORT_SUFFIXES
from model.importers import UNREADABLE, ImportFailed, import_file, refuse_if_too_large
from model.layout import TABLES
from model.summary.read_report import ReadReport

if TYPE_CHECKING:
    from model.summary.cache import ImportCache

HASH_BLOCK = 1024 * 1024
OWN_FILE_START = 4096  # bytes enough to see whether a .json begins as our report file does

Progress = Callable[[int, int, str], None]  # files done, files in all, the file just read


class SummaryCancelled(Exception):
    """The clerk pressed 取消."""


def report_files(folder: Path) -> list[Path]:
    """The files in `folder` that may hold a report: our own (.nianbao, .json) and every format import reads.
    Hidden files, Word's lock files (~$…) and backups are left out."""
    suffixes = {*EXTENSIONS, *IMPORT_SUFFIXES}
    return sorted((p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~$"))),
                  key=lambda p: p.name)


def content_hash(path: Path) -> str:
    """The file's SHA-256, read a block at a time (a folder's files are never held together)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(HASH_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def read_reports(paths: list[Path], cache: "ImportCache | None" = None, progress: Progress | None = None,
                 cancelled: Callable[[], bool] = lambda: False, workers: int | None = None) -> list[ReadReport]:
    """Every file read, in the order given, each at most MAX_BYTES as import allows.  Our .json is read here;
    imports not in `cache` run in up to `workers` child processes (default one per core), one file at a time
    each, every child with the memory ceiling and time limit of model/bounded; the cache learns them."""
    total = len(paths)
    results: dict[int, ReadReport] = {}
    to_import: list[tuple[int, Path]] = []
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
            refuse_if_too_large(path)
        except ImportFailed as exc:
            results[index] = ReadReport(path.name, None, str(exc))
        else:
            if _is_own_file(path):
                results[index] = _read_own_file(path)
            else:
                try:
                    hashes[index] = content_hash(path)
                except OSError:  # the import, reading it again, says why in its sentence
                    pass
                remembered = cache.get(hashes[index], path.name) if cache and index in hashes else None
                if remembered is None:
                    to_import.append((index, path))
                    continue
                results[index] = remembered
        tick(path.name)

    if to_import:
        for index, read in _import_all(to_import, tick, cancelled, workers):
            results[index] = read
            if cache and read.remember and index in hashes:
                cache.put(hashes[index], read)
    return [results[i] for i in range(total)]


def _is_own_file(path: Path) -> bool:
    """Our own file (a report copied from a website and saved as .json goes to the importers)."""
    if not is_report_file(path):
        return False
    try:
        with path.open("rb") as file:
            return file.read(OWN_FILE_START).lstrip().startswith(b"{")
    except OSError:
        return True  # reading it as our file says why it cannot be read


def _read_own_file(path: Path) -> ReadReport:
    try:
        return ReadReport(path.name, report_from_bytes(read_user_file(path), path.name))
    except ReportFileError as exc:
        return ReadReport(path.name, None, str(exc))


def import_one(path: str) -> ReadReport:
    """A published report read by the importers (run in a child process, so it returns plain data)."""
    name = Path(path).name
    try:
        result = import_file(path)
    except ImportFailed as exc:
        return ReadReport(name, None, str(exc), imported=True)
    in_tables = [n for n in result.notes if n.table in TABLES]
    return ReadReport(name, result.report, imported=True,
                      guessed_cells=sum(n.kind == GUESSED for n in in_tables),
                      unreadable_cells=sum(n.kind == UNREADABLE for n in in_tables),
                      notes=[n.describe() for n in result.notes if n.kind in (GUESSED, UNREADABLE)])


def _import_all(to_import: list[tuple[int, Path]], tick: Callable[[str], None], cancelled: Callable[[], bool],
                workers: int | None) -> Iterable[tuple[int, ReadReport]]:
    workers = max(1, min(workers or os.cpu_count() or 1, len(to_import)))
    names = {index: path.name for index, path in to_import}
    try:
        for index, read in run_each(import_one, [(index, (str(path),)) for index, path in to_import], workers,
                                    cancelled):
            if not isinstance(read, ReadReport):  # a limit hit: this unit's problem, the others read on
                hit = read if isinstance(read, LimitHit) else LimitHit(CRASH)
                read = ReadReport(names[index], None, hit.sentence(names[index]), imported=True, remember=False)
            yield index, read
            tick(read.file)
    except Cancelled:
        raise SummaryCancelled from None
