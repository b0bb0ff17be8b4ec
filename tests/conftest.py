"""Shared helpers: lint text in-process and compare diagnostics compactly."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT.parent / "shared" / "examples"
CONFORMANCE = ROOT.parent / "shared" / "conformance"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from linter import schema as schema_mod  # noqa: E402
from linter.config import Settings  # noqa: E402
from linter.engine import Engine  # noqa: E402
from linter.rules import Options  # noqa: E402

NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


def engine(pure: bool = False, **settings) -> Engine:
    options = settings.pop("options", Options(now=NOW))
    return Engine(Settings.build(pure_yaml=pure, options=options, **settings), schema_mod.load(settings.get("schema_path")))


def lint(text, path: str = "article.md", pure: bool = False, **settings):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return engine(pure=pure, **settings).lint_bytes(path, raw).diagnostics


def short(diags):
    """``["4:13 ENC001", ...]``: position and code of each diagnostic."""
    return [f"{d.span.start.line}:{d.span.start.column} {d.code}" for d in diags]


def assert_diags(text, expected, **settings):
    got = short(lint(text, **settings))
    assert got == expected, f"expected {expected}, got {got}"


@pytest.fixture(params=[False, True], ids=["libyaml", "pure"])
def pure(request):
    """Run a test on both YAML reader paths."""
    return request.param


VALID = """\
---
category: news
title: "A clean headline"
excerpt: "A clean excerpt."
publishedDateTime: 2024-03-13T13:00:00Z
originalUrl: "https://www.news-medical.net/news/a.aspx"
webUrl: "https://www.news-medical.net/news/a.aspx"
type: article
quality: 54
heat: -1
published: false

provider:
  name: News Medical
  domain: news-medical.net

images:
  - url: "https://www.news-medical.net/images/a-640x360.jpg"
    width: 640
    height: 360
    isCached: true
---
Body.
"""


def with_line(text: str, line_no: int, new: str) -> str:
    lines = text.split("\n")
    lines[line_no - 1] = new
    return "\n".join(lines)


@pytest.fixture
def examples():
    return sorted(EXAMPLES.glob("*.md"))


@pytest.fixture(autouse=True)
def _no_color(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


os.environ.setdefault("PYTHONHASHSEED", "0")


def run_in(cwd, *args, ignore_cross_file: bool = True):
    """``main()`` with a fixed clock and no cache, in folder ``cwd``: (exit code, stdout, stderr).
    Test folders often hold copies of one article, so the checks across files are off unless asked."""
    import io

    from linter.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        extra = ["--ignore", "XF"] if ignore_cross_file else []
        code = main(["--now", "2025-01-01T00:00:00Z", "--no-cache", *extra, *args], stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()
