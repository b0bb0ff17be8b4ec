"""Suppression comments inside the front matter.

* ``# lint-news: disable=ENC001,URL`` at the end of a line silences those codes (or prefixes)
  for diagnostics that start on that line;
* ``# lint-news: disable-file=IMG002`` anywhere in the front matter silences them in the file.

A suppression that silences nothing is itself reported (FM012), so that they do not rot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Tuple

# the comment runs to the end of its line, whichever line ending the file uses (CRLF too)
_COMMENT = re.compile(r"(?:^|(?<=\r)|[ \t])#[ \t]*lint-news:[ \t]*(disable|disable-file)[ \t]*=[ \t]*([A-Za-z0-9_, \t-]+?)[ \t]*"
                      r"(?=\r\n|\r|\n|\Z)", re.M)


@dataclass
class Suppression:
    line: int
    start: int  # offset of the comment
    end: int
    whole_file: bool
    codes: Tuple[str, ...]
    used: bool = False


def find(text: str, start: int, end: int, line_of) -> List[Suppression]:
    """Suppressions in ``text[start:end]`` (the front matter); ``line_of(offset)`` gives lines."""
    if text.find("lint-news:", start, end) < 0:
        return []
    region = text[start:end]
    out = []
    for m in _COMMENT.finditer(region):
        codes = tuple(c.strip().upper() for c in m.group(2).split(",") if c.strip())
        if codes:
            begin = start + m.start(0) + (1 if region[m.start(0)] in " \t" else 0)
            out.append(Suppression(line_of(begin), begin, start + m.end(0), m.group(1) == "disable-file", codes))
    return out


def silenced(code: str, line: int, suppressions: List[Suppression]) -> bool:
    hit = False
    for s in suppressions:
        if (s.whole_file or s.line == line) and any(code.startswith(c) for c in s.codes):
            s.used = True
            hit = True
    return hit
