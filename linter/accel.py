"""The compiled extension ``_lint_news_accel`` (``linter/_accel.c``), or ``None``.

It is built with the package where a C compiler is available (``setup.py``; the build goes
on without it) and holds the hot loops: the data-only line reader of :mod:`linter.blockyaml`,
the URL patterns of :mod:`linter.formats` and :mod:`linter.rules.url`, and the character
scans of :mod:`linter.rules.encoding`. Each has a pure-Python reference it is tested against
(``tests/test_accel.py``), used when the extension is missing or ``LINT_NEWS_NO_ACCEL=1``.
"""

from __future__ import annotations

import os


def _load():
    if os.environ.get("LINT_NEWS_NO_ACCEL"):
        return None
    try:
        import _lint_news_accel
    except ImportError:
        return None
    return _lint_news_accel


ACCEL = _load()


def compiled(name: str, fallback):
    """The extension's function ``name``, or ``fallback`` (its Python reference) without it."""
    return getattr(ACCEL, name, fallback) if ACCEL is not None else fallback
