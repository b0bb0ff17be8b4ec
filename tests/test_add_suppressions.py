
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
