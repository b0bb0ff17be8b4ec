"""Small file-system helpers shared by the cache, the fixer and the image checks."""

from __future__ import annotations

import os
import stat
from typing import Optional

MAX_FILE_BYTES = 10 * 1024 * 1024  # a larger file is refused unread (FM008)


def find_root(start: Optional[str] = None, fallback: Optional[str] = None) -> str:
    """The repository root at or above ``start`` (the folder holding ``.git``); when there is
    none, ``fallback`` or ``start`` itself."""
    here = os.path.abspath(start or os.getcwd())
    current = here
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return fallback or here
        current = parent


def read_regular(path: str, limit: int, first: Optional[int] = None, follow: bool = True) -> Optional[bytes]:
    """The bytes (or the ``first`` bytes) of a regular file of at most ``limit`` bytes, or
    ``None``; never blocks on a FIFO or device, and with ``follow=False`` never follows a link."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(limit + 1 if first is None else first)
    except OSError:
        return None
    finally:
        os.close(fd)


def replace_atomic(path: str, data: bytes, mode: Optional[int] = None, durable: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``: readers
    see the old file or the new one, never a mix, and no temporary file is left on failure."""
    import tempfile  # here: a run that writes nothing need not import it (nor shutil, which it imports)

    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".lint-news-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
