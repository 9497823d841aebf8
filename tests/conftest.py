import os
import sys
from pathlib import Path

# Qt aborts without a display unless it draws offscreen; set before any Qt import
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))
