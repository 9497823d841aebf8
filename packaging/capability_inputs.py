"""Write one report in every format 导入 reads without LibreOffice, for checking a built folder:
`python packaging/capability_inputs.py FOLDER` (packaging/smoke_test.sh runs the built program on each).

Made from seed 001 the way other programs write them (tests/material.py): a TRS web page (UTF-8), a Hanweb page
(GBK), a single-file page (.mhtml), a Word file built cell by cell, an Excel sheet in the official layout, the
seed's text and Markdown, and the sample as our own file (.nianbao). PDF is the built program's own export.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from material import hand_built_docx, hanweb_page, load_seed, mhtml_of, official_xlsx, trs_page  # noqa: E402
from model.filetype import EXTENSION  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "seeds" / "001_869c2ba055e881c8.txt"
SAMPLE = ROOT / "resources" / "sample_report.json"


def write_inputs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    seed = load_seed(SEED)
    page = trs_page(seed)
    written = {
        "trs.html": page,
        "hanweb.htm": hanweb_page(seed),
        "single_file.mhtml": mhtml_of(page, "http://www.example.gov.cn/2021.html"),
        "seed.txt": SEED.read_bytes(),
        "seed.md": SEED.read_bytes(),
        "sample" + EXTENSION: SAMPLE.read_bytes(),
    }
    for name, data in written.items():
        (folder / name).write_bytes(data)
    hand_built_docx(seed, folder / "hand_built.docx")
    official_xlsx(seed, folder / "official.xlsx")
    return sorted(folder.iterdir())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.splitlines()[1].strip())
    target = Path(sys.argv[1])
    shutil.rmtree(target, ignore_errors=True)
    for path in write_inputs(target):
        print(path)
