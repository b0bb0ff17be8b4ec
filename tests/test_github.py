"""GitHub Actions: the annotation cap, most severe first, and the step summary."""

import io
import re

from conftest import VALID
from linter.cli import main


def run(*args, env=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    code = main(["--now", "2025-01-01T00:00:00Z", "--no-cache", "--ignore", "XF", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def many(tmp_path, n_errors=40, n_warnings=5):
    for i in range(n_errors):
        (tmp_path / f"e{i:02d}.md").write_text(VALID.replace("type: article", "type: 5"))
    for i in range(n_warnings):
        (tmp_path / f"w{i:02d}.md").write_text(VALID.replace("https://www.news-medical.net/images", "http://www.news-medical.net/images"))


def test_ten_most_severe_first_then_a_count(tmp_path, monkeypatch):
    many(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, out, _ = run(str(tmp_path))
    lines = out.splitlines()
    commands = [l for l in lines if l.startswith("::")]
    assert [l.split(" ", 1)[0] for l in commands[:10]] == ["::error"] * 10
    assert [l.split(" ", 1)[0] for l in commands[10:15]] == ["::warning"] * 5
    assert commands[15].startswith("::notice title=lint-news::30 more findings")
    assert len(commands) == 16
    rest = [l for l in lines if not l.startswith("::")]
    assert len(rest) == 30 and all(re.match(r"\S+:\d+:\d+: SC003 ", l) for l in rest)


def test_step_summary_holds_every_finding(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    many(content)
    (content / "x.md").write_text(VALID.replace('"A clean headline"', '"<script>|x</script>"').replace("type: article", "type: 5"))
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run("-f", "github", str(content))
    text = summary.read_text()
    assert text.count("| SC003 wrong-type |") == 41 and text.count("URL002") == 5
    assert text.count("ENC011") == 1  # the title's markup, named in the message: escaped too
    assert "<script>" not in text
    assert "41 errors, 6 warnings in 46 of 46 files." in text


def test_step_summary_is_bounded(tmp_path, monkeypatch):
    from linter.formatters import step_summary

    monkeypatch.setattr(step_summary, "LIMIT", 3000)
    content = tmp_path / "content"
    content.mkdir()
    many(content)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(str(content))
    text = summary.read_text()
    assert len(text.encode()) < 3000 + 500 and "reached GitHub's 1 MiB limit" in text
