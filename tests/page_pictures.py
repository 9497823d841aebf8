"""Pages of a PDF as pictures (poppler's pdftoppm), and what a reviewer measures on them with a ruler."""
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

DPI = 150
PX_PER_MM = DPI / 25.4
TYPE_AREA_BOTTOM_MM = 35  # GB/T 9704: the type area ends 35 mm above the page's bottom edge


def has_pdftoppm() -> bool:
    return shutil.which("pdftoppm") is not None


def page_pictures(pdf: bytes) -> list[Image.Image]:
    """Every page in grey levels."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-", str(Path(folder) / "page")], input=pdf,
                       capture_output=True, timeout=120, check=True)
        # page-1.png … page-9.png, or page-01.png … when there are ten or more
        files = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        return [Image.open(file).convert("L") for file in files]


def dash_gap_mm(page: Image.Image) -> float | None:
    """How far below the type area the top of the page number's 一字线 is: the first row under the type area
    holding a dark stroke longer than any digit or 宋 stroke at 4号 (3.2 mm)."""
    pixels, (width, height) = page.load(), page.size
    top = int(height - TYPE_AREA_BOTTOM_MM * PX_PER_MM)
    for y in range(top, height):
        run = 0
        for x in range(width):
            run = run + 1 if pixels[x, y] < 128 else 0
            if run > 3.2 * PX_PER_MM:
                return (y - top) / PX_PER_MM
    return None
