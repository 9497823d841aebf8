"""Which processes a process started, and whether they still run (Linux /proc; tests using it skip elsewhere)."""
import sys
from pathlib import Path

import pytest

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree in /proc")


def child_pids(pid: int) -> set[int]:
    """The processes `pid` started that are still its children."""
    children = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children.update(int(p) for p in (task / "children").read_text().split())
        except OSError:  # the task ended meanwhile
            continue
    return children


def worker_pids(pid: int) -> set[int]:
    """The worker processes `pid` started through multiprocessing (not its resource tracker, which stays)."""
    return {child for child in child_pids(pid) if b"spawn_main" in _command_line(child)}


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def running(pid: int) -> bool:
    """True while `pid` runs; a zombie (ended, not yet reaped by whoever adopted it) does not run."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
