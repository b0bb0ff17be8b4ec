"""Find the front-matter block: a first line ``---`` and the next line ``---`` or ``...``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n|\Z)")
_CLOSE = re.compile(r"(?:\r\n|\r|\n)((?:---|\.\.\.)[ \t]*)(?=\r\n|\r|\n|\Z)")
# the same after a \n: a pattern that begins with one character is searched for it, which
# steps from line to line (3 times faster than looking for the fences' characters)
_CLOSE_LF = re.compile(r"\n((?:---|\.\.\.)[ \t]*)(?=\r\n|\r|\n|\Z)")


@dataclass(frozen=True)
class FrontMatter:
    """Offsets into the decoded text.

    ``start:end`` is the YAML between the fences (ending with the last line's line break);
    the closing fence is ``end:close_end``; ``body_start`` is where the Markdown begins.
    """

    start: int
    end: int
    close_end: int
    body_start: int


@dataclass(frozen=True)
class Split:
    front_matter: Optional[FrontMatter]
    problem: Optional[str] = None  # "missing" | "unclosed" | None


def split(text: str) -> Split:
    m = _OPEN.match(text)
    if not m:
        return Split(None, "missing")
    start = m.end()
    begin = m.end() - 1 if m.group(0).endswith(("\n", "\r")) else m.end()
    close = _CLOSE_LF.search(text, begin)
    if close is None or text.find("\r", begin, close.start()) >= 0:
        # a line ends with a \r alone before it (or there is none): the search for every kind
        # of line break, which need not look before the first "---" or "..." (and looks for
        # "..." only before the first "---")
        dashes = text.find("---", begin)
        dots = text.find("...", begin, dashes if dashes >= 0 else len(text))
        found = [i for i in (dashes, dots) if i >= 0]
        close = _CLOSE.search(text, max(begin, min(found) - 2)) if found else None
    if not close or close.start(1) < start:
        return Split(None, "unclosed")
    close_start, close_end = close.start(1), close.end(1)
    body = close_end
    if text.startswith("\r\n", body):
        body += 2
    elif text.startswith(("\n", "\r"), body):
        body += 1
    return Split(FrontMatter(start, close_start, close_end, body))
