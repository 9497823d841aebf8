"""One file of a folder as 汇总 read it: what the reader, the import cache and the dashboard pass around."""
from __future__ import annotations

from dataclasses import dataclass, field

from model.report import Report


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
    remember: bool = True  # false when a limit stopped the reading: the cache does not keep it
