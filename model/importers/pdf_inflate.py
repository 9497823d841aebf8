"""pdfminer's inflation of PDF streams, bounded: a 1.5 MB stream of zeros inflates to 1.5 GB, and pdfminer (which has
no option for it) inflates a stream in one call.  Installed in place of the zlib module pdfminer's stream decoder
uses, it inflates a piece at a time and stops once a stream, or all the streams of one file, pass their limit."""
from __future__ import annotations

import threading
import zlib
from contextlib import contextmanager

# an embedded Chinese font is the largest stream a report holds (up to some 20 MB); a page's text a few KB
MAX_STREAM_BYTES = 32 * 1024 * 1024
MAX_FILE_BYTES = 256 * 1024 * 1024
_PIECE = 1024 * 1024
_budget = threading.local()  # the bytes the file being read may still inflate (each import runs in one thread)


class StreamTooLarge(Exception):
    """A stream of the PDF inflates past MAX_STREAM_BYTES, or its streams together past MAX_FILE_BYTES."""


class _BoundedInflater:
    """zlib.decompressobj, counting what it gives out."""

    def __init__(self):
        self._inflater = zlib.decompressobj()
        self._given = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        pieces = []
        out = self._inflater.decompress(data, _PIECE)
        while True:
            self._count(len(out))
            pieces.append(out)
            if self._inflater.eof or not (self._inflater.unconsumed_tail or len(out) == _PIECE):
                break
            out = self._inflater.decompress(self._inflater.unconsumed_tail, _PIECE)
        return b"".join(pieces)

    def flush(self) -> bytes:
        out = self._inflater.flush()
        self._count(len(out))
        return out

    @property
    def eof(self) -> bool:
        return self._inflater.eof

    def _count(self, size: int) -> None:
        self._given += size
        left = getattr(_budget, "left", MAX_FILE_BYTES) - size
        _budget.left = left
        if self._given > MAX_STREAM_BYTES or left < 0:
            raise StreamTooLarge


class _BoundedZlib:
    """The part of the zlib module pdfminer.pdftypes uses."""

    error = zlib.error
    decompressobj = _BoundedInflater

    @staticmethod
    def decompress(data: bytes) -> bytes:
        inflater = _BoundedInflater()
        out = inflater.decompress(data) + inflater.flush()
        if not inflater.eof:  # as zlib.decompress: pdfminer then reads what a damaged stream still gives
            raise zlib.error("incomplete or truncated stream")
        return out


@contextmanager
def bounded_inflation():
    """Within it, pdfminer inflates at most MAX_STREAM_BYTES a stream and MAX_FILE_BYTES in all, else raises
    StreamTooLarge (which pdfplumber may wrap in its PdfminerException)."""
    import pdfminer.pdftypes

    pdfminer.pdftypes.zlib = _BoundedZlib
    _budget.left = MAX_FILE_BYTES
    try:
        yield
    finally:
        _budget.left = MAX_FILE_BYTES
