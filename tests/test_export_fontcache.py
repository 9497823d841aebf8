"""Parsed fonts kept in the cache folder: read back, the PDF is the same; a damaged cache is parsed again."""
import io

from pypdf import PdfReader

from export.fontcache import _StoredFont, load_font
from export.fonts import BUNDLED_SONG


def test_a_font_read_back_from_the_cache_measures_and_maps_characters_as_the_parsed_one(tmp_path):
    parsed = load_font("parsed", BUNDLED_SONG, folder=tmp_path)
    stored = load_font("stored", BUNDLED_SONG, folder=tmp_path)
    assert isinstance(stored, _StoredFont) and not isinstance(parsed, _StoredFont)
    text = "济源市人民政府2021年政府信息公开工作年度报告。"
    assert stored.stringWidth(text, 16) == parsed.stringWidth(text, 16)
    assert stored.face.charToGlyph == parsed.face.charToGlyph
    # not stored, rebuilt when shaping asks for it: every glyph still leads back to its characters
    rebuilt = stored.face.glyphToChar
    assert all(set(chars) <= set(rebuilt[glyph]) for glyph, chars in parsed.face.glyphToChar.items())
    assert all(stored.face.charToGlyph[rebuilt[glyph][0]] == glyph for glyph in rebuilt)


def test_a_damaged_cache_file_is_parsed_again_and_replaced(tmp_path):
    load_font("first", BUNDLED_SONG, folder=tmp_path)
    (stored,) = (tmp_path / "fonts").iterdir()
    stored.write_bytes(b"not a pickle")
    again = load_font("again", BUNDLED_SONG, folder=tmp_path)
    assert not isinstance(again, _StoredFont) and again.stringWidth("公开", 10) == 20
    assert isinstance(load_font("third", BUNDLED_SONG, folder=tmp_path), _StoredFont)


def test_the_pdf_set_with_fonts_from_the_cache_embeds_and_shows_the_text(tmp_path):
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfbase import pdfmetrics

    load_font("NB-cache-test", BUNDLED_SONG, folder=tmp_path)
    pdfmetrics.registerFont(load_font("NB-cache-test", BUNDLED_SONG, folder=tmp_path))
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("NB-cache-test", 16)
    canvas.drawString(72, 720, "政府信息公开工作年度报告")
    canvas.save()
    assert "政府信息公开工作年度报告" in PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()


def test_a_font_read_back_has_every_attribute_reportlab_gives_a_parsed_one(tmp_path):
    """_StoredFont and _StoredFace set reportlab's attributes themselves: a newer reportlab adding one would
    otherwise fail only when a PDF embeds the font."""
    parsed = load_font("parsed-attrs", BUNDLED_SONG, folder=tmp_path)
    stored = load_font("stored-attrs", BUNDLED_SONG, folder=tmp_path)
    assert set(vars(stored)) == set(vars(parsed))
    assert set(vars(stored.face)) | {"glyphToChar"} == set(vars(parsed.face))  # glyphToChar: built when asked
