"""Where the body's lines break, read from a PDF's text: our PDF against LibreOffice's rendering of our .docx.

A line "breaks identically" when the line of our PDF ends after the same character of its paragraph in the other
rendering too.  Each paragraph is found as a run of consecutive text lines whose characters (spaces dropped, as
text extraction adds or drops them between Latin and Chinese) make up exactly its text.
"""
from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from conftest import ROOT
from export.content import report_blocks
from export.docx import write_docx
from libreoffice import convert, fontconfig
from model.fileio import save_report
from export.pagestyle import BODY
from model.layout import NARRATIVE_KEYS
from model.report import Report

PAGE_NUMBER_LINE = re.compile(r"^—\d+—$")


def text_lines(pdf: bytes) -> list[str]:
    """Every line of every page, spaces dropped, page numbers left out (a paragraph runs on over them)."""
    lines = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for line in page.extract_text().splitlines():
            line = re.sub(r"[\s\u200b]+", "", line)
            if line and not PAGE_NUMBER_LINE.match(line):
                lines.append(line)
    return lines


def body_paragraphs(report: Report) -> list[str]:
    return [re.sub(r"\s+", "", block.text) for block in report_blocks(report) if block.kind == BODY]


def line_ends(paragraph: str, lines: list[str]) -> list[int] | None:
    """Offsets in the paragraph after which its lines end, or None when no run of lines makes it up."""
    for start, line in enumerate(lines):
        if not line or not paragraph.startswith(line):
            continue
        ends, used, index = [], 0, start
        while used < len(paragraph) and index < len(lines) and paragraph.startswith(lines[index], used):
            used += len(lines[index])
            ends.append(used)
            index += 1
        if used == len(paragraph):
            return ends
    return None


def agreement(report: Report, ours: bytes, theirs: bytes) -> tuple[int, int]:
    """(lines of our PDF's body paragraphs that end at the same character in the other rendering, all of them);
    a paragraph not found in the other rendering counts as every line differing."""
    our_lines, their_lines = text_lines(ours), text_lines(theirs)
    same = total = 0
    for paragraph in body_paragraphs(report):
        our_ends = line_ends(paragraph, our_lines)
        if our_ends is None:
            raise ValueError(f"our PDF has no lines making up: {paragraph[:30]}")
        their_ends = line_ends(paragraph, their_lines) or []
        same += len(set(our_ends) & set(their_ends))
        total += len(our_ends)
    return same, total


def with_long_figures(report: Report, seed: int = 22) -> Report:
    """The report with every figure in its text a number of 4 to 8 digits (2021 → 58213, 42000 → 7706153):
    the widths Word and our PDF must agree on are the digits'."""
    figures = random.Random(seed)

    def longer(match: re.Match) -> str:
        digits = figures.randint(4, 8)
        return str(figures.randrange(10 ** (digits - 1), 10 ** digits))

    for key in NARRATIVE_KEYS:
        for paragraph in report.narrative(key):
            paragraph.text = re.sub(r"\d+", longer, paragraph.text)
    return report


# our PDF in a process of its own that sees the shipped fonts only, as LibreOffice sets the 公文 names in them
_WRITE_PDFS = ("import sys\nfrom model.fileio import load_report\nfrom export.pdf import write_pdf\n"
               "for path in sys.argv[1:]:\n    write_pdf(load_report(path), path[:-len('.json')] + '.pdf')")


def renderings(reports: dict[str, Report], folder: Path) -> dict[str, tuple[bytes, bytes]]:
    """name → (our PDF, LibreOffice's PDF of our .docx), both set in the shipped fonts."""
    for name, report in reports.items():
        save_report(report, folder / f"{name}.json")
        write_docx(report, folder / f"{name}.docx")
    converted = folder / "libreoffice"
    converted.mkdir()
    convert([folder / f"{name}.docx" for name in reports], "pdf", converted)
    environment = {**os.environ, "HOME": str(folder), "FONTCONFIG_FILE": str(fontconfig(folder, inherit=False))}
    subprocess.run([sys.executable, "-c", _WRITE_PDFS, *(str(folder / f"{name}.json") for name in reports)],
                   cwd=ROOT, env=environment, check=True, capture_output=True, timeout=300)
    return {name: ((folder / f"{name}.pdf").read_bytes(), (converted / f"{name}.pdf").read_bytes())
            for name in reports}
