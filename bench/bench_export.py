"""How long exporting the sample report takes, against LibreOffice converting our own .docx to PDF, in one run.

Run: python bench/bench_export.py
Whole process: `main.py export … --pdf` as a clerk's script runs it (interpreter start, imports, fonts read back
from the cache, layout, writing), best of several runs; LibreOffice the same way, after one warm-up run that
builds its profile.  In process: the writers alone, as the editor calls them.  Goal (issue 12): a whole PDF
export at most a quarter of LibreOffice's conversion, the PDF under 100 ms and the .docx under 200 ms in process.
The libraries' floor is a process that only starts Python, imports pydantic and reportlab's page layout
(platypus) as our exporter does, and builds one pydantic model: no export can take less.
"""
import compileall
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the LibreOffice helper the tests use

from export.docx import write_docx  # noqa: E402
from export.html import page_bytes  # noqa: E402
from export.infographic import infographic_pdf, infographic_png, infographic_svg  # noqa: E402
from export.pagestyle import ExportOptions  # noqa: E402
from export.pdf import write_pdf  # noqa: E402
from libreoffice import run_soffice, soffice  # noqa: E402
from model.fileio import load_report  # noqa: E402

SAMPLE = ROOT / "resources" / "sample_report.json"
RUNS = 10
PROCESS_RUNS = 7


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best_of(fn, runs: int = RUNS) -> float:
    return min(seconds(fn) for _ in range(runs))


def run(command: list[str]) -> None:
    subprocess.run(command, capture_output=True, check=True, timeout=300)


def our_process(option: str, target: Path) -> float:
    command = [sys.executable, str(ROOT / "main.py"), "export", str(SAMPLE), option, str(target)]
    run(command)  # warm-up: the first run fills the font cache
    return best_of(lambda: run(command), PROCESS_RUNS)


LIBRARIES_ONLY = """
import pydantic
import reportlab.platypus
class Cell(pydantic.BaseModel):
    value: int
Cell(value=1)
"""


def libraries_floor() -> float:
    command = [sys.executable, "-c", LIBRARIES_ONLY]
    run(command)
    return best_of(lambda: run(command), PROCESS_RUNS)


def libreoffice_convert(docx: Path, outdir: Path) -> float:
    # own profile (a running LibreOffice does not interfere) and fonts, kept for the runs after the warm-up
    workspace = outdir / "libreoffice"
    workspace.mkdir(exist_ok=True)

    def convert() -> None:
        run_soffice(["--convert-to", "pdf", "--outdir", str(outdir), str(docx)], workspace)

    convert()  # warm-up: the first start builds the profile
    return best_of(convert, 3)


def main() -> None:
    # an installed or packaged copy has its bytecode; where PYTHONDONTWRITEBYTECODE is set, a bare checkout
    # would compile every module on every run
    for package in ("model", "export"):
        compileall.compile_dir(ROOT / package, quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)
    report = load_report(SAMPLE)
    signed = ExportOptions(signoff_sheet=True, draft_watermark=True)
    cold = seconds(lambda: write_pdf(report, io.BytesIO()))
    rows = [
        ("PDF in process, first (fonts looked up and read)", cold, 1),
        ("PDF in process", best_of(lambda: write_pdf(report, io.BytesIO())), RUNS),
        ("PDF in process, sign-off sheet and watermark", best_of(lambda: write_pdf(report, io.BytesIO(), signed)),
         RUNS),
        ("Word .docx in process", best_of(lambda: write_docx(report, io.BytesIO())), RUNS),
        ("web page .html in process", best_of(lambda: page_bytes(report)), RUNS),
        ("图解 .svg in process", best_of(lambda: infographic_svg(report)), RUNS),
        ("图解 .pdf in process", best_of(lambda: infographic_pdf(report)), RUNS),
        ("图解 .png (1080 px) in process", best_of(lambda: infographic_png(report)), RUNS),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf_process = our_process("--pdf", folder / "ours.pdf")
        floor = libraries_floor()
        rows += [("main.py export --pdf, whole process", pdf_process, PROCESS_RUNS),
                 ("  floor: Python + pydantic + reportlab.platypus only", floor, PROCESS_RUNS),
                 ("main.py export --docx, whole process", our_process("--docx", folder / "ours.docx"), PROCESS_RUNS)]
        if soffice():
            docx = folder / "report.docx"
            write_docx(report, docx)
            libreoffice = libreoffice_convert(docx, folder)
            rows.append(("LibreOffice --convert-to pdf of our .docx", libreoffice, 3))
        else:
            libreoffice = None
            print("LibreOffice (soffice) not found: the comparison rows are missing")
    for label, value, runs in rows:
        print(f"{label:52s} {value * 1000:8.1f} ms  (best of {runs})")
    if libreoffice:
        print(f"{'whole PDF export against LibreOffice':52s} {libreoffice / pdf_process:8.1f} × faster")
        print(f"{'  the floor alone against LibreOffice':52s} {libreoffice / floor:8.1f} × faster")


if __name__ == "__main__":
    main()
