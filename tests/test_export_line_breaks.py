"""Word's lines are our PDF's lines: LibreOffice's rendering of our .docx breaks the body where our PDF does."""
import pytest

from helpers import sample_report
from libreoffice import soffice
from line_breaks import agreement, renderings, with_long_figures


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed here")
def test_libreoffice_breaks_most_body_lines_of_our_docx_where_our_pdf_breaks_them(tmp_path):
    """28 characters a line from the same spacing and grid in both writers, numbers never cut, a web address
    broken after / or . in both.  What is left: LibreOffice hangs a line-end 。 or ， past the margin where Word
    and our PDF carry a character over (it reads w:overflowPunct the other way round; bench_line_breaks.py)."""
    reports = {"sample": sample_report(), "long_figures": with_long_figures(sample_report())}
    shares = {}
    for name, (ours, theirs) in renderings(reports, tmp_path).items():
        same, total = agreement(reports[name], ours, theirs)
        shares[name] = same / total
    assert shares["sample"] >= 0.65 and shares["long_figures"] >= 0.75, shares  # 72 % and 83 % measured
