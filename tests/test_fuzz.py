"""Property-based fuzzing: whatever the bytes, the linter returns diagnostics, never raises,
every span lies inside the file, and every GitHub annotation line is well formed."""

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import VALID, engine
from linter.formatters.github import annotation

ENGINE = engine()
PURE = engine(pure=True)
ANNOTATION = re.compile(r"::(error|warning|notice) file=[^\n\r:,]*,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=[^\n\r:,]+::[^\n\r]*\Z")


def check(raw: bytes) -> None:
    for eng in (ENGINE, PURE):
        result = eng.lint_bytes("fuzz.md", raw)
        assert all(d.code != "FM011" for d in result.diagnostics), [d.message for d in result.diagnostics]
        text = eng.context("fuzz.md", raw).source.text
        lines = max(1, text.count("\n") + text.count("\r") - text.count("\r\n") + 1)
        for d in result.diagnostics:
            assert 1 <= d.span.start.line <= d.span.end.line <= lines
            assert d.span.start.column >= 1 and d.span.end.column >= 1
            assert ANNOTATION.match(annotation(result.path, d)), annotation(result.path, d)


# LINT_NEWS_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py  for a longer hunt
FUZZ = settings(max_examples=int(os.environ.get("LINT_NEWS_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(raw):
    check(raw)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes_inside_front_matter(raw):
    check(b"---\n" + raw + b"\n---\nbody\n")


def yaml_scalar():
    return st.one_of(st.text(max_size=40), st.integers(), st.booleans(), st.none(),
                     st.sampled_from(["yes", "012", "2024-02-30T10:00:00Z", "~", ".nan", "0x1F", "1_000", "&a", "*a", "!!binary",
                                      "https://https://x", "javascript:alert(1)", "cafÃ©", "\u202e", "\x1b[2J", "::error::x",
                                      "it\\u2019s", "\\ud83d\\ude00 \\n", "&#8217; &amp;#x1b;", "&Co text", "Cafe\u0301",
                                      "patient\x92s", "http://localhost:8080/a.html", "https://aljazeer\u0430.net/",
                                      "C:\\Users\\a.jpg", "#tag line"]))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["title", "excerpt", "webUrl", "publishedDateTime", "type", "quality", "images",
                                           "provider", "related", "secured", "weird key", "  domain", "- url", "width"]),
                          yaml_scalar()), max_size=12),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_structured_front_matter(fields, newline):
    lines = ["---"] + [f"{k}: {v if not isinstance(v, str) else repr(v) if len(v) % 2 else v}" for k, v in fields] + ["---", ""]
    check(newline.join(lines).encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.binary(min_size=1, max_size=8))
def test_mutated_valid_article(position, junk):
    raw = VALID.encode()
    check(raw[:position] + junk + raw[position + len(junk):])


def test_atheris_harness_short_run(tmp_path):
    import subprocess
    import sys

    import pytest

    pytest.importorskip("atheris")
    from conftest import ROOT

    proc = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_lint.py"), "-max_total_time=15", "-rss_limit_mb=2048",
                           f"-artifact_prefix={tmp_path}/"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Done" in proc.stderr
