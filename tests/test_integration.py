"""The real thing: an installed package linting from elsewhere, and the real pre-commit hook."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT, VALID

BAD = VALID.replace("type: article", "type: 5").replace("/news/a.aspx", "/news/b.aspx").replace("A clean headline", "Bad")  # SC003 at 8:7


def _git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_installed_package_ships_its_schema_and_runs_from_elsewhere(tmp_path):
    target = tmp_path / "site"
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(ROOT)]
    build = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    assert (target / "linter" / "schemas" / "news-article.schema.json").is_file()
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "bad.md").write_text(BAD)
    shutil.copy(sorted(EXAMPLES.glob("*.md"))[0], work / "example.md")
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run([sys.executable, "-c", "import linter.schema as s; print(s.bundled_schema_path())"],
                          cwd=work, capture_output=True, text=True, env=env)
    assert str(target) in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "linter", "--now", "2025-01-01T00:00:00Z", "."],
                          cwd=work, capture_output=True, text=True, env=env)
    assert proc.returncode == 1, proc.stderr
    assert "bad.md:8:7: SC003" in proc.stdout and "example.md:4:100: ENC001" in proc.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_hook_fails_on_the_bad_file_and_passes_the_good_one(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    repo = tmp_path / "content"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    (repo / "good.md").write_text(VALID)
    (repo / "bad.md").write_text(BAD)
    (repo / "--config=evil.md").write_text(VALID.replace("/news/a.aspx", "/news/evil.aspx").replace("A clean headline", "Evil"))
    _git("add", "-A", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    base = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "lint-news", "--color", "never"]
    proc = subprocess.run([*base, "--all-files"], cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bad.md:8:7: SC003" in proc.stdout
    assert "good.md:" not in proc.stdout and "evil.md:" not in proc.stdout
    proc = subprocess.run([*base, "--files", "good.md", "--config=evil.md"], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
