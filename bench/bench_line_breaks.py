"""How many of our PDF's body lines break at the same character in LibreOffice's rendering of our .docx.

Run: python bench/bench_line_breaks.py
Both are set in the shipped fonts (LibreOffice through the tests' private fontconfig), for the sample report and
for the sample with every figure in its text 4 to 8 digits long.  Needs LibreOffice.

A second row renders the same .docx with w:overflowPunct on: LibreOffice reads the switch the other way round
from Word (its import sets "hanging punctuation" where the file says no punctuation past the margin), so its
lines end with a hanging 。 or ， where Word, WPS and our PDF carry a character over.
"""
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the LibreOffice helper and the measurement the tests use

from libreoffice import convert  # noqa: E402
from line_breaks import agreement, renderings, with_long_figures  # noqa: E402
from model.fileio import load_report  # noqa: E402

SAMPLE = ROOT / "resources" / "sample_report.json"


def with_overflow_punctuation(docx: Path, target: Path) -> None:
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(b'<w:overflowPunct w:val="0"/>', b'<w:overflowPunct w:val="1"/>')
            copy.writestr(item, data)


def main() -> None:
    reports = {"sample": load_report(SAMPLE), "long_figures": with_long_figures(load_report(SAMPLE))}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdfs = renderings(reports, folder)
        flipped = folder / "flipped"
        flipped.mkdir()
        for name in reports:
            with_overflow_punctuation(folder / f"{name}.docx", flipped / f"{name}.docx")
        convert([flipped / f"{name}.docx" for name in reports], "pdf", flipped)
        hanging_off = {name: (flipped / f"{name}.pdf").read_bytes() for name in reports}
    for name, (ours, theirs) in pdfs.items():
        for label, rendering in (("as exported", theirs), ("overflowPunct on", hanging_off[name])):
            same, total = agreement(reports[name], ours, rendering)
            print(f"{name:13s} {label:17s} {same:4d} of {total:4d} body lines break alike  {100 * same / total:5.1f} %")


if __name__ == "__main__":
    main()
