"""Apply safe fixes to a file's text and write the result atomically.

Edits are character offsets into the decoded text; every character outside an edit is kept,
so every byte outside the damaged spans is unchanged (line endings included). The one edit
that is not inside the text is the byte-order mark, addressed as offset ``BOM_OFFSET``.
"""

from __future__ import annotations

import difflib
import os
import stat
from typing import Iterable, List, Optional, Tuple

from .diagnostics import BOM_OFFSET, Diagnostic, Edit
from .files import replace_atomic


def collect_edits(diagnostics: Iterable[Diagnostic]) -> List[Edit]:
    """The safe edits of ``diagnostics``, sorted, without overlaps (the first one wins)."""
    edits: List[Edit] = []
    for d in diagnostics:
        if d.fix is not None and d.fix.safe:
            edits.extend(d.fix.edits)
    edits.sort(key=lambda e: (e.start, e.end))
    out: List[Edit] = []
    last_end = BOM_OFFSET - 1
    for e in edits:
        if e.start >= last_end or (e.start == BOM_OFFSET and last_end < BOM_OFFSET):
            out.append(e)
            last_end = max(e.end, e.start)
    return out


def apply_edits(text: str, bom: bool, edits: List[Edit]) -> Tuple[str, bool]:
    """Return the new text and whether it keeps its BOM."""
    pieces = []
    pos = 0
    keep_bom = bom
    for e in edits:
        if e.start == BOM_OFFSET:
            keep_bom = False
            continue
        pieces.append(text[pos:e.start])
        pieces.append(e.replacement)
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces), keep_bom


def encode(text: str, bom: bool) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    a = before.decode("utf-8", errors="replace").splitlines(True)
    b = after.decode("utf-8", errors="replace").splitlines(True)
    lines = difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


class WriteRefused(Exception):
    """The fixed file was not written; the message says why."""


def write_atomic(path: str, original: bytes, new: bytes, root: Optional[str] = None) -> None:
    """Replace ``path`` with ``new`` if it still holds ``original``; keep its mode.

    The new content goes to a temporary file in the same folder, is flushed to disk, and is
    renamed over the original, so a reader sees the old file or the new one, never a mix.
    Symbolic links are never written through.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise WriteRefused(f"cannot stat the file: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise WriteRefused("it is a symbolic link or not a regular file")
    if root is not None:
        real, top = os.path.realpath(path), os.path.realpath(root)
        if not real.startswith(top + os.sep):
            raise WriteRefused(f"it is outside the repository the run started in ({top}); run lint-news from there")
    with open(path, "rb") as fh:
        if fh.read(len(original) + 1) != original:
            raise WriteRefused("the file changed while it was being checked")
    replace_atomic(path, new, mode=stat.S_IMODE(info.st_mode), durable=True)


def fixed_bytes(raw: bytes, text: str, bom: bool, diagnostics: Iterable[Diagnostic]) -> Optional[bytes]:
    """The file's bytes after the safe fixes, or ``None`` when nothing would change."""
    edits = collect_edits(diagnostics)
    if not edits:
        return None
    new_text, keep_bom = apply_edits(text, bom, edits)
    new = encode(new_text, keep_bom)
    return None if new == raw else new
