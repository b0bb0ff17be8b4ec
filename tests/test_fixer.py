"""--fix and --diff: only damaged characters change, atomically, idempotently."""

import io
import os
import shutil
import stat

import pytest

from conftest import VALID
from linter.cli import main


@pytest.fixture(autouse=True)
def _inside(tmp_path, monkeypatch):
    """--fix writes only inside the repository the run starts in: start in the test's folder."""
    monkeypatch.chdir(tmp_path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main(["--now", "2025-01-01T00:00:00Z", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_fix_repairs_the_real_example_with_a_one_line_diff(tmp_path, examples):
    src = [p for p in examples if p.name.startswith("000_")][0]
    target = tmp_path / src.name
    shutil.copy(src, target)
    code, diff, _ = run("--diff", str(target))
    assert code == 1
    changed = [l for l in diff.splitlines() if l.startswith(("+", "-")) and not l.startswith(("+++", "---"))]
    assert len(changed) == 2 and "patient’s" in changed[1] and "patientâ€™s" in changed[0]
    assert target.read_bytes() == src.read_bytes()  # --diff writes nothing
    code, _, _ = run("--fix", str(target))
    assert code == 0
    before, after = src.read_bytes(), target.read_bytes()
    assert after == before.replace("patientâ€™s".encode(), "patient’s".encode())


def test_fix_is_idempotent_and_keeps_crlf_bom_quotes_and_mode(tmp_path):
    text = VALID.replace("A clean excerpt.", "L’Ã©tÃ© est fini.").replace("\n", "\r\n")
    target = tmp_path / "a.md"
    target.write_bytes(b"\xef\xbb\xbf" + text.encode())
    os.chmod(target, 0o640)
    assert run("--fix", str(target))[0] == 0
    fixed = target.read_bytes()
    # the damage and the BOM are gone; every other byte, CRLF included, is unchanged
    assert fixed == text.replace("L’Ã©tÃ© est fini.", "L’été est fini.").encode()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert run("--fix", str(target))[0] == 0
    assert target.read_bytes() == fixed
    assert sorted(os.listdir(tmp_path)) == ["a.md"]  # no temporary file left


def test_fix_reports_what_remains(tmp_path):
    target = tmp_path / "a.md"
    target.write_text(VALID.replace("A clean excerpt.", "cafÃ©").replace("type: article", "type: 5"), encoding="utf-8")
    code, out, _ = run("--fix", str(target))
    assert code == 1 and "SC003" in out and "ENC001" not in out
    assert "café" in target.read_text(encoding="utf-8")


def test_symlinks_are_never_written(tmp_path):
    real = tmp_path / "real.md"
    real.write_text(VALID.replace("A clean excerpt.", "cafÃ©"), encoding="utf-8")
    link = tmp_path / "link.md"
    os.symlink(real, link)
    before = real.read_bytes()
    _, _, err = run("--fix", str(link))
    assert real.read_bytes() == before and os.path.islink(link)
    assert "link.md: not fixed: it is a symbolic link" in err


def test_a_fix_that_would_break_the_yaml_is_refused(tmp_path, monkeypatch):
    from linter import fixer

    target = tmp_path / "a.md"
    target.write_text(VALID.replace("A clean excerpt.", "cafÃ©"), encoding="utf-8")
    original = target.read_bytes()
    real_apply = fixer.apply_edits
    monkeypatch.setattr(fixer, "apply_edits", lambda text, bom, edits: (real_apply(text, bom, edits)[0].replace("café", 'caf"é'), bom))
    _, _, err = run("--fix", str(target))
    assert target.read_bytes() == original
    assert "a.md: not fixed: the repaired text would no longer read as the same YAML" in err


def test_file_changed_during_the_run_is_not_overwritten(tmp_path):
    from linter import fixer

    target = tmp_path / "a.md"
    target.write_bytes(b"new content")
    with pytest.raises(fixer.WriteRefused):
        fixer.write_atomic(str(target), b"old content", b"fixed")
    assert target.read_bytes() == b"new content"


def test_files_with_invalid_utf8_are_not_rewritten(tmp_path):
    target = tmp_path / "a.md"
    raw = VALID.replace("A clean excerpt.", "cafÃ© \udce9").encode("utf-8", "surrogateescape")
    target.write_bytes(raw)
    run("--fix", str(target))
    assert target.read_bytes() == raw


def test_files_outside_the_repository_are_never_written(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    outside = tmp_path / "outside.md"
    outside.write_text(VALID.replace("A clean excerpt.", "cafÃ©"), encoding="utf-8")
    before = outside.read_bytes()
    monkeypatch.chdir(repo)
    code, out, err = run("--fix", str(outside))
    assert outside.read_bytes() == before
    # the refusal is said, and the findings are still reported
    assert code == 1 and "ENC001" in out
    assert f"outside.md: not fixed: it is outside the repository the run started in ({repo})" in err


def test_no_temporary_file_is_left_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "a.md"
    target.write_text(VALID.replace("A clean excerpt.", "cafÃ©"), encoding="utf-8")
    before = target.read_bytes()

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    code, _, err = run("--fix", str(target))
    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["a.md"]
    assert "a.md: not fixed: cannot write the file: disk full" in err
