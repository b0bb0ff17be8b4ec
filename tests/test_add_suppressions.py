
from conftest import VALID, run_in


def run(*args, cwd):
    return run_in(cwd, *args)


def test_add_suppressions_silences_everything_safely_and_idempotently(tmp_path):
    dirty = VALID.replace("type: article", "type: 5").replace("title: \"A clean headline\"\n", "") \
        .replace("A clean excerpt.", "multi\n  line excerpt with cafÃ©")
    (tmp_path / "a.md").write_text(dirty, encoding="utf-8")
    (tmp_path / "b.md").write_text(VALID)
    assert run(".", cwd=tmp_path)[0] == 1
    code, out, _ = run("--add-suppressions", ".", cwd=tmp_path)
    assert code == 0 and out.strip() == "added suppressions to a.md"
    text = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "type: 5  # lint-news: disable=SC003" in text
    assert text.startswith("---\n# lint-news: disable-file=")  # the missing title and the multi-line value
    assert (tmp_path / "b.md").read_text() == VALID
    code, out, _ = run(".", cwd=tmp_path)
    assert code == 0 and out == ""
    before = (tmp_path / "a.md").read_bytes()
    run("--add-suppressions", ".", cwd=tmp_path)
    assert (tmp_path / "a.md").read_bytes() == before


def test_a_file_it_may_not_write_is_named_with_the_reason(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    outside = tmp_path / "outside.md"
    outside.write_text(VALID.replace("type: article", "type: 5"), encoding="utf-8")
    before = outside.read_bytes()
    code, out, err = run("--add-suppressions", str(outside), cwd=repo)
    assert outside.read_bytes() == before and out == ""
    assert "outside.md: suppressions not added (it is outside the repository the run started in" in err


def test_a_crlf_file_gets_its_suppressions_with_its_own_line_endings(tmp_path):
    dirty = VALID.replace("type: article", "type: 5").replace("\n", "\r\n")
    (tmp_path / "a.md").write_bytes(dirty.encode("utf-8"))
    code, out, _ = run("--add-suppressions", ".", cwd=tmp_path)
    assert code == 0 and out.strip() == "added suppressions to a.md"
    raw = (tmp_path / "a.md").read_bytes()
    assert b"type: 5  # lint-news: disable=SC003\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    assert run(".", cwd=tmp_path)[:2] == (0, "")


def test_files_that_cannot_hold_suppressions_are_named_with_the_reason(tmp_path):
    (tmp_path / "tab.md").write_text(VALID.replace("  name: News Medical", "\tname: News Medical"))
    (tmp_path / "plain.md").write_text("no front matter here\n")
    (tmp_path / "bytes.md").write_bytes(VALID.replace("A clean headline", "A clean h\xe9adline").encode("latin-1"))
    code, out, err = run("--add-suppressions", ".", cwd=tmp_path)
    assert code == 0 and out == ""
    assert "tab.md: suppressions not added (the front matter is not valid YAML; fix that first)" in err
    assert "plain.md: suppressions not added (the file has no front matter to hold them)" in err
    assert "bytes.md: suppressions not added (the file is not valid UTF-8; fix its encoding first)" in err
