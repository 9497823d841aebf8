"""How long exporting the sample report takes: our .docx and .pdf writers, against LibreOffice converting
our own .docx to PDF, in the same run.

Run: python bench/bench_export.py
The first export in a process also looks up and registers the fonts; it is reported on its own line.
"""
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from export.docx import write_docx  # noqa: E402
from export.pagestyle import ExportOptions  # noqa: E402
from export.pdf import write_pdf  # noqa: E402
from model.fileio import load_report  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample_report.json"
RUNS = 10


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best_of(fn, runs: int = RUNS) -> float:
    return min(seconds(fn) for _ in range(runs))


def libreoffice_convert(docx: Path, outdir: Path) -> float:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = (outdir / "profile").as_uri()  # own profile: a running LibreOffice does not interfere
    command = [soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
               "--outdir", str(outdir), str(docx)]
    subprocess.run(command, capture_output=True, check=True, timeout=300)  # warm-up: first start builds the profile
    return best_of(lambda: subprocess.run(command, capture_output=True, check=True, timeout=300), 3)


def main() -> None:
    report = load_report(SAMPLE)
    signed = ExportOptions(signoff_sheet=True, draft_watermark=True)
    cold = seconds(lambda: write_pdf(report, io.BytesIO()))
    rows = [
        ("PDF, first in process (font lookup + registration)", cold, 1),
        ("PDF", best_of(lambda: write_pdf(report, io.BytesIO())), RUNS),
        ("PDF with sign-off sheet and watermark", best_of(lambda: write_pdf(report, io.BytesIO(), signed)), RUNS),
        ("Word .docx", best_of(lambda: write_docx(report, io.BytesIO())), RUNS),
    ]
    if shutil.which("soffice") or shutil.which("libreoffice"):
        with tempfile.TemporaryDirectory() as tmp:
            docx = Path(tmp) / "report.docx"
            write_docx(report, docx)
            rows.append(("LibreOffice --convert-to pdf of our .docx", libreoffice_convert(docx, Path(tmp)), 3))
    else:
        print("LibreOffice (soffice) not found: the comparison row is missing")
    for label, value, runs in rows:
        print(f"{label:52s} {value * 1000:8.1f} ms  (best of {runs})")


if __name__ == "__main__":
    main()
