"""The command line: discovery, options, subcommands, exit codes."""

import io
import re
import os
import subprocess
import sys

import pytest

from conftest import ROOT, VALID, run_in
from linter import __version__
from linter.cli import main


def run(*args, cwd=None):
    # the folders hold copies of one article: the checks across files are off (see run_in)
    return run_in(cwd or os.getcwd(), *args)


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "good.md").write_text(VALID, encoding="utf-8")
    (tmp_path / "news" / "bad.markdown").write_text(VALID.replace("type: article", "type: 5"), encoding="utf-8")
    (tmp_path / "news" / "warn.md").write_text(VALID.replace("https://www.news-medical.net/images", "http://www.news-medical.net/images"))
    (tmp_path / "news" / "notes.txt").write_text("not markdown")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.md").write_text("no front matter")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.md").write_text("no front matter")
    return tmp_path


def test_exit_codes_and_discovery(tree):
    code, out, err = run(cwd=tree)
    assert code == 1
    assert "news/bad.markdown:8:7: SC003" in out and "drafts/d.md:1:1: FM001" in out
    assert ".hidden" not in out and "notes.txt" not in out
    assert err.strip() == "2 errors, 1 warning in 3 of 4 files."


def test_warnings_alone_pass_unless_strict(tree):
    assert run("news/warn.md", "news/good.md", cwd=tree)[0] == 0
    assert run("--strict", "news/warn.md", cwd=tree)[0] == 1


def test_exclude(tree):
    code, out, _ = run("--exclude", "drafts", "--exclude", "*.markdown", cwd=tree)
    assert code == 0 and "drafts" not in out


def test_output_is_ordered_by_path_line_column(tree):
    _, out, _ = run("-f", "json", cwd=tree)
    import json

    keys = [(d["path"], d["span"]["start"]["line"], d["span"]["start"]["column"]) for d in json.loads(out)["diagnostics"]]
    assert keys == sorted(keys)


def test_missing_path_is_a_usage_error(tree):
    code, _, err = run("nope.md", cwd=tree)
    assert code == 2 and "path does not exist: nope.md" in err


def test_file_names_that_look_like_options(tree):
    weird = tree / "--config=evil.md"
    weird.write_text(VALID.replace("type: article", "type: 5"))
    code, out, _ = run("--", "--config=evil.md", cwd=tree)
    assert code == 1 and "--config=evil.md:8:7: SC003" in out


def test_no_abbreviations(tree):
    code, _, err = run("--fi", "news", cwd=tree)
    assert code == 2 and "unrecognized arguments: --fi" in err


def test_select_and_ignore_by_prefix(tree):
    assert run("--ignore", "SC", "news/bad.markdown", cwd=tree)[0] == 0
    code, out, _ = run("--select", "URL002", cwd=tree)
    assert code == 0 and "URL002" in out and "SC003" not in out
    assert run("--select", "XYZ", cwd=tree)[0] == 2


def test_directory_named_md_and_unreadable_file(tree):
    (tree / "news" / "folder.md").mkdir()
    code, out, _ = run("news", cwd=tree)
    assert code == 1 and "news/folder.md:1:1: FM010 cannot check this path: it is a directory" in out
    secret = tree / "news" / "secret.md"
    secret.write_text(VALID)
    os.chmod(secret, 0)
    if os.access(secret, os.R_OK):  # root reads anything
        pytest.skip("running as root: permissions do not apply")
    code, out, _ = run("news/secret.md", cwd=tree)
    assert code == 1 and "FM010" in out


def test_internal_error_is_one_diagnostic_and_exit_2(tree, monkeypatch):
    from linter.rules import get

    rule = get("IMG001")

    def boom(ctx):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(rule, "check", boom)
    code, out, err = run("news", cwd=tree)
    assert code == 2
    assert out.count("FM011") == 3 and "kaboom" in out and "Traceback" not in out + err


def test_rules_and_rule_commands():
    code, out, _ = run_plain("rules")
    assert code == 0 and "ENC001  mojibake" in out
    code, out, _ = run_plain("rule", "ENC001")
    assert code == 0 and "## What it does" in out and "## Why is this bad?" in out and "## Example" in out
    assert run_plain("rule", "mojibake")[0] == 0
    assert run_plain("rule", "NOPE1")[0] == 2


def run_plain(*args):
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_version_and_help():
    proc = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == f"lint-news {__version__}"
    proc = subprocess.run([sys.executable, "-m", "linter", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "examples:" in proc.stdout and "exit codes" in proc.stdout


def test_bad_now_is_a_usage_error():
    out, err = io.StringIO(), io.StringIO()
    assert main(["--now", "yesterday", str(ROOT / "fixtures" / "valid")], stdout=out, stderr=err) == 2


@pytest.mark.parametrize("now, code, said", [
    ("2024-02-30T00:00:00Z", 2, "day 30 does not exist in February 2024"),
    ("0000-01-01T00:00:00Z", 2, "outside the years"),
    ("9999-12-31T23:59:59-01:00", 2, "outside the years"),
    ("2030-06-30T23:59:60Z", 0, ""),  # a leap second is read as :59, as in the files
    ("2025-01-01T02:00:00+02:00", 0, ""),
    ("2025-01-01t00:00:00z", 0, ""),
])
def test_now_is_read_as_the_date_rules_read_dates(now, code, said):
    out, err = io.StringIO(), io.StringIO()
    assert main(["--now", now, str(ROOT / "fixtures" / "valid")], stdout=out, stderr=err) == code
    assert said in err.getvalue() and "internal error" not in err.getvalue()


def test_github_format_is_the_default_in_actions(tree, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run("news/bad.markdown", cwd=tree)
    assert out.startswith("::error file=news/bad.markdown,line=8")


def test_symlinks_out_of_the_tree_are_not_followed(tree, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "x.md"
    outside.write_text("no front matter")
    os.symlink(outside, tree / "news" / "link.md")
    _, out, _ = run("news", cwd=tree)
    assert "link.md" not in out


def test_output_file_statistics_exit_zero_and_show_files(tree):
    code, out, err = run("--output-file", "report.json", "-f", "json", "--statistics", "--exit-zero", cwd=tree)
    assert code == 0 and out == ""
    import json

    report = json.loads((tree / "report.json").read_text())
    assert report["summary"]["errors"] == 2
    assert "2 errors, 1 warning in 3 of 4 files." in err
    assert re.search(r"^\s+1  SC003   wrong-type$", err, re.M) and re.search(r"^\s+1  FM001   missing-front-matter$", err, re.M)
    code, out, _ = run("--show-files", cwd=tree)
    assert code == 0 and out.splitlines() == ["drafts/d.md", "news/bad.markdown", "news/good.md", "news/warn.md"]


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal_for_long_runs_and_never_in_ci(monkeypatch):
    from linter.cli import _Progress

    monkeypatch.delenv("CI", raising=False)
    tty = _Tty()
    p = _Progress(tty, 5000)
    for _ in range(1000):
        p.step()
    p.done()
    assert "\r500/5000 files" in tty.getvalue() and "\r1000/5000 files" in tty.getvalue()
    quiet = _Tty()
    p = _Progress(quiet, 100)
    [p.step() for _ in range(100)]
    assert quiet.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    ci = _Tty()
    p = _Progress(ci, 5000)
    [p.step() for _ in range(1000)]
    assert ci.getvalue() == ""
    plain = io.StringIO()
    p = _Progress(plain, 5000)
    [p.step() for _ in range(1000)]
    assert plain.getvalue() == ""


def test_a_reader_that_goes_away_stops_the_run_quietly(tmp_path):
    # ``lint-news . | head``: the output is far larger than a pipe holds, and the reader
    # closes it after one line; no traceback, no "Exception ignored" at exit, exit code 2
    for i in range(400):
        (tmp_path / f"a{i:03d}.md").write_text(VALID.replace("type: article", "type: 5"), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "linter", "--isolated", "--no-cache", "--jobs", "1", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert b"SC003" in proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 2
    assert err == b"", err
