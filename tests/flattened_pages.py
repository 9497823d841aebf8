"""Web pages as text a program took off them: the markup stripped and every line break gone, site chrome before
and after the report (for tests and bench/).  The pages are those tests/material.py writes as TRS and Hanweb
content systems do; the variants are what real copies show:
- "as_served": the text as it comes (TRS pads cells with &nbsp;, so cells stand apart; Hanweb's run together);
- "single_spaces": one space between some cells of the tables, none between the others;
- "full_width": every digit full-width (０-９);
- "some_breaks": a line break kept before some of the headings.
"""
from __future__ import annotations

import html
import random
import re

from material import Seed, hanweb_page, trs_page
from model.layout import SECTIONS

VARIANTS = ("as_served", "single_spaces", "full_width", "some_breaks")
SYSTEMS = {"TRS": (trs_page, "utf-8"), "Hanweb": (hanweb_page, "gbk")}
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CELL_END = re.compile(r"</td>", re.IGNORECASE)


def strip_page(page: str, cell_gap=lambda: "") -> str:
    """The page's text without markup, scripts or any line break; `cell_gap` gives what follows each table cell."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", page)
    page = _CELL_END.sub(lambda _: cell_gap() + "</td>", page)
    text = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\xa0", " ")
    return re.sub(r"\s*\n\s*", "", text)


def flattened_page(seed: Seed, system: str, variant: str, rng: random.Random | None = None) -> str:
    rng = rng or random.Random(19)
    write, encoding = SYSTEMS[system]
    page = write(seed).decode(encoding)
    if variant == "single_spaces":
        page = re.sub(r"&nbsp;", "", page)
        return strip_page(page, lambda: rng.choice(("", " ")))
    text = strip_page(page)
    if variant == "full_width":
        return text.translate(_FULL_WIDTH)
    if variant == "some_breaks":
        for _, heading in SECTIONS[1::2]:
            text = text.replace(heading, "\n" + heading, 1)
    return text
