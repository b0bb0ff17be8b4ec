"""Configuration files: discovery, validation, and what each key does."""

import io
import re
import json
import os

import pytest

from conftest import VALID
from linter.cli import main

BAD = VALID.replace("type: article", "type: 5").replace("width: 640", "width: 6400")  # SC003 + IMG003


def run(*args, cwd):
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main([*args], stdout=out, stderr=err) if args and args[0] == "config" else \
            main(["--now", "2025-01-01T00:00:00Z", "--no-cache", "--ignore", "XF", *args], stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(BAD)
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "b.md").write_text(BAD)
    return tmp_path


def test_pyproject_table_is_found_from_a_subfolder(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.lint-news]\nignore = ["IMG"]\n'
                                         '[tool.lint-news.per-file-ignores]\n"legacy/*" = ["SC003"]\n')
    code, out, _ = run(".", cwd=repo)
    assert "IMG003" not in out and "news/a.md:8:7: SC003" in out and "legacy/b.md" not in out
    code, out, _ = run("a.md", cwd=repo / "news")
    assert "IMG003" not in out and "SC003" in out


def test_dotfile_severity_and_options(repo):
    (repo / ".lint-news.toml").write_text('image-max-ratio = 20\nignore = ["IMG004"]\n[severity]\nSC003 = "warning"\n')
    code, out, _ = run("news", cwd=repo)
    assert code == 0 and "SC003 [warning]" in out and "IMG003" not in out


def test_isolated_and_explicit_config(repo):
    (repo / ".lint-news.toml").write_text('ignore = ["SC"]\n')
    (repo / "other.toml").write_text('ignore = ["IMG"]\n')
    assert "SC003" not in run("news", cwd=repo)[1]
    assert "SC003" in run("--isolated", "news", cwd=repo)[1]
    out = run("--config", "other.toml", "news", cwd=repo)[1]
    assert "SC003" in out and "IMG003" not in out


@pytest.mark.parametrize("content,needle", [
    ('imag-max = 5\n', "unknown key 'imag-max'"),
    ('image-max = "big"\n', "image-max"),
    ('select = ["XYZ"]\n', "no rule code starts with 'XYZ'"),
    ('[severity]\nSC003 = "fatal"\n', "severity.SC003"),
    ('select = [\n', "not valid TOML"),
    # values the checks could not use: each was an internal error on every file
    ('earliest-year = 0\n', "earliest-year: 0 is less than the minimum of 1"),
    ('earliest-year = 99999999999999999999\n', "greater than the maximum of 9999"),
    ('future-tolerance-hours = 1e308\n', "future-tolerance-hours"),
    ('related-tolerance-hours = nan\n', "related-tolerance-hours: must be a finite number"),
    ('image-max-ratio = inf\n', "image-max-ratio: must be a finite number"),
])
def test_bad_configuration_is_a_usage_error_naming_key_and_file(repo, content, needle):
    (repo / ".lint-news.toml").write_text(content)
    code, _, err = run("news", cwd=repo)
    assert code == 2 and needle in err and ".lint-news.toml" in err


def test_config_command_prints_effective_settings(repo):
    (repo / ".lint-news.toml").write_text('ignore = ["IMG"]\nimage-min = 32\n')
    code, out, _ = run("config", "--select", "ENC,IMG", cwd=repo)
    data = json.loads(out)
    assert code == 0 and data["ignore"] == ["IMG"] and data["options"]["image_min"] == 32
    assert all(c.startswith("ENC") for c in data["rules"])


def test_schema_path_is_relative_to_the_config_file(repo):
    (repo / "cfg").mkdir()
    (repo / "cfg" / "s.json").write_text(json.dumps({"type": "object", "required": ["headline"]}))
    (repo / ".lint-news.toml").write_text('schema = "cfg/s.json"\nselect = ["SC001"]\n')
    code, out, _ = run("a.md", cwd=repo / "news")
    assert code == 1 and "missing required field 'headline'" in out


def test_include_limits_the_files(repo):
    (repo / ".lint-news.toml").write_text('include = ["news/*"]\n')
    code, out, _ = run(".", cwd=repo)
    assert "news/a.md" in out and "legacy" not in out


def test_schema_mapping_by_glob(repo):
    (repo / "_videos").mkdir()
    (repo / "_videos" / "v.md").write_text("---\nclip: https://example.com/v.mp4\n---\n")
    (repo / "video.schema.json").write_text(json.dumps({
        "type": "object", "required": ["clip", "duration"], "additionalProperties": False,
        "properties": {"clip": {"type": "string", "format": "uri"}, "duration": {"type": "integer"}}}))
    (repo / ".lint-news.toml").write_text('[[schemas]]\nfiles = "_videos/*.md"\nschema = "video.schema.json"\n')
    code, out, _ = run("--jobs", "1", ".", cwd=repo)
    lines = [l for l in out.splitlines() if re.match(r"\S+:\d+:\d+: ", l)]
    assert "_videos/v.md:1:1: SC001 missing required field 'duration'" in lines
    assert any(l.startswith("news/a.md:8:7: SC003") for l in lines)
    paths = [l.split(":")[0] for l in lines]
    assert paths == sorted(paths)


def test_schema_mapping_when_every_file_maps(tmp_path):
    (tmp_path / "v.md").write_text("---\nclip: x\n---\n")
    (tmp_path / "video.schema.json").write_text(json.dumps({"type": "object", "required": ["clip", "duration"]}))
    (tmp_path / ".lint-news.toml").write_text('[[schemas]]\nfiles = ["*.md"]\nschema = "video.schema.json"\n')
    code, out, _ = run(".", cwd=tmp_path)
    assert code == 1 and "v.md:1:1: SC001 missing required field 'duration'" in out and "title" not in out


def test_allowed_url_schemes(tmp_path):
    text = VALID.replace('originalUrl: "https://www.news-medical.net/news/a.aspx"', 'originalUrl: "ftp://www.news-medical.net/a"')
    (tmp_path / "a.md").write_text(text)
    assert "URL001" in run("a.md", cwd=tmp_path)[1]
    (tmp_path / ".lint-news.toml").write_text('url-schemes = ["https", "http", "ftp"]\nignore = ["URL006"]\n')
    assert run("a.md", cwd=tmp_path)[0] == 0


def test_fix_uses_the_mapped_schema(tmp_path):
    (tmp_path / "v.md").write_text('---\nclip: "cafÃ©"\nduration: 3\n---\n', encoding="utf-8")
    (tmp_path / "video.schema.json").write_text(json.dumps({"type": "object", "required": ["clip"]}))
    (tmp_path / ".lint-news.toml").write_text('[[schemas]]\nfiles = "*.md"\nschema = "video.schema.json"\n')
    code, out, _ = run("--fix", "v.md", cwd=tmp_path)
    assert code == 0 and (tmp_path / "v.md").read_text(encoding="utf-8") == '---\nclip: "café"\nduration: 3\n---\n'
