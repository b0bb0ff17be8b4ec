"""The cache sits in the repository, and a repository's content is untrusted: a cache folder
committed by a pull request must never make a broken file pass."""

import io
import json
import os
import stat

import pytest

from conftest import VALID
from linter import cache as cache_mod
from linter.cli import main

BROKEN = VALID.replace('webUrl: "https://www.news-medical.net/news/a.aspx"', 'webUrl: "news-medical.net/news/a.aspx"')


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with one article that has a finding and two that are duplicates."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "news").mkdir()
    (root / "news" / "broken.md").write_text(BROKEN, encoding="utf-8")
    (root / "news" / "one.md").write_text(VALID.replace("/a.aspx", "/b.aspx"), encoding="utf-8")
    (root / "news" / "two.md").write_text(VALID.replace("/a.aspx", "/b.aspx").replace("A clean", "Another"), encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run(user_cache, monkeypatch):
    """One run with the default cache, as the user whose own cache folder is ``user_cache``."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(user_cache))
    out, err = io.StringIO(), io.StringIO()
    code = main(["--now", "2025-01-01T00:00:00Z", "--jobs", "1", "-f", "json", "news"], stdout=out, stderr=err)
    return code, sorted((d["path"], d["code"]) for d in json.loads(out.getvalue())["diagnostics"]), err.getvalue()


def forge(cache):
    """What an attacker would commit: every file recorded clean, no finding across files."""
    shards = list(cache.glob("*/index-*.json"))
    assert shards
    for shard in shards:
        records = json.loads(shard.read_text())
        for rec in records.values():
            rec[3] = 0
        shard.write_text(json.dumps(records))
    stored = json.loads((cache / "cross-files.json").read_text())
    stored["found"], stored["stamps"] = {}, {}
    (cache / "cross-files.json").write_text(json.dumps(stored))


def test_a_cache_from_the_repository_is_not_trusted(repo, tmp_path, monkeypatch):
    first = run(tmp_path / "owner", monkeypatch)
    assert first[0] == 1
    assert ("news/broken.md", "URL001") in first[1] and ("news/one.md", "XF001") in first[1]
    cache = repo / ".lint-news-cache"
    forge(cache)
    # whoever holds the secret the cache was written with does read it (so the forgery above
    # is one the cache would honour)...
    assert run(tmp_path / "owner", monkeypatch)[:2] == (0, [])
    # ...but anyone else, such as a CI runner checking out a pull request that commits this
    # cache, finds none of it and checks every file
    assert run(tmp_path / "ci-runner", monkeypatch)[:2] == first[:2]


def test_the_secret_is_kept_outside_the_repository_and_reused(repo, tmp_path, monkeypatch):
    run(tmp_path / "owner", monkeypatch)
    path = tmp_path / "owner" / "lint-news" / "secret"
    text = path.read_text()
    assert len(text) == 64 and int(text, 16) >= 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(repo.rglob("secret"))
    assert cache_mod.secret() == text
    run(tmp_path / "owner", monkeypatch)
    assert path.read_text() == text
    # the cache folder tells git to ignore it, so that it is not committed by accident
    assert (repo / ".lint-news-cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_without_a_place_for_the_secret_each_run_has_its_own(repo, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    code, found, _ = run(blocker / "cache", monkeypatch)
    assert code == 1 and ("news/broken.md", "URL001") in found
    forge(repo / ".lint-news-cache")
    cache_mod._SECRET.clear()  # a new process
    assert run(blocker / "cache", monkeypatch)[:2] == (code, found)


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_cache_path_that_is_not_a_folder_is_not_used(repo, tmp_path, monkeypatch, kind):
    target = tmp_path / "elsewhere"
    if kind == "link":
        os.symlink(target, repo / ".lint-news-cache")
    else:
        (repo / ".lint-news-cache").write_text("not a cache")
    code, found, err = run(tmp_path / "owner", monkeypatch)
    assert code == 1 and ("news/broken.md", "URL001") in found
    assert "the cache is not used" in err
    assert not target.exists()
    assert os.path.islink(repo / ".lint-news-cache") == (kind == "link")
