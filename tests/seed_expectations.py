"""The five seeds and their hand-read expected cells (tests/fixtures/expected/), for tests and bench/."""
import json
from decimal import Decimal
from pathlib import Path

from model.layout import TABLES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
EXPECTED = FIXTURES / "expected"


def expected_for(seed: Path) -> dict:
    return json.loads((EXPECTED / f"{seed.stem}.json").read_text(encoding="utf-8"))


def expected_cells(expected: dict) -> dict:
    """{(table, row, column): Decimal} from the hand-written lists in layout column order."""
    cells = {}
    for key in ("sec2", "sec3"):
        for row in TABLES[key].rows:
            for col, value in zip(row.columns, expected[key][row.key], strict=True):
                cells[(key, row.key, col)] = Decimal(str(value))
    for col, value in zip(TABLES["sec4"].row("counts").columns, expected["sec4"], strict=True):
        cells[("sec4", "counts", col)] = Decimal(str(value))
    return cells
