"""Draw the application icon: a white page with a red 公文 header (年报) over its red rule, text lines and a table.

`python packaging/draw_icon.py` writes resources/nianbao.png (the window icon) and resources/nianbao.ico
(the Windows executable); both are committed, so a build does not need to run this.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
HEADER_FONT = ROOT / "resources" / "fonts" / "DroidSansFallbackFull.ttf"
PNG_PATH = ROOT / "resources" / "nianbao.png"
ICO_PATH = ROOT / "resources" / "nianbao.ico"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]

SIZE = 1024  # drawn large, scaled down with antialiasing
RED = (200, 16, 16, 255)
INK = (120, 126, 136, 255)
PAPER = (255, 255, 255, 255)
EDGE = (90, 96, 106, 255)


def draw(size: int = SIZE) -> Image.Image:
    unit = size / 64
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(x0: float, y0: float, x1: float, y1: float) -> list[float]:
        return [x0 * unit, y0 * unit, x1 * unit, y1 * unit]

    # the page with a folded top-right corner and a soft shadow
    fold = 10
    page = [(8, 2), (56 - fold, 2), (56, 2 + fold), (56, 62), (8, 62)]
    pen.polygon([((x + 1.2) * unit, (y + 1.2) * unit) for x, y in page], fill=(0, 0, 0, 60))
    pen.polygon([(x * unit, y * unit) for x, y in page], fill=PAPER, outline=EDGE, width=round(unit * 1.2))
    pen.polygon([((56 - fold) * unit, 2 * unit), ((56 - fold) * unit, (2 + fold) * unit), (56 * unit, (2 + fold) * unit)],
                fill=(222, 226, 232, 255), outline=EDGE, width=round(unit * 1.2))

    # the red header: two large characters and the red rule beneath them, as on a 红头文件
    font = ImageFont.truetype(str(HEADER_FONT), round(15 * unit))
    text = "年报"
    left, top, right, bottom = pen.textbbox((0, 0), text, font=font)
    x = (32 - fold / 2) * unit - (right - left) / 2 - left
    y = 6 * unit - top
    pen.text((x, y), text, font=font, fill=RED, stroke_width=round(unit * 0.6), stroke_fill=RED)
    pen.rectangle(box(12, 24, 52, 26.2), fill=RED)

    # body text lines, then a small table
    for row, y_line in enumerate((30, 34.5)):
        pen.rectangle(box(15 if row == 0 else 12, y_line, 52, y_line + 1.8), fill=INK)
    grid = box(12, 40, 52, 57)
    pen.rectangle(grid, outline=INK, width=round(unit * 1.4))
    for y_line in (45.7, 51.3):
        pen.line([grid[0], y_line * unit, grid[2], y_line * unit], fill=INK, width=round(unit * 1.2))
    for x_line in (24, 38):
        pen.line([x_line * unit, grid[1], x_line * unit, grid[3]], fill=INK, width=round(unit * 1.2))
    return image


def main() -> None:
    image = draw()
    image.resize((256, 256), Image.Resampling.LANCZOS).save(PNG_PATH)
    image.save(ICO_PATH, sizes=ICO_SIZES)
    print(f"已生成：{PNG_PATH}、{ICO_PATH}")


if __name__ == "__main__":
    main()
