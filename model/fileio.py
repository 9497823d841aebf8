"""The report file: UTF-8 JSON with a format version, atomic saves, migrations and plain-Chinese errors."""
from __future__ import annotations

import json
import os
import re
import secrets
import stat
import sys
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from model.cell_text import number_problem
from model.processes import process_alive
from model.layout import NARRATIVE_KEYS, SECTION_HEADINGS, TABLES
from model.os_errors import describe
from model.report import (FORMAT_VERSION, META_FIELD_NAMES, Paragraph, Report, looks_like_subheading,
                          narrative_too_long)

USE_IMPORT = "如果是 Word 或文本格式的年报，请用“文件 › 导入”打开。"


class ReportFileError(Exception):
    """A report file that cannot be read or written; the message is a sentence for the clerk."""


def backup_path(path: Path) -> Path:
    return path.with_name(name_that_fits("", path.name, ".bak"))


def report_to_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


class FolderNotWritable(OSError):
    """The folder of a file to write cannot be created or written into."""


def write_atomically(path: Path, data: bytes, keep_backup: bool = False) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over `path`:
    a crash at any moment leaves the old or the new file whole, never a half.  With `keep_backup` the
    previous file is kept as FILE.bak, written the same way.  Temporary files that an interrupted save of
    `path` left behind are removed.  Raises FolderNotWritable, or the OSError of the write itself
    (the temporary file removed, the old file untouched)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FolderNotWritable(exc.errno, exc.strerror or str(exc)) from exc
    remove_leftover_temporary_files(path)
    written = [_write_temporary(path, data)]
    try:
        if keep_backup and path.is_file():
            written.append(_write_temporary(backup_path(path), path.read_bytes()))
            os.replace(written[-1], backup_path(path))
        os.replace(written[0], path)
    except BaseException:
        for tmp in written:
            tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


NAME_MAX = 255  # bytes of one file name on Linux and macOS file systems, UTF-16 units on Windows (fewer)
_TEMPORARY_TAIL = len(".1234567.0123abcd.tmp")  # .PID.RANDOM.tmp, a process id of up to seven digits


def name_that_fits(prefix: str, name: str, suffix: str) -> str:
    """prefix + name + suffix, `name` shortened (never cut inside a character) so that the whole fits NAME_MAX
    bytes: a file beside a report whose own name is as long as the file system allows."""
    room = NAME_MAX - len(os.fsencode(prefix + suffix))
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return prefix + name + suffix


def _temporary_stem(path: Path) -> str:
    """.NAME, as a temporary file beside `path` starts: NAME shortened to leave room for .PID.RANDOM.tmp."""
    return name_that_fits(".", path.name, "." * _TEMPORARY_TAIL)[:-_TEMPORARY_TAIL]


def _write_temporary(path: Path, data: bytes) -> Path:
    """`data` in a new file beside `path`, on the disk; the name carries this process's id (see
    remove_leftover_temporary_files).  A new file gets the permissions the umask gives (as any program's new
    file); a file written again keeps those it had."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    while True:
        tmp = path.with_name(f"{_temporary_stem(path)}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise FolderNotWritable(exc.errno, exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_permissions(path, tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _keep_permissions(old: Path, new: Path) -> None:
    try:
        mode = stat.S_IMODE(old.stat().st_mode)
    except OSError:
        return  # no file yet: the new one keeps what the umask gave it
    os.chmod(new, mode)


def remove_leftover_temporary_files(path: Path) -> None:
    """Remove the temporary files of `path` (and of its .bak) whose saving process has ended: a save killed
    between writing and renaming.  Those of a running process (another window saving now) are left alone."""
    stems = "|".join(re.escape(_temporary_stem(p)) for p in (path, backup_path(path)))
    own = re.compile(rf"^(?:{stems})\.(\d+)\.[^.]+\.tmp$")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        match = own.match(name)
        if match and not process_alive(int(match.group(1))):
            try:
                (path.parent / name).unlink()
            except OSError:
                pass  # removed by another window at the same moment, or not ours to remove


def _sync_folder(folder: Path) -> None:
    """The renames on disk too (POSIX; Windows cannot open a folder, and its renames are journalled)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_report(report: Report, path: str | os.PathLike) -> None:
    """Save atomically, keeping the previous file as FILE.bak."""
    path = Path(path)
    refusal = what_cannot_be_saved(report)
    if refusal is not None:
        raise ReportFileError(f"{refusal}。原文件没有改动。")
    try:
        write_atomically(path, report_to_json(report).encode("utf-8"), keep_backup=True)
    except FolderNotWritable as exc:
        raise ReportFileError(f"无法在“{path.parent}”中保存文件：{describe(exc)}。请换一个文件夹另存。") from exc
    except OSError as exc:
        raise ReportFileError(f"保存“{path.name}”失败：{describe(exc)}。原文件没有改动。") from exc


def what_cannot_be_saved(report: Report) -> str | None:
    """Why the report would make a file that cannot be opened again, or None: a number beyond the limits
    (set by a program, not typed) or a text holding half of a UTF-16 pair."""
    for table_key in TABLES:
        for row_key, cols in report.table(table_key).items():
            for col_key, value in cols.items():
                problem = None if value is None else number_problem(value)
                if problem is not None:
                    return f"{_describe_location((table_key, row_key, col_key))}{problem}，请改正后再保存"
    bad_text = first_unwritable_text(report.model_dump(mode="json", exclude=set(TABLES)))
    if bad_text is not None:
        return f"{_describe_location(bad_text)}含有无法保存的字符（文字编码已损坏），请删除后重新输入这段文字再保存"
    too_long = narrative_too_long(report)
    if too_long is not None:
        where, why = too_long
        return f"{_describe_location(where)}{why}，请{'分段或' if where else ''}删减后再保存"
    return None


def read_user_file(path: Path, error: type[Exception] = ReportFileError) -> bytes:
    """The bytes of a file the clerk chose; a missing or unreadable file raises `error` with a sentence."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise error(f"“{path}”是文件夹，不是报告文件。") from None
    except OSError as exc:
        raise error(f"无法读取文件“{path.name}”：{describe(exc)}。") from None


def load_report(path: str | os.PathLike) -> Report:
    path = Path(path)
    return report_from_bytes(read_user_file(path), path.name)


def report_from_bytes(raw: bytes, name: str) -> Report:
    if not raw.strip():
        raise ReportFileError(f"文件“{name}”是空的，里面没有报告内容。")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError(f"文件“{name}”不是年报编辑器保存的报告文件（不是 UTF-8 文本）。{USE_IMPORT}") from None
    if not text.lstrip().startswith("{"):  # a report copied from the website, not a damaged report file
        raise ReportFileError(f"文件“{name}”不是年报编辑器保存的报告文件。{USE_IMPORT}")
    try:
        # numbers as written: no float rounding, no int() of a 5,000-digit string (Python refuses past 4,300)
        data = json.loads(text, parse_float=Decimal, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise ReportFileError(f"文件“{name}”已损坏或不完整（第 {exc.lineno} 行附近无法读取），无法打开。"
                              f"可以试着打开同一文件夹中的备份“{name}.bak”。") from None
    except RecursionError:
        raise ReportFileError(f"文件“{name}”的结构嵌套过深，不是报告文件。") from None
    if not isinstance(data, dict) or "format_version" not in data:
        raise ReportFileError(f"文件“{name}”不是年报编辑器保存的报告文件。{USE_IMPORT}")
    saved_version = data["format_version"]
    data = migrate(data, name)
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise ReportFileError(f"文件“{name}”中缺少{'、'.join(_describe_location((key,)) for key in missing)}，"
                              f"可能已损坏或被改动，无法打开。可以试着打开同一文件夹中的备份“{name}.bak”。")
    bad_text = first_unwritable_text(data)
    if bad_text is not None:
        raise ReportFileError(f"文件“{name}”中{_describe_location(bad_text)}含有无法保存的字符（文字编码已损坏），"
                              f"无法打开。可以试着打开同一文件夹中的备份“{name}.bak”。")
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        raise ReportFileError(f"文件“{name}”中的内容有误：{describe_validation_error(exc)}。") from None
    too_long = narrative_too_long(report)
    if too_long is not None:
        where, why = too_long
        raise ReportFileError(f"文件“{name}”中{_describe_location(where)}{why}，不像是一份年度报告，无法打开。"
                              f"请在文本编辑器中删减{'这段' if where else ''}文字后再打开。")
    if saved_version < FIGURE_KEYS_VERSION:
        report.opening_notes.extend(explanations_to_figure_keys(report))
    return report


REQUIRED_KEYS = ("year", "sec2", "sec3", "sec4")  # never guessed: a default year or an empty table would pass `check`
_SHORT_INT_DIGITS = 18


def _json_int(text: str) -> int | Decimal:
    return int(text) if len(text) <= _SHORT_INT_DIGITS else Decimal(text)


# half of a UTF-16 pair ("\\ud800" in the JSON) has no UTF-8: a text holding one can be neither saved nor printed
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def unwritable_characters(text: str) -> bool:
    return _LONE_SURROGATE.search(text) is not None


def first_unwritable_text(data) -> tuple | None:
    """The location of the first key or text in the file's data holding a character no file can hold."""
    pending: list[tuple[tuple, object]] = [((), data)]  # not recursive: a file may nest as deep as JSON allows
    while pending:
        loc, value = pending.pop()
        if isinstance(value, str):
            if unwritable_characters(value):
                return loc
        elif isinstance(value, (dict, list)):
            items = list(value.items() if isinstance(value, dict) else enumerate(value))
            for key, _ in items:
                if isinstance(key, str) and unwritable_characters(key):
                    return loc
            pending += [((*loc, key), item) for key, item in reversed(items)]
    return None


def describe_validation_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = _describe_location(first["loc"])
    reason = first.get("ctx", {}).get("error") or first["msg"]
    reason = str(reason).removeprefix("Value error, ")
    if first["type"] in ("int_parsing", "int_type", "int_from_float"):
        reason = "应为整数"
    elif first["type"] == "missing":
        reason = "缺少这一项"
    elif first["type"] in ("greater_than_equal", "less_than_equal"):
        reason = "超出合理范围"
    elif first["type"].startswith("date"):
        reason = "不是有效的日期"
    elif first["type"] == "extra_forbidden":
        reason = "是无法识别的内容"
    elif first["type"] == "string_type":
        reason = "应为文字"
    elif reason.isascii():  # pydantic's own English: the clerk is told what kind of thing is wrong, not how
        reason = "的格式不对"
    return f"{where}{reason}"


_FIELD_NAMES = {**META_FIELD_NAMES, **{key: SECTION_HEADINGS[key] for key in NARRATIVE_KEYS},
                "last_year": "上年数据", "format_version": "格式版本",
                "explanations": "出错说明"}


def _describe_location(loc: tuple) -> str:
    if not loc:
        return ""
    head = str(loc[0])
    if head in TABLES:
        layout = TABLES[head]
        parts = [layout.heading]
        if len(loc) >= 2 and str(loc[1]) in {r.key for r in layout.rows}:
            row = layout.row(str(loc[1]))
            if row.label:
                parts.append(row.label)
            if len(loc) >= 3 and str(loc[2]) in row.columns:
                parts.append(layout.column(str(loc[2])).label)
        return "“" + " · ".join(parts) + "”"
    if head in NARRATIVE_KEYS and len(loc) >= 2 and isinstance(loc[1], int):
        return f"“{_FIELD_NAMES[head]}”第 {loc[1] + 1} 段"
    return f"“{_FIELD_NAMES.get(head, head)}”"


# ---------------------------------------------------------------- migrations
def _v1_to_v2(data: dict) -> dict:
    """Version 1 kept each narrative section as one text and the title under "title"."""
    data = dict(data)
    for key in ("overview", "problems", "other_matters"):
        value = data.get(key)
        if isinstance(value, str):
            data[key] = [Paragraph(text=t, heading=looks_like_subheading(t)).model_dump()
                         for t in (line.strip() for line in re.split(r"\n+", value)) if t]
    if "title" in data:
        data["title_override"] = data.pop("title")
    data["format_version"] = 2
    return data


def _v2_to_v3(data: dict) -> dict:
    """Version 2 kept of last year's report only 结转下年度 and 现行有效件数; version 3 keeps its tables and
    text, the unit's kind and the explanations of kept findings (both new, empty)."""
    data = dict(data)
    last = data.get("last_year")
    if isinstance(last, dict) and ("carried_out" in last or "in_force" in last):
        last = dict(last)
        carried_out = last.pop("carried_out", None) or {}
        in_force = last.pop("in_force", None) or {}
        last["tables"] = {"sec3": {"carried_out": carried_out},
                          "sec2": {row: {"in_force": value} for row, value in in_force.items()}}
        data["last_year"] = last
    data["format_version"] = 3
    return data


def _v3_to_v4(data: dict) -> dict:
    """Version 4 lets a paragraph link its figures to the tables (model/links); an older file has none."""
    return {**data, "format_version": 4}


def _v4_to_v5(data: dict) -> dict:
    """Version 5 keys an explanation by the figure within its sentence (explanations_to_figure_keys moves the
    saved ones once the report is read)."""
    return {**data, "format_version": 5}


FIGURE_KEYS_VERSION = 5


def explanations_to_figure_keys(report: Report) -> list[str]:
    """Before version 4 two findings in one paragraph (two of last year's figures in 一) had one key, so one
    explanation greyed out both.  An explanation under such a key stays with its finding when exactly one finding
    has that place; otherwise it is dropped, and the returned note says which."""
    from model.rules import check_report  # the rules read the report model, not the file

    findings = check_report(report)
    current = {f.key for f in findings}
    notes = []
    for old_key, text in list(report.explanations.items()):
        if old_key in current:
            continue
        matching = [f for f in findings if f.place and f.paragraph_key == old_key]
        del report.explanations[old_key]
        if len(matching) == 1:
            report.explanations[matching[0].key] = text
        else:
            which = f"有 {len(matching)} 条检查结果" if matching else "已没有对应的检查结果"
            notes.append(f"原先说明的原因“{text}”{which}，无法确定属于哪一条，已删除，请重新说明")
    return notes


MIGRATIONS = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def migrate(data: dict, name: str) -> dict:
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReportFileError(f"文件“{name}”的格式版本无法识别，不是年报编辑器保存的报告文件。")
    if version > FORMAT_VERSION:
        raise ReportFileError(f"文件“{name}”由更新版本的年报编辑器保存（格式版本 {version}），请升级本软件后再打开。")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version = data["format_version"]
    return data
