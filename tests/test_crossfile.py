"""Checks across files: duplicates and related titles, with and without the cache."""

import io
import json

import pytest

from conftest import VALID
from linter.cli import main
from linter.crossfile import normalise_url


def article(url, title, date="2024-03-13T13:00:00Z", related=""):
    text = VALID.replace("https://www.news-medical.net/news/a.aspx", url).replace("A clean headline", title)
    text = text.replace("2024-03-13T13:00:00Z", date)
    return text.replace("---\nBody", related + "---\nBody") if related else text


def run(folder, *args):
    out, err = io.StringIO(), io.StringIO()
    code = main(["--now", "2025-01-01T00:00:00Z", "-f", "json", *args, str(folder)], stdout=out, stderr=err)
    return code, json.loads(out.getvalue())


@pytest.fixture
def content(tmp_path):
    c = tmp_path / "content"
    c.mkdir()
    (c / "a.md").write_text(article("https://www.news-medical.net/news/one.aspx", "One"))
    (c / "b.md").write_text(article("http://news-medical.net/news/one.aspx/?utm_source=x#top", "Another"))
    (c / "c.md").write_text(article("https://www.news-medical.net/news/three.aspx", "one ", related=(
        'related:\n  - title: "Old title"\n    webUrl: "https://news-medical.net/news/four.aspx"\n')))
    (c / "d.md").write_text(article("https://www.news-medical.net/news/four.aspx", "Four"))
    (c / "e.md").write_text(article("https://www.news-medical.net/news/five.aspx", "Five", date="2024-03-14T13:00:00Z"))
    return c


def codes(doc):
    return sorted((d["path"].rsplit("/", 1)[-1], d["code"], d["span"]["start"]["line"]) for d in doc["diagnostics"])


@pytest.mark.parametrize("cache", [["--no-cache"], []], ids=["no-cache", "cache"])
def test_duplicates_and_related_titles(content, tmp_path, cache):
    args = cache or ["--cache-dir", str(tmp_path / "cache")]
    for _ in range(2 if not cache else 1):  # with the cache: once to fill it, once from it
        code, doc = run(content, *args)
        assert code == 1
        assert codes(doc) == [("a.md", "XF001", 7), ("a.md", "XF002", 3), ("b.md", "URL002", 6), ("b.md", "URL002", 7), ("b.md", "XF001", 7),
                              ("c.md", "XF002", 3), ("c.md", "XF003", 23)]
    xf = {d["code"]: d for d in doc["diagnostics"] if d["path"].endswith("a.md")}
    assert xf["XF001"]["message"].endswith("b.md:7")


def test_cross_file_checks_can_be_ignored(content):
    code, doc = run(content, "--ignore", "XF", "--no-cache")
    assert [d["code"] for d in doc["diagnostics"]] == ["URL002", "URL002"]


def test_normalisation():
    assert normalise_url("https://www.x.com/a/?utm_campaign=z&id=3#f") == normalise_url("http://x.com/a?id=3")
    assert normalise_url("https://x.com/a?id=3") != normalise_url("https://x.com/a?id=4")


def test_summary_counts_each_file_once(content):
    out, err = io.StringIO(), io.StringIO()
    main(["--now", "2025-01-01T00:00:00Z", "--no-cache", str(content)], stdout=out, stderr=err)
    assert err.getvalue().strip() == "4 errors, 3 warnings in 3 of 5 files."


def test_unchanged_facts_reuse_the_stored_findings_and_a_change_recomputes_them(content, tmp_path):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _, first = run(content, *cache)
    stored = json.loads((tmp_path / "cache" / "cross-files.json").read_text())
    assert sorted(stored["found"]) == sorted({d["path"] for d in first["diagnostics"] if d["code"].startswith("XF")})
    # a stored finding that no comparison would produce shows that the stored findings are read
    stored["found"][str(content / "e.md")] = stored["found"][str(content / "a.md")]
    (tmp_path / "cache" / "cross-files.json").write_text(json.dumps(stored))
    _, second = run(content, *cache)
    assert ("e.md", "XF001", 7) in codes(second)
    # once a file's facts change, the findings are compared afresh
    (content / "b.md").write_text(article("https://www.news-medical.net/news/two.aspx", "Another"))
    _, third = run(content, *cache)
    assert [c for c in codes(third) if c[1] == "XF001"] == []
    assert ("c.md", "XF003", 23) in codes(third)


def test_stored_findings_are_not_reused_for_a_file_whose_fields_moved(content, tmp_path):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _, first = run(content, *cache)
    assert ("a.md", "XF001", 7) in codes(first)
    # same facts (URL, title, date), but the fields are now two lines lower
    text = (content / "a.md").read_text()
    (content / "a.md").write_text(text.replace("---\n", "---\n# note\n# another note\n", 1))
    _, second = run(content, *cache)
    assert ("a.md", "XF001", 9) in codes(second) and ("a.md", "XF001", 7) not in codes(second)


def test_facts_grouped_later_give_the_same_findings():
    """Facts of files answered from the cache are grouped only when the findings are asked
    for; in whatever mix, the findings (and the order of the paths they name) are the same as
    when every file's facts are grouped as they come."""
    import random

    from linter.crossfile import Collector
    from linter.diagnostics import Position, Span

    rng = random.Random(2)
    files = []
    for i in range(300):
        url, title = f"u{rng.randrange(40)}", f"h{rng.randrange(30)}"
        records = [f"u,{url}", f"h,{title}", f"t,{title}{rng.randrange(3)}"]
        records += [f"r,{k},u{rng.randrange(40)},h{rng.randrange(30)}" for k in range(rng.randrange(3))]
        files.append((f"f{i:03d}.md", ";".join(records)))

    def findings(later):
        c = Collector()
        for (path, text), deferred in zip(files, later):
            c.add(path, text, later=deferred)
        found = c.findings(lambda code: True, lambda path, field: Span(Position(1, 1), Position(1, 2)))
        return c.digest(), {p: [(d.code, d.message) for d in ds] for p, ds in sorted(found.items())}

    expected = findings([False] * len(files))
    assert sum(len(v) for v in expected[1].values()) > 100  # duplicates and mismatches abound
    for mix in ([True] * len(files), [rng.random() < 0.5 for _ in files], [i % 7 == 0 for i in range(len(files))]):
        assert findings(mix) == expected


def test_normalised_urls_are_the_same_through_the_plain_http_shortcut(monkeypatch):
    """normalise_url takes a plain http(s) URL's parts from one match; the general path
    (urlsplit and the host helper) must give the same key for every URL-like string."""
    import random

    from linter import crossfile, formats
    from test_accel import _url_like

    rng = random.Random(12)
    urls = [_url_like(rng) + rng.choice(["", "?utm_source=x&b=2", "?a=1&fbclid=3#x", "/", " ", "?"]) for _ in range(20000)]
    fast = [crossfile.normalise_url(u) for u in urls]
    monkeypatch.setattr(formats, "plain_http", lambda url: None)
    assert [crossfile.normalise_url(u) for u in urls] == fast
    assert sum(k is not None for k in fast) > 10000


def test_a_large_group_of_copies_names_a_few_others_and_counts_the_rest(tmp_path):
    """A template copied into many articles must not print every copy in every message: the
    output would grow with the square of the group."""
    c = tmp_path / "content"
    c.mkdir()
    for i in range(12):
        (c / f"copy{i:02d}.md").write_text(article("https://www.news-medical.net/news/one.aspx", f"Story {i}"))
    code, doc = run(c, "--no-cache")
    assert code == 1
    dups = [d for d in doc["diagnostics"] if d["code"] == "XF001"]
    assert len(dups) == 12
    first = next(d for d in dups if d["path"].endswith("copy00.md"))
    assert first["message"] == ("11 other articles have the same webUrl: "
                                + ", ".join(f"{c}/copy{i:02d}.md:7" for i in range(1, 6)) + " and 6 more")
    last = next(d for d in dups if d["path"].endswith("copy11.md"))
    assert last["message"].endswith(f"{c}/copy04.md:7 and 6 more")
    assert "copy11.md:7" not in last["message"]


def test_a_copy_that_can_no_longer_be_found_leaves_no_finding_naming_nothing():
    from linter.crossfile import Collector
    from linter.diagnostics import Position, Span

    c = Collector()
    c.add("a.md", "u,same;h,x")
    c.add("gone.md", "u,same;h,y")
    found = c.findings(lambda code: True, lambda path, field: None if path == "gone.md" else Span(Position(7, 9), Position(7, 20)))
    assert found == {}
