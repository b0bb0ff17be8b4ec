"""File bytes -> decoded text, with the facts later stages need about the encoding and lines.

Decoding never fails: invalid UTF-8 bytes are recorded (offset in the text, the bytes) and
stand in the text as U+FFFD, one per byte, so that every later offset still maps to a place
in the file and checking goes on with the rest of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from .diagnostics import Position, Span

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

_SURROGATE_ESCAPES = re.compile("[\udc80-\udcff]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Source:
    path: str
    raw: bytes
    text: str
    bom: bool = False
    encoding: str = "utf-8"
    # (offset in text, the undecodable bytes) for each run of invalid UTF-8
    decode_errors: List[Tuple[int, bytes]] = field(default_factory=list)
    binary: bool = False
    _line_starts: Optional[List[int]] = field(default=None, repr=False)

    @property
    def newline(self) -> str:
        m = _LINE_BREAK.search(self.text)
        return m.group(0) if m else "\n"

    @property
    def line_starts(self) -> List[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        return self._line_starts

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        if self._line_starts is None and offset < 8192 and "\r" not in self.text:
            # a few places near the top of a file (the front matter): counting line breaks
            # costs less than the table of every line of the file
            text = self.text
            return Position(text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))
        starts = self.line_starts
        line = bisect_right(starts, offset) - 1
        return Position(line + 1, offset - starts[line] + 1)

    def span(self, start: int, end: Optional[int] = None) -> Span:
        if end is None or end < start:
            end = start
        return Span(self.position(start), self.position(end))

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break."""
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            return ""
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[begin:end].rstrip("\r\n")

    def offset(self, position: Position) -> int:
        starts = self.line_starts
        line = min(max(position.line, 1), len(starts))
        return min(starts[line - 1] + position.column - 1, len(self.text))


def decode(path: str, raw: bytes) -> Source:
    """Decode ``raw`` as UTF-8 (a BOM is noted and dropped), recording invalid bytes."""
    if raw.startswith(UTF8_BOM):
        body, bom = raw[len(UTF8_BOM):], True
    else:
        body, bom = raw, False
    if not bom and raw[:2] in UTF16_BOMS:
        text = raw.decode("utf-16", errors="replace")
        return Source(path, raw, text, bom=False, encoding="utf-16")
    if b"\x00" in body[:8192] and not _looks_like_text(body[:8192]):
        guess = _utf16_without_bom(body[:8192])
        if guess and not bom:
            return Source(path, raw, raw.decode(guess, errors="replace"), encoding="utf-16")
        return Source(path, raw, "", bom=bom, binary=True)
    try:
        text = body.decode("utf-8")
        return Source(path, raw, text, bom=bom)
    except UnicodeDecodeError:
        pass
    escaped = body.decode("utf-8", errors="surrogateescape")
    errors: List[Tuple[int, bytes]] = []
    for m in _SURROGATE_ESCAPES.finditer(escaped):
        errors.append((m.start(), bytes(ord(c) - 0xDC00 for c in m.group(0))))
    text = _SURROGATE_ESCAPES.sub(lambda m: "\ufffd" * len(m.group(0)), escaped)
    return Source(path, raw, text, bom=bom, decode_errors=errors)


def _looks_like_text(sample: bytes) -> bool:
    """A few stray NULs in otherwise valid UTF-8 are damage to report, not a binary file."""
    if not sample:
        return True
    nul = sample.count(b"\x00")
    bad = sample.decode("utf-8", errors="replace").count("\ufffd")
    return nul * 10 < len(sample) and bad * 20 < len(sample)


def _utf16_without_bom(sample: bytes):
    """'utf-16-le' or 'utf-16-be' when the sample is ASCII-heavy UTF-16 text without a BOM."""
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    odd_nul = sample[1::2].count(0)
    even_nul = sample[0::2].count(0)
    if odd_nul > 0.7 * pairs and even_nul < 0.05 * pairs:
        return "utf-16-le"
    if even_nul > 0.7 * pairs and odd_nul < 0.05 * pairs:
        return "utf-16-be"
    return None
