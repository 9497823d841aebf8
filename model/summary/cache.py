"""What the importers made of each file, remembered by the file's content hash, so that reopening an
unchanged folder reads no Word file twice.  Kept in the user's cache folder, never beside the reports."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import ValidationError

import model.importers
from model.cachedir import default_cache_dir
from model.fileio import write_atomically
from model.report import FORMAT_VERSION, Report
from model.summary.read_report import ReadReport

CACHE_FILE_NAME = "summary-imports.json"
MAX_ENTRIES = 5000  # a few counties' worth of reports, a few tens of MB at most


def readers_signature() -> str:
    """Changes whenever the importers' code or the report format changes: their old results are then forgotten."""
    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for source in sorted(Path(model.importers.__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class ImportCache:
    """Entries hold only what JSON holds (a report as `model_dump(mode="json")` gives it, read back by the
    report's own validators), so what was loaded can always be written again.  A cache that cannot be read
    or written never stops a summary: `note` then says so in one sentence."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or default_cache_dir()) / CACHE_FILE_NAME
        self.signature = readers_signature()
        self.note = ""
        self.entries: dict[str, dict] = self._load()
        self.changed = False

    def _load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except OSError:
            self.note = f"无法读取汇总缓存“{self.path}”，已重新读取各文件。"
            return {}
        except (ValueError, RecursionError):
            self.note = "汇总缓存已损坏，已重新读取各文件并重建缓存。"
            return {}
        if not isinstance(data, dict) or data.get("signature") != self.signature:
            return {}  # written by another version of the importers: their results are forgotten
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, digest: str, name: str) -> ReadReport | None:
        entry = self.entries.get(digest)
        if not isinstance(entry, dict):
            return None
        try:
            report = Report.model_validate(entry["report"]) if entry.get("report") is not None else None
            return ReadReport(name, report, str(entry.get("problem", "")), imported=True,
                              guessed_cells=int(entry.get("guessed", 0)),
                              unreadable_cells=int(entry.get("unreadable", 0)),
                              notes=[str(n) for n in entry.get("notes", [])])
        except (ValidationError, KeyError, TypeError, ValueError):
            return None

    def put(self, digest: str, read: ReadReport) -> None:
        self.entries.pop(digest, None)  # re-inserted last: the oldest entries are dropped first
        self.entries[digest] = {
            "report": read.report.model_dump(mode="json") if read.report is not None else None,
            "problem": read.problem, "guessed": read.guessed_cells, "unreadable": read.unreadable_cells,
            "notes": read.notes}
        self.changed = True

    def save(self) -> None:
        """Write the cache if it learnt something; one that cannot be written is not kept, and `note` says so."""
        if not self.changed:
            return
        entries = dict(list(self.entries.items())[-MAX_ENTRIES:])
        try:
            data = json.dumps({"signature": self.signature, "entries": entries}, ensure_ascii=False)
            write_atomically(self.path, data.encode("utf-8"))
        except (OSError, TypeError, ValueError):
            self.note = f"汇总缓存无法保存到“{self.path}”，下次汇总将重新读取各文件。"
            return
        self.changed = False
