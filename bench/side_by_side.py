"""Every page of our PDF beside LibreOffice's rendering of our .docx, as pictures to look at.

Run: python bench/side_by_side.py [REPORT.json] [--out FOLDER]
Writes FOLDER/page-N.png (ours on the left, LibreOffice's on the right; 60 dpi) for a report exported with the
sign-off sheet and the 送审稿 watermark, and prints how many pages each has.  Needs LibreOffice and pdftoppm.
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the LibreOffice helper the tests use

from export.docx import write_docx  # noqa: E402
from export.pagestyle import ExportOptions  # noqa: E402
from export.pdf import write_pdf  # noqa: E402
from libreoffice import convert  # noqa: E402
from model.fileio import load_report  # noqa: E402

DPI = 60


def pictures(pdf: Path, folder: Path, prefix: str) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(folder / prefix)], check=True, timeout=300)
    files = sorted(folder.glob(f"{prefix}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(file).convert("RGB") for file in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default=str(ROOT / "resources" / "sample_report.json"))
    parser.add_argument("--out", default=str(ROOT / "out" / "side_by_side"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report = load_report(args.report)
    options = ExportOptions(signoff_sheet=True, draft_watermark=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_pdf(report, folder / "ours.pdf", options)
        write_docx(report, folder / "word.docx", options)
        convert([folder / "word.docx"], "pdf", folder)
        ours, word = pictures(folder / "ours.pdf", folder, "ours"), pictures(folder / "word.pdf", folder, "word")
    width, height = ours[0].size
    for number in range(max(len(ours), len(word))):
        pair = Image.new("RGB", (2 * width, height), "white")
        for column, pages in enumerate((ours, word)):
            if number < len(pages):
                pair.paste(pages[number], (column * width, 0))
        pair.save(out / f"page-{number + 1}.png")
    print(f"our PDF {len(ours)} pages, LibreOffice's rendering of our .docx {len(word)} pages: {out}/page-*.png")


if __name__ == "__main__":
    main()
