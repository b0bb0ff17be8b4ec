"""The composite action's script, run locally with the variables GitHub sets."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, VALID


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_script_annotates_and_writes_the_step_summary(tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "lint-news"  # the console script, as 'pip install' puts it on PATH
    shim.write_text(f"#!/bin/sh\nexec {sys.executable} -m linter \"$@\"\n")
    shim.chmod(0o755)
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "good.md").write_text(VALID)
    (repo / "content" / "bad.md").write_text(VALID.replace("type: article", "type: 5"))
    (repo / "content" / "img.md").write_text(VALID.replace("width: 640", "width: 6400"))
    summary = tmp_path / "summary.md"
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "GITHUB_ACTIONS": "true", "CI": "true",
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(repo),
           "INPUT_PATHS": "content", "INPUT_CONFIG": "", "INPUT_CHANGED_SINCE": "", "INPUT_ARGS": "--ignore IMG,XF --no-cache",
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(["bash", str(ROOT / "action" / "run.sh")], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        "::error file=content/bad.md,line=8,endLine=8,col=7,endColumn=7,title=SC003 wrong-type::"
        "type must be text, found the number 5%0Ahint: write \"5\" in quotes to make it text"]
    text = summary.read_text()
    assert "content/bad.md" in text and "SC003" in text and "IMG" not in text and "XF0" not in text


def test_action_metadata_names_its_inputs():
    text = (ROOT / "action.yml").read_text()
    for name in ("paths:", "config:", "changed-since:", "using: composite", "action/run.sh"):
        assert name in text
