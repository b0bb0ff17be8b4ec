"""The adoption story at scale: a legacy repository of 5,000 generated articles with about 300
findings; a baseline; one new defect; a changed-only run; GitHub output and step summary with
40 errors; SARIF that validates."""

import io
import json
import os
import random
import subprocess

from conftest import CONFORMANCE
from corpus import make_article, make_defective
from linter.cli import main


def run(*args, cwd, env=None):
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(["--now", "2025-01-01T00:00:00Z", *args], stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_legacy_repository_adoption(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    content = repo / "content"
    content.mkdir(parents=True)
    rng = random.Random(5000)
    defects = ["wrong-type", "url-space", "date-impossible", "img-huge", "unknown-key", "mojibake"]
    for i in range(5000):
        sub = content / f"{i // 500:02d}"
        sub.mkdir(exist_ok=True)
        text = make_defective(rng, defects[i % len(defects)]).text if i % 19 == 0 else make_article(rng)
        (sub / f"a{i:04d}.md").write_text(text, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "legacy")

    code, out, err = run("-f", "json", "--write-baseline", "baseline.json", "content", cwd=repo)
    recorded = json.loads(out)["summary"]["errors"] + json.loads(out)["summary"]["warnings"]
    assert code == 1 and 250 <= recorded <= 400

    target = content / "03" / "a1501.md"
    target.write_text(target.read_text(encoding="utf-8").replace("\nquality: ", "\nquality: 9999\nx_quality: ", 1), encoding="utf-8")
    code, out, err = run("-f", "json", "--baseline", "baseline.json", "content", cwd=repo)
    found = [(d["path"], d["code"]) for d in json.loads(out)["diagnostics"]]
    assert code == 1 and sorted(found) == [("content/03/a1501.md", "SC002"), ("content/03/a1501.md", "SC005")]
    assert f"{recorded} findings are in the baseline" in err

    code, out, _ = run("-f", "json", "--changed-since", "HEAD", "content", cwd=repo)
    assert {d["path"] for d in json.loads(out)["diagnostics"]} == {"content/03/a1501.md"}
    assert json.loads(out)["summary"]["files"] == 1

    forty = tmp_path / "forty"
    forty.mkdir()
    for i in range(40):
        (forty / f"e{i:02d}.md").write_text(make_defective(rng, "wrong-type-quality").text, encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run("--no-cache", "--ignore", "XF", ".", cwd=forty)
    commands = [l for l in out.splitlines() if l.startswith("::")]
    assert len(commands) == 11 and all(c.startswith("::error ") for c in commands[:10])
    assert commands[10].startswith("::notice title=lint-news::30 more findings")
    assert summary.read_text().count("| SC003 wrong-type |") == 40

    import jsonschema

    code, out, _ = run("-f", "sarif", "--no-cache", ".", cwd=forty)
    schema = json.loads((CONFORMANCE / "sarif" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(json.loads(out), schema, cls=jsonschema.validators.validator_for(schema))
