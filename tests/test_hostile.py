"""Hostile input never wins: every case ends in diagnostics with a file and a line, the run
goes on, and nothing raises. Cases that involve the YAML reader run on both parsers."""

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from conftest import VALID, lint, short, run_in


def run(*args, cwd=None):
    # the folders hold copies of one article: the checks across files are off (see run_in)
    return run_in(cwd or os.getcwd(), *args)


@pytest.mark.parametrize("raw,expected", [
    (b"", ["1:1 FM001"]),
    (b"---", ["1:1 FM002"]),
    (b"---\n", ["1:1 FM002"]),
    (b"\x00\x00\x00\x00binary\x00\x00" * 50, ["1:1 ENC007"]),
    (VALID.replace("\n", "\r").encode(), []),
    (VALID.replace("\n", "\r\n").replace("type: article", "type: 5").encode(), ["8:7 SC003"]),
    (VALID.replace("\n", "\r").replace("type: article", "type: 5").encode(), ["8:7 SC003"]),
    (VALID.replace("A clean headline", "A\x00headline").encode(), ["3:10 ENC004"]),
    (VALID.replace("  name: News Medical", "\tname: News Medical").encode(), ["14:1 FM003"]),
    (VALID.encode("utf-16-le"), ["1:1 ENC007"]),
    (VALID.replace("type: article", "type: 5").encode("utf-16-be"), ["1:1 ENC007", "8:7 SC003"]),
    (b"\xff\xfe" + VALID.encode("utf-16-le"), ["1:1 ENC007"]),
    (VALID.encode().replace(b"headline", b"head\xc3line"), ["3:21 ENC002"]),
])
def test_odd_files_get_the_right_line(raw, expected, pure):
    assert short(lint(raw, pure=pure)) == expected


@pytest.mark.parametrize("yaml_text", ["a: !!binary aGVsbG8=", "a: !!set {x, y}", "a: !!omap [x: 1]",
                                      "? [a, b]\n: 1", "? {a: 1}\n: 2", "1.5: x", "null: x",
                                      "a: !!python/object/apply:os.system ['echo pwned > /tmp/lint-news-pwned']",
                                      "a: !!timestamp foo", "a: !!int 0xZZ", "a: !!float abc", "a: 25:00:00",
                                      "a: 2024-02-30", 'a: "\\ud800"', "a: *undefined", "a: &x 1\nb: &x 2\nc: *x",
                                      "a: [1, 2", "a: {b", "- a\nb: c", "a:\n- b\n - c", "%YAML 1.1\n---\na: 1"])
def test_yaml_traps_are_diagnostics(yaml_text, pure):
    diags = lint(f"---\n{yaml_text}\n---\n", pure=pure)
    assert diags and all(d.span.start.line >= 1 for d in diags)
    assert all(d.code != "FM011" for d in diags), [(d.code, d.message) for d in diags]
    assert not os.path.exists("/tmp/lint-news-pwned")


@pytest.mark.parametrize("title,column,message,hint", [
    ("@user says hello", 8, "a value cannot begin with '@' unless it is in quotes", 'title: "@user says hello"'),
    ("`code` review", 8, "a value cannot begin with '`' unless it is in quotes", 'title: "`code` review"'),
    ("%50 off", 8, "a value cannot begin with '%' unless it is in quotes", 'title: "%50 off"'),
    ("*Breaking* news", None, "a value that begins with '*' must be in quotes", 'title: "*Breaking* news"'),
    ("&more* news", None, "a value that begins with '&' must be in quotes", 'title: "&more* news"'),
    ("- not a list", 8, "a value that begins with '- ' must be in quotes", 'title: "- not a list"'),
    ("? what", 8, "a value that begins with '? ' must be in quotes", 'title: "? what"'),
    ("| pipe", None, "text after '|' or '>' must begin on the next line", "move the text to the next line"),
    ('Breaking: "storm" hits', 16, "a value contains ': ' but is not in quotes", 'title: "Breaking: \\"storm\\" hits"'),
])
def test_yaml_errors_in_a_title_say_what_to_write(title, column, message, hint, pure):
    _assert_title_error(title, column, message, hint, pure)


@pytest.mark.parametrize("title, column, straight", [
    ("“Budget: approved”", 15, '"Budget: approved"'), ("„Haushalt: beschlossen“", 17, '"Haushalt: beschlossen"'),
    ("«Budget : adopté»", 16, '"Budget : adopté"'),
])
def test_a_title_in_typographic_quotes_is_told_that_yaml_takes_straight_ones(title, column, straight, pure):
    # a word processor's quotes are text to YAML: the ': ' inside ends the key's value
    _assert_title_error(title, column, "a value contains ': ' but is not in quotes",
                        f'YAML takes only straight quotes for quotes: title: {straight}, or title: "{title}" to keep the marks as text',
                        pure)


def _assert_title_error(title, column, message, hint, pure):
    # the reserved characters were reported as "a tab character is used", with libyaml
    diags = lint(VALID.replace('title: "A clean headline"', f"title: {title}"), pure=pure)
    (d,) = [d for d in diags if d.code == "FM003"]
    assert d.span.start.line == 3 and (column is None or d.span.start.column == column)
    assert d.message.startswith(message), d.message
    assert hint in d.hint, d.hint


@pytest.mark.parametrize("old,new,where,message,hint", [
    ('title: "A clean headline"', 'title:"A clean headline"', "3:1", "a ':' must be followed by a space",
     'write title: "A clean headline"'),
    ("type: article", "type article", "8:1", "a line is not in the form 'key: value'", "add the missing ':'"),
    ("heat: -1", "heat: -1\ntopics: [AI, ML", "11:9", "the list opened here with '[' is not closed with ']'", "add ']'"),
    ("heat: -1", "heat: -1\nmeta: {a: 1", "11:7", "the mapping opened here with '{' is not closed with '}'", "add '}'"),
    ("  domain: news-medical.net", "    domain: news-medical.net", "15:5",
     "this line is indented more than the line above, so YAML reads it as part of that value", "indent it as far"),
    ('title: "A clean headline"', "title: Breaking: storm hits", "3:16", "a value contains ': ' but is not in quotes",
     'title: "Breaking: storm hits"'),
    ("type: article", ": article", "8:1", "a field has no name: the line begins with ':'", "write the field's name"),
    ("type: article", "type:\u00a0article", "8:6", "the ':' is followed by U+00A0 NO-BREAK SPACE, where YAML needs a plain space",
     "replace it with a plain space: type: article"),
    ("  domain: news-medical.net", "  : news-medical.net", "15:3", "a field has no name: the line begins with ':'",
     "write the field's name"),
    # a colon typed with a Chinese or Japanese input method: YAML fails on this line, or (on
    # the first line) on the next ':', having read both lines as one text
    ("type: article", "type： article", "8:5", "the field name is followed by U+FF1A FULLWIDTH COLON, not by ':'",
     "write a plain colon and a space: type: article"),
    ("  domain: news-medical.net", "  domain：\u3000news-medical.net", "15:9",
     "the field name is followed by U+FF1A FULLWIDTH COLON, not by ':'", "domain: news-medical.net"),
    ("category: news", "category∶ news", "2:9", "the field name is followed by U+2236 RATIO, not by ':'",
     "write a plain colon and a space: category: news"),
    ("    width: 640", "    width﹕640", "19:10", "the field name is followed by U+FE55 SMALL COLON, not by ':'",
     "width: 640"),
    # the first line of a block indented unlike the rest: YAML fails on the line below it,
    # which is right; the report is at the first line
    ("  name: News Medical", " name: News Medical", "14:2",
     "this line is indented by 1 space; the line below it and the rest of the front matter expect 2 spaces",
     "indent it by 2 spaces"),
    ("  name: News Medical", "   name: News Medical", "14:4",
     "this line is indented by 3 spaces; the line below it and the rest of the front matter expect 2 spaces",
     "indent it by 2 spaces"),
    ('  - url: "https://www.news-medical.net/images/a-640x360.jpg"',
     ' - url: "https://www.news-medical.net/images/a-640x360.jpg"', "18:2",
     "this line is indented by 1 space; the line below it and the rest of the front matter expect 2 spaces",
     "indent it by 2 spaces"),
    ('  - url: "https://www.news-medical.net/images/a-640x360.jpg"',
     '   - url: "https://www.news-medical.net/images/a-640x360.jpg"', "18:4",
     "this line is indented by 3 spaces; the line below it and the rest of the front matter expect 2 spaces",
     "indent it by 2 spaces"),
    # a field without its ':', first in its block: YAML reads it and the next line as one text
    ("  name: News Medical", "  name News Medical", "14:3", "a line is not in the form 'key: value'",
     "add the missing ':' after the field name: name: News Medical"),
    ("category: news", "category news", "2:1", "a line is not in the form 'key: value'",
     "add the missing ':' after the field name: category: news"),
    ('  - url: "https://www.news-medical.net/images/a-640x360.jpg"', '  - url "https://www.news-medical.net/images/a-640x360.jpg"',
     "18:5", "a line is not in the form 'key: value'",
     "add the missing ':' after the field name: url: \"https://www.news-medical.net/images/a-640x360.jpg\""),
    # a list item without the space after its dash (YAML reads a field named "-url"), and a
    # field of an item without the space after its ':' (YAML reads the item as one text): YAML
    # fails on the next line, lined up as the item's next field
    ('  - url: "https://www.news-medical.net/images/a-640x360.jpg"', '  -url: "https://www.news-medical.net/images/a-640x360.jpg"',
     "18:3", "a list item needs a space after its '-'", 'write - url: "https://www.news-medical.net/images/a-640x360.jpg"'),
    ('  - url: "https://www.news-medical.net/images/a-640x360.jpg"', '  - url:"https://www.news-medical.net/images/a-640x360.jpg"',
     "18:5", "a ':' must be followed by a space", 'write url: "https://www.news-medical.net/images/a-640x360.jpg"'),
    ("    isCached: true", '    isCached: true\n  -url: "https://www.news-medical.net/images/b.jpg"\n    width: 640', "22:3",
     "a list item needs a space after its '-'", 'write - url: "https://www.news-medical.net/images/b.jpg"'),
    # a character typed before an indented field's indentation: YAML reads the line as a field
    # at the top (or cannot read it), and fails below it
    ("    width: 640", "x    width: 640", "19:1",
     "a stray 'x' before this line's indentation: YAML reads the line as a field at the top", "delete the 'x'"),
    ('  - url: "https://www.news-medical.net/images/a-640x360.jpg"', '] - url: "https://www.news-medical.net/images/a-640x360.jpg"',
     "18:1", "a stray ']' before this line's indentation: YAML cannot read the line", "delete the ']'"),
    # a list whose first item lost its dash: YAML fails at the second item's
    ('  - url: "https://www.news-medical.net/images/a-640x360.jpg"\n    width: 640\n    height: 360\n    isCached: true',
     '    url: "https://www.news-medical.net/images/a.jpg"\n  - url: "https://www.news-medical.net/images/b.jpg"',
     "18:3", "the first item of this list has no '-' before it", "write '- ' in place of the two spaces before 'url:'"),
    # and where the line below is the odd one, it is the one reported
    ("  domain: news-medical.net", "   domain: news-medical.net", "15:4",
     "this line is indented more than the line above, so YAML reads it as part of that value", "indent it as far"),
    ("    width: 640", "     width: 640", "19:6", "the indentation is inconsistent or text follows a closed quote",
     "line the field up"),
])
def test_a_yaml_error_is_reported_on_the_line_that_holds_it(old, new, where, message, hint, pure):
    # the parser fails on the line after a missing ':' or an unclosed bracket: the report
    # points at the line the editor has to change
    diags = [d for d in lint(VALID.replace(old, new), pure=pure) if d.code == "FM003"]
    assert short(diags) == [f"{where} FM003"] and diags[0].message == message and hint in diags[0].hint


def test_an_empty_key_is_named_as_a_missing_key(pure):
    diags = [d for d in lint(VALID.replace("type: article", "? \n: article"), pure=pure) if d.code == "FM009"]
    assert [(d.span.start.line, d.message) for d in diags] == [(8, "a key is missing: an empty key is read as null")]


def test_the_first_line_of_the_first_block_is_reported_where_it_is(pure):
    text = VALID.replace("category: news\n", "provider:\n   name: X\n  domain: news-medical.net\ncategory: news\n", 1)
    text = text.replace("provider:\n  name: News Medical\n  domain: news-medical.net\n", "")
    (d,) = [d for d in lint(text, pure=pure) if d.code == "FM003"]
    assert short([d]) == ["3:4 FM003"] and d.hint == "indent it by 2 spaces"


def test_a_value_that_goes_on_over_lines_is_not_taken_for_a_field_without_its_colon(pure):
    text = VALID.replace('excerpt: "A clean excerpt."', "excerpt: A long text\n  goes on here\n  and then: this")
    (d,) = [d for d in lint(text, pure=pure) if d.code == "FM003"]
    assert (short([d]), d.message) == (["6:11 FM003"], "a value contains ': ' but is not in quotes")


def test_a_line_indented_with_no_break_spaces_is_named_where_it_is(pure):
    # the YAML fails on the line after it, or reads it as a field of the level above
    failing = VALID.replace("  name: News Medical", "\u00a0\u00a0name: News Medical")
    (d,) = [d for d in lint(failing, pure=pure) if d.code == "FM003"]
    assert (short([d]), d.message, d.hint) == (
        ["14:1 FM003"], "this line is indented with U+00A0 NO-BREAK SPACE, which YAML does not take for a space",
        "indent with plain spaces")
    reading = VALID.replace("  domain: news-medical.net", "\u00a0\u00a0domain: news-medical.net")
    found = [(d.code, d.span.start.line) for d in lint(reading, pure=pure)]
    assert ("SC002", 15) in found
    (d,) = [d for d in lint(reading, pure=pure) if d.code == "SC002"]
    assert d.message.startswith("the field name 'domain' begins with U+00A0 NO-BREAK SPACE") and d.hint == "indent with plain spaces"


@pytest.mark.parametrize("key,char", [
    ("tit\u200ble", "U+200B ZERO WIDTH SPACE"), ("\u200btitle", "U+200B ZERO WIDTH SPACE"),
    ("title\u00a0", "U+00A0 NO-BREAK SPACE"), ("\u00a0title", "U+00A0 NO-BREAK SPACE"),
    ("title\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("ti\u00adtle", "U+00AD SOFT HYPHEN"),
    ("\u2066title\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
])
def test_a_known_field_name_with_an_unseen_character_is_one_finding(key, char, pure):
    # not "begins with ..., which YAML does not take for indentation" for a name known at this
    # level, and not a second finding (ENC005) for the same character
    text = VALID.replace('title: "A clean headline"', f'{key}: "A clean headline"')
    diags = [d for d in lint(text, pure=pure) if d.code != "SC001"]
    assert short(diags) == ["3:1 SC002"], short(diags)
    assert (diags[0].message, diags[0].hint) == (f"the field name 'title' holds {char}", "delete it, so that the name is title")


def test_an_unknown_field_name_shown_with_escapes_is_not_quoted_twice(pure):
    text = VALID.replace("heat: -1", 'heat: -1\n"my\\u202efield": 1')
    (d,) = [d for d in lint(text, pure=pure) if d.code == "SC002"]
    assert d.message == "unknown field ['my\\u202efield']"
    assert [d.code for d in lint(text, pure=pure) if d.code == "ENC005"] == []


def test_a_tab_is_still_named_as_a_tab(pure):
    diags = lint(VALID.replace("  name: News Medical", "\tname: News Medical"), pure=pure)
    assert [d.message for d in diags if d.code == "FM003"] == ["a tab character is used where YAML needs spaces"]


def test_a_number_too_long_to_read_is_named_as_such(pure):
    # Python reads at most 4,300 digits into an int; the message quotes the value shortened
    diags = lint(VALID.replace("quality: 54", "quality: 1" + "0" * 5000), pure=pure)
    (found,) = [d for d in diags if d.code == "FM007"]
    assert found.span.start.line == 9 and found.span.start.column == 10
    assert found.message == "the number '1" + "0" * 36 + "...' is too long to read (5,001 characters)"
    assert "quotes" in found.hint
    (tagged,) = [d for d in lint("---\na: !!int 0xZZ\n---\n", pure=pure) if d.code == "FM007"]
    assert tagged.message == "'0xZZ' cannot be read as !!int"


def test_a_50_mb_file_is_refused_unread(tmp_path):
    big = tmp_path / "big.md"
    with open(big, "wb") as fh:
        fh.write(b"---\ntitle: x\n---\n")
        fh.truncate(50 * 1024 * 1024)
    t0 = time.perf_counter()
    code, out, _ = run(str(big))
    assert time.perf_counter() - t0 < 10  # reading 50 MB to parse it would be far slower
    assert code == 1 and "big.md:1:1: FM008" in out


def test_a_200_kb_line_is_too_large(tmp_path, pure):
    diags = lint("---\ntitle: \"" + "x" * 200_000 + "\"\n---\n", pure=pure)
    assert short(diags) == ["2:1 FM008"]


@pytest.mark.parametrize("title", ["\\u0041" * 9000, "'" + "&#8217;&amp;" * 5000 + "'", "A\\u0041 " * 60])
def test_long_runs_of_escapes_or_entities_give_short_messages(title, pure):
    diags = lint(VALID.replace('title: "A clean headline"', f"title: {title}"), select=["ENC"], pure=pure)
    assert diags and {d.code for d in diags} <= {"ENC008", "ENC009"}
    for d in diags:
        assert len(d.message) < 200 and len(d.hint) < 200 and (d.fix is None or len(d.fix.title) < 200)


@pytest.mark.parametrize("name", ["-rf.md", "--fix.md", "new\nline.md", "esc\x1b[2J.md", "comma,colon:pct%.md", "tab\t.md"])
def test_hostile_file_names_are_paths_and_come_out_inert(tmp_path, name):
    (tmp_path / name).write_text(VALID.replace("type: article", "type: 5"))
    for fmt in ("text", "github"):
        code, out, err = run("-f", fmt, "--", name, cwd=tmp_path)
        assert code == 1
        assert "\x1b" not in out and "\t" not in out
        lines = out.splitlines()
        if fmt == "github":
            assert len(lines) == 1 and lines[0].startswith("::error file=")
            assert "::" not in lines[0].split("::")[1].replace("%3A", "")


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="needs /proc")
@pytest.mark.parametrize("target", ["/proc/self/environ", "/dev/zero", "/etc/passwd", "loop", "dangling"])
def test_image_symlinks_never_leave_the_repository(tmp_path, target):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    link = repo / "img.png"
    if target == "loop":
        os.symlink(repo / "img2.png", link)
        os.symlink(link, repo / "img2.png")
    elif target == "dangling":
        os.symlink(repo / "nothing.png", link)
    else:
        os.symlink(target, link)
    (repo / "a.md").write_text(VALID.replace("https://www.news-medical.net/images/a-640x360.jpg", "img.png"))
    t0 = time.perf_counter()
    code, out, _ = run(str(repo / "a.md"))
    assert time.perf_counter() - t0 < 5
    assert "FM011" not in out
    if target not in ("loop", "dangling"):
        assert "IMG005" in out and "outside the repository" in out


def test_a_huge_jpeg_of_ff_bytes_stays_within_budget(tmp_path):
    repo = tmp_path
    (repo / ".git").mkdir()
    (repo / "x.jpg").write_bytes(b"\xff\xd8" + b"\xff" * (10 * 1024 * 1024))
    (repo / "a.md").write_text(VALID.replace("https://www.news-medical.net/images/a-640x360.jpg", "x.jpg"))
    t0 = time.perf_counter()
    code, out, _ = run(str(repo / "a.md"))
    assert time.perf_counter() - t0 < 5 and "FM011" not in out and "IMG006" in out


def test_file_deleted_during_the_run(tmp_path):
    from conftest import NOW
    from linter import schema as schema_mod
    from linter.config import Settings
    from linter.rules import Options
    from linter.runner import lint_files

    (tmp_path / "a.md").write_text(VALID)
    files = [(str(tmp_path / "a.md"), "a.md"), (str(tmp_path / "gone.md"), "gone.md")]
    results = list(lint_files(files, Settings(options=Options(now=NOW)), schema_mod.SchemaSource()))
    assert [r.diagnostics for r in results][0] == []
    assert [d.code for d in results[1].diagnostics] == ["FM010"]


def test_a_file_over_its_time_budget(tmp_path, monkeypatch):
    from linter.rules import get

    monkeypatch.setattr(get("IMG001"), "check", lambda ctx: time.sleep(30) or [])
    (tmp_path / "a.md").write_text(VALID)
    t0 = time.perf_counter()
    code, out, _ = run("--timeout", "0.3", "--jobs", "1", str(tmp_path / "a.md"))
    assert time.perf_counter() - t0 < 15
    assert "FM011" in out and "time budget" in out


def test_a_budget_that_runs_out_as_it_is_set_is_a_finding_not_a_traceback(tmp_path):
    """The timer goes off before the check has begun: the alarm lands where it is caught."""
    (tmp_path / "a.md").write_text(VALID)
    for _ in range(5):
        code, out, _ = run("--timeout", "1e-9", "--jobs", "1", str(tmp_path / "a.md"))
        assert code == 2 and "FM011" in out and "time budget (1e-09 s)" in out


@pytest.mark.parametrize("value, why", [("-5", "must be 0"), ("nan", "must be 0"), ("1e12", "up to 86400"),
                                        ("abc", "not a number of seconds")])
def test_a_budget_the_timer_cannot_take_is_a_usage_error(tmp_path, capsys, value, why):
    from linter.cli import main

    assert main(["--timeout", value, str(tmp_path)]) == 2
    assert why in capsys.readouterr().err


@pytest.mark.parametrize("count, poison", [(150, 75), (600, 3), (600, 450)])
def test_a_worker_that_dies_costs_only_its_file(tmp_path, monkeypatch, count, poison):
    """Wherever the file lies: in the first chunk, or in one handed out while others are still
    in flight (the broken pool then refuses new work too)."""
    from linter import runner

    real = runner.Worker.check

    def check(self, path, shown, known=None):
        if shown.endswith("poison.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, path, shown, known)

    monkeypatch.setattr(runner.Worker, "check", check)  # forked workers inherit it
    for i in range(count):
        (tmp_path / f"a{i:03d}.md").write_text(VALID)
    (tmp_path / f"a{poison:03d}-poison.md").write_text(VALID)
    code, out, err = run("--jobs", "2", str(tmp_path))
    assert code == 2
    assert out.count("FM011") == 1 and f"a{poison:03d}-poison.md:1:1: FM011" in out
    assert f"{count + 1} files" in err


def test_no_traceback_even_when_everything_is_wrong(tmp_path):
    (tmp_path / "a.md").write_bytes(b"---\n" + b"[" * 100_000 + b"\n---\n")
    (tmp_path / "b.md").write_bytes(b"---\na: &a [" + b"*a," * 1000 + b"]\n---\n")
    (tmp_path / "c.md").write_bytes(os.urandom(5000))
    proc = subprocess.run([sys.executable, "-m", "linter", "--no-cache", str(tmp_path)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert re.findall(r"^(\S+):\d+:\d+: (\w+)", proc.stdout, re.M)[0][0].endswith("a.md")


def test_unreadable_file_is_a_diagnostic(tmp_path, monkeypatch):
    from linter import engine as engine_mod

    (tmp_path / "a.md").write_text(VALID)
    (tmp_path / "secret.md").write_text(VALID)
    real_open = os.open

    def fake_open(path, flags, *a, **k):
        if str(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(engine_mod.os, "open", fake_open)
    code, out, _ = run("--jobs", "1", str(tmp_path))
    assert code == 1 and "secret.md:1:1: FM010 cannot read the file: Permission denied" in out


@pytest.mark.parametrize("flag", ["", "--pure-yaml"])
def test_compact_block_nesting_100000_deep(tmp_path, flag):
    f = tmp_path / "deep.md"
    f.write_text("---\n" + "- " * 100_000 + "x\n---\n")
    g = tmp_path / "deep2.md"
    g.write_text("---\n" + "".join("- " * 40 + "\n" + "  " * 40 for _ in range(2000)) + "x\n---\n")
    proc = subprocess.run([sys.executable, "-m", "linter", "--no-cache", *([flag] if flag else []), str(f), str(g)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert re.search(r"deep.md:\d+:\d+: FM00[68]", proc.stdout) and re.search(r"deep2.md:\d+:\d+: FM00[368]", proc.stdout)


def test_a_pool_that_refuses_new_work_is_replaced_and_nothing_is_lost(tmp_path):
    """A pool whose worker has died raises on the next submit, not only on a result: the run
    takes a new pool, checks the chunk at the head file by file, hands the rest out again,
    and gives every file's result, in order, as one process would."""
    from concurrent.futures.process import BrokenProcessPool

    from linter import runner
    from linter.config import Settings
    from linter.schema import SchemaSource

    work = []
    for i in range(300):
        (tmp_path / f"a{i:03d}.md").write_text(VALID if i % 7 else VALID.replace("type: article", "type: 5"))
        work.append((str(tmp_path / f"a{i:03d}.md"), f"a{i:03d}.md", None))
    settings, schema = Settings.build(), SchemaSource()

    class RefusesThirdTask:
        def __init__(self, pool):
            self.pool, self.calls = pool, 0

        def submit(self, fn, *args):
            self.calls += 1
            if self.calls == 3:
                raise BrokenProcessPool("a worker died")
            return self.pool.submit(fn, *args)

        def shutdown(self, **kwargs):
            self.pool.shutdown(**kwargs)

    broken = RefusesThirdTask(runner._new_pool(2, (settings, schema, None, 10.0, True)))
    got = list(runner._compute(work, settings, schema, None, 10.0, 2, broken, True))
    one = list(runner._compute(work, settings, schema, None, 10.0, 1))
    assert broken.calls == 3
    assert [(r.path, [(d.code, d.span) for d in r.diagnostics]) for r, _ in got] == \
        [(r.path, [(d.code, d.span) for d in r.diagnostics]) for r, _ in one]
    assert sum(bool(r.diagnostics) for r, _ in one) == 43


@pytest.mark.parametrize("broken", [
    "extra:\n    -   AI\n  - ML\n",  # a list item indented less than the one above
    'note: "A clean" headline\n',  # text after the closing quote
    "owner:\n  name: X\n domain: x.com\n",  # a field indented less than its neighbours
    "extra:\n  - AI\nmore: 1\n- ML\n",  # a list item where a field belongs
])
def test_both_yaml_readers_word_a_syntax_error_alike(broken):
    text = VALID.replace("---\nBody", broken + "---\nBody")
    fast, pure = lint(text, select=["FM"]), lint(text, select=["FM"], pure=True)
    assert [(d.code, d.span.start.line) for d in fast] == [(d.code, d.span.start.line) for d in pure]
    assert [d.message for d in fast] == [d.message for d in pure] and fast[0].code == "FM003"


def test_a_finding_is_superseded_only_inside_the_span_of_one_that_names_it():
    from linter.diagnostics import Diagnostic, Position, Span
    from linter.engine import _without_superseded

    def d(code, start, end):
        return Diagnostic(code, code, Span(Position(*start), Position(*end)))

    url = d("URL001", (5, 9), (6, 4))  # a value over two lines
    inside, on_the_next_line, outside, other = d("IMG006", (5, 12), (5, 20)), d("IMG006", (6, 1), (6, 3)), \
        d("IMG006", (6, 2), (6, 8)), d("ENC005", (5, 10), (5, 11))
    kept = _without_superseded([url, inside, on_the_next_line, outside, other], {"URL001": frozenset({"IMG006"})})
    assert kept == [url, outside, other]
    # thousands of field names with an invisible character: each SC002 drops its own ENC005
    many = [x for i in range(1, 20_001) for x in (d("SC002", (i, 1), (i, 8)), d("ENC005", (i, 1), (i, 2)))]
    assert [x.code for x in _without_superseded(many, {"SC002": frozenset({"ENC005"})})] == ["SC002"] * 20_000


def test_the_other_lines_of_front_matter_with_a_yaml_error_are_still_checked(pure):
    # one line breaks the YAML; the rest is read with that line's value as null (or the line
    # as a comment), and its findings are reported too, without fixes
    text = (VALID.replace('title: "A clean headline"', 'title: "Breaking: "storm" hits"')
            .replace('webUrl: "https://www.news-medical.net/news/a.aspx"', 'webUrl: "https//www.news-medical.net/news/a.aspx"')
            .replace("    width: 640", '    width: "640px"'))
    diags = lint(text, pure=pure)
    assert short(diags) == ["3:20 FM003", "7:9 URL001", "19:12 SC003"]
    assert all(d.fix is None for d in diags)
    # a line YAML cannot read at all goes as a comment; what its absence would cause is not reported
    text = VALID.replace("    height: 360", "\theight: 360").replace("quality: 54", "quality: 1000")
    assert short(lint(text, pure=pure)) == ["9:10 SC005", "20:1 FM003"]


def test_a_broken_list_item_with_fields_below_it_is_not_read_otherwise(pure):
    # its fields would become the list's own: nothing is reported from a reading without it
    text = VALID.replace('  - url: "https://www.news-medical.net/images/a-640x360.jpg"',
                         '\t- url: "https://www.news-medical.net/images/a-640x360.jpg"').replace("quality: 54", "quality: 1000")
    assert [d.code for d in lint(text, pure=pure)] == ["FM003"]


@pytest.mark.parametrize("body", ["\nThe council approved the budget.\n", ""])
def test_front_matter_never_closed_is_still_checked_up_to_its_last_field(body, pure):
    # the closing line is missing: the fields before the article's first words (or all the
    # lines, in a file of front matter alone) are checked as front matter, without fixes
    front = VALID.split("\n---\n")[0].replace("    width: 640", '    width: "640px"').replace(
        'webUrl: "https://www.news-medical.net/news/a.aspx"', 'webUrl: "https//www.news-medical.net/news/a.aspx"')
    diags = lint(front + "\n" + body, pure=pure)
    assert short(diags) == ["1:1 FM002", "7:9 URL001", "19:12 SC003"]
    assert all(d.fix is None for d in diags)
    assert diags[0].hint == "add a line '---' after " + (
        "line 21, the last front-matter field (before 'The council approved the budge…')" if body else "the last front-matter field")
