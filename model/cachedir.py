"""The user's cache folder for this program: what can be rebuilt (import results, parsed fonts), never reports."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def default_cache_dir() -> Path:
    """%LOCALAPPDATA% on Windows, $XDG_CACHE_HOME or ~/.cache elsewhere."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "nianbao-editor"
