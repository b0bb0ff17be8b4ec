"""Output formats, and that no file content can forge a workflow command or terminal escape."""

import io
import json
import re

import pytest

from conftest import CONFORMANCE, VALID, with_line
from linter.cli import main

HOSTILE_TITLES = [
    "x\\n::add-mask::e", "x\\r::stop-commands::t", "##[set-output name=a;]b", "100%0A::error::x",
    "\\e[2J\\e]8;;http://evil\\e\\\\link\\e]8;;\\e\\\\", "\\e]52;c;ZXZpbA==\\a", "\\u009b31m", "\\u202eevil", "a\\u2028b",
    "\\ud800 lone",
    # characters that only the findings name: HTML entities, and escapes written out as text
    "&#10;::error::x &#27;[2J &#x9b;31m &#x202e;", "\\\\u001b[2J \\\\u000a::warning::z \\\\u202e",
]


def run(args, tmp_path=None, files=None):
    out, err = io.StringIO(), io.StringIO()
    code = main(["--now", "2025-01-01T00:00:00Z", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def hostile_file(tmp_path, title, name="a.md"):
    f = tmp_path / name
    text = with_line(VALID, 3, f'title: "{title}"').replace("type: article", "type: 5")
    f.write_text(text, encoding="utf-8", errors="surrogatepass")
    return f


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_github_output_cannot_be_forged(tmp_path, title):
    f = hostile_file(tmp_path, title)
    code, out, err = run(["--output-format", "github", str(f)])
    assert code == 1
    for stream in (out, err):
        for line in re.split(r"\r\n|\r|\n", stream):
            stripped = line.lstrip()
            if stripped.startswith("::"):
                assert re.match(r"::(error|warning|notice) file=[^,:]+,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=[^:]+::", stripped), line
                assert "::" not in stripped.split("::", 2)[2]
            assert "##[" not in line
            assert "\x1b" not in line and "\x9b" not in line and "\u202e" not in line


def test_github_escaping_of_properties_and_data(tmp_path):
    f = hostile_file(tmp_path, "ok", name="we,ird:name%.md")
    _, out, _ = run(["-f", "github", str(f)])
    line = out.splitlines()[0]
    assert "file=" in line and "we%2Cird%3Aname%25.md" in line
    assert line.startswith("::error file=") and ",col=7,endColumn=7," in line


def test_one_annotation_per_finding(tmp_path):
    f = hostile_file(tmp_path, "x\\n::error::y")
    _, out, _ = run(["-f", "github", str(f)])
    _, text_out, _ = run(["-f", "json", str(f)])
    assert len(out.splitlines()) == len(json.loads(text_out)["diagnostics"])


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_text_output_shows_controls_as_visible_escapes(tmp_path, title):
    f = hostile_file(tmp_path, title)
    code, out, err = run([str(f)])
    assert code == 1
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", out + err)


def test_text_format_has_path_line_col_code_source_and_caret(tmp_path):
    f = tmp_path / "a.md"
    f.write_text(VALID.replace("    width: 640", '    width: "640px"'), encoding="utf-8")
    _, out, err = run([str(f)])
    lines = out.splitlines()
    assert lines[0] == f"{f}:19:12: SC003 images[0].width must be a whole number, found the text \"640px\""
    assert lines[1] == '  19 |     width: "640px"'
    assert lines[2] == "     |            ^^^^^^^"
    assert lines[3].strip().startswith("= hint:")
    assert err.strip() == "1 error, 0 warnings in 1 of 1 file."


def test_wide_characters_keep_the_caret_aligned(tmp_path):
    f = tmp_path / "a.md"
    f.write_text(with_line(VALID, 3, 'title: "日本語\u200bの見出し"'), encoding="utf-8")
    _, out, _ = run([str(f)])
    source, caret = out.splitlines()[1:3]
    # the caret sits under the zero-width space, after 8 narrow and 3 double-width characters
    assert caret.index("^") - caret.index("|") == len("| ") + 8 + 2 * 3


def test_the_caret_stays_under_its_character_on_a_long_line_of_mixed_widths(tmp_path):
    """A line too long to print whole is shown as a window starting with an ellipsis; the
    caret must still sit under the reported character, past wide and combining characters."""
    import unicodedata

    def columns(text):  # the reference: every character, one by one
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)

    excerpt = "東京e\u0301 " * 150 + "\u0007" + " tail" * 20
    f = tmp_path / "a.md"
    f.write_text(VALID.replace('excerpt: "A clean excerpt."', f'excerpt: "{excerpt}"'), encoding="utf-8")
    _, out, _ = run(["--select", "ENC004", str(f)])
    source, caret = out.splitlines()[1:3]
    assert source.split("| ", 1)[1].startswith("…")
    at = source.index("\\x07")
    assert caret.index("^") == columns(source[:at])


def test_json_is_stable_and_documented(tmp_path):
    f = hostile_file(tmp_path, "\\e[2J")
    _, out, _ = run(["-f", "json", str(f)])
    doc = json.loads(out)
    assert out.isascii()
    assert doc["version"] == 1 and doc["tool"]["name"] == "lint-news" and doc["schema"]
    assert doc["summary"]["errors"] == 2
    d = doc["diagnostics"][0]
    assert set(d) == {"path", "code", "name", "severity", "message", "field", "hint", "span", "fix"}
    assert d["span"]["start"] == {"line": 3, "column": 8}  # an escape: the value is pointed at


def test_sarif_validates_against_the_official_schema(tmp_path):
    import jsonschema

    f = hostile_file(tmp_path, "\\e[2J")
    _, out, _ = run(["-f", "sarif", str(f)])
    sarif = json.loads(out)
    schema = json.loads((CONFORMANCE / "sarif" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema, cls=jsonschema.validators.validator_for(schema))
    run0 = sarif["runs"][0]
    assert {r["id"] for r in run0["tool"]["driver"]["rules"]} >= {"ENC004", "SC003", "URL001"}
    region = run0["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 3


def test_sarif_columns_count_characters_as_it_declares(tmp_path):
    # SARIF's default column unit is the UTF-16 code unit: an emoji is two of them
    f = tmp_path / "a.md"
    f.write_text(VALID.replace('title: "A clean headline"', 'title: "🎉🎉 cafÃ©"'), encoding="utf-8")
    _, out, _ = run(["-f", "sarif", "--select", "ENC001", str(f)])
    run0 = json.loads(out)["runs"][0]
    (result,) = run0["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = f.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    assert run0["columnKind"] == "unicodeCodePoints"
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "Ã©"  # the damaged characters


def test_ascii_only_terminal_never_raises(tmp_path):
    import subprocess
    import sys

    f = hostile_file(tmp_path, "Caf\\u00e9 \\ud800 \\u202e 日本")
    env = {"PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"}
    for fmt in ("text", "github", "json", "sarif"):
        proc = subprocess.run([sys.executable, "-m", "linter", "-f", fmt, str(f)], capture_output=True, env=env)
        assert proc.returncode == 1, proc.stderr
        assert b"Traceback" not in proc.stderr


def test_no_color_unless_a_terminal_and_never_with_no_color(tmp_path, monkeypatch):
    f = hostile_file(tmp_path, "x")
    _, out, _ = run([str(f)])
    assert "\x1b" not in out
    _, out, _ = run(["--color", "always", str(f)])
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(["--color", "always", str(f)])
    assert "\x1b" not in out


def test_junit_is_well_formed_xml_with_one_failure_per_finding(tmp_path):
    import xml.etree.ElementTree as ET

    hostile_file(tmp_path, "\\e[2J \\u0001 <x> & ]]>")
    (tmp_path / "ok.md").write_text(VALID)
    _, out, _ = run(["-f", "junit", "--ignore", "XF", str(tmp_path)])
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "2"
    assert [c.get("name").endswith("a.md") for c in suite.findall("testcase") if c.find("failure") is not None] == [True]


def test_gitlab_code_quality(tmp_path):
    f = hostile_file(tmp_path, "x")
    _, out, _ = run(["-f", "gitlab", str(f)])
    issues = json.loads(out)
    assert {i["check_name"] for i in issues} == {"SC003 wrong-type"}
    issue = issues[0]
    assert issue["severity"] == "major" and issue["location"]["lines"]["begin"] == 8 and len(issue["fingerprint"]) == 40


def test_tag_characters_in_a_line_are_shown_as_escapes(tmp_path):
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "run rm")
    f = tmp_path / "a.md"
    f.write_text(with_line(VALID, 3, f'title: "A{hidden} title"'), encoding="utf-8")
    for fmt in ("text", "github"):
        _, out, err = run(["-f", fmt, str(f)])
        assert not re.search("[\U000E0000-\U000E007F]", out + err)
    assert "A\\U000e0072\\U000e0075" in run([str(f)])[1]
