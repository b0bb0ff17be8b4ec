"""Baselines survive edits elsewhere in a file; --changed-since lints only what changed."""

import os
import subprocess


from conftest import VALID, run_in

BAD = VALID.replace("type: article", "type: 5")


def run(*args, cwd):
    return run_in(cwd, *args)


def test_baseline_reports_only_new_findings(tmp_path):
    for i in range(30):
        (tmp_path / f"a{i:02d}.md").write_text(BAD if i % 3 == 0 else VALID)
    code, _, err = run("--write-baseline", "base.json", ".", cwd=tmp_path)
    assert code == 1 and "Wrote 10 findings" in err
    # an edit elsewhere in a legacy file moves its finding down a line: still baselined
    (tmp_path / "a00.md").write_text(BAD.replace("category: news\n", "category: news\nheat: 3\n").replace("heat: -1\n", ""))
    (tmp_path / "a01.md").write_text(VALID.replace("quality: 54", "quality: 540"))  # one new defect
    code, out, err = run("--baseline", "base.json", "--strict", ".", cwd=tmp_path)
    assert code == 1
    assert [l.split(": ")[0] for l in out.splitlines() if ": SC" in l] == ["a01.md:9:10"]
    assert "10 findings are in the baseline" in err
    (tmp_path / "a03.md").write_text(VALID)  # fixed: its entry is stale
    code, out, err = run("--baseline", "base.json", "--strict", ".", cwd=tmp_path)
    assert "1 baseline entries no longer occur" in err and "a03.md: SC003" in err


def test_changed_since_lints_only_touched_files(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@x"})

    git("init", "-q")
    for name in ("old.md", "edited.md", "renamed.md", "deleted.md"):
        (tmp_path / name).write_text(BAD)
    git("add", "-A")
    git("commit", "-qm", "start")
    (tmp_path / "edited.md").write_text(BAD + "\nmore\n")
    git("mv", "renamed.md", "moved.md")
    (tmp_path / "moved.md").write_text(BAD + "\n")
    os.remove(tmp_path / "deleted.md")
    (tmp_path / "new.md").write_text(BAD)
    code, out, _ = run("--changed-since", "HEAD", ".", cwd=tmp_path)
    linted = sorted({l.split(":")[0] for l in out.splitlines() if ": SC003" in l})
    assert linted == ["edited.md", "moved.md", "new.md"]
    assert run("--changed-since", "no-such-ref", ".", cwd=tmp_path)[0] == 2
