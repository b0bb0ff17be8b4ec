"""XF: checks across files. The rules hold the codes and docs; the comparison runs after all
files are checked (see :mod:`linter.crossfile`), from facts each file's result carries."""

from __future__ import annotations

from ..diagnostics import Severity
from . import Rule, register

CROSS = "cross"


class _CrossRule(Rule):
    phase = CROSS

    def check(self, ctx):
        return ()


@register
class DuplicateUrl(_CrossRule):
    """Two articles with the same `webUrl`.

    ## What it does
    Compares every article's `webUrl`, ignoring the scheme, `www.`, a trailing slash, the
    fragment and tracking parameters (`utm_*`, `fbclid`, ...), and reports each copy with the
    places of the others.

    ## Why is this bad?
    The same story appears twice in lists and feeds, and links are split between two pages.

    ## Example
    `news/a.md` and `archive/a-copy.md` both with `webUrl: "https://example.com/news/a"`.
    """

    code = "XF001"
    name = "duplicate-url"


@register
class DuplicateTitleAndDate(_CrossRule):
    """Two articles with the same title and the same publication date.

    ## What it does
    Compares titles (ignoring case and spacing) together with `publishedDateTime`.

    ## Why is this bad?
    It is the same article imported twice, usually under two URLs.

    ## Example
    Two files titled "Storm hits the coast", both published 2024-03-13T13:00:00Z.
    """

    code = "XF002"
    name = "duplicate-title-and-date"


@register
class RelatedTitleMismatch(_CrossRule):
    """A related item that links to an article of this repository under another title.

    ## What it does
    When `related[].webUrl` is the `webUrl` of another article in the run, the related
    item's `title` must be that article's title.

    ## Why is this bad?
    Readers click one headline and land on another; usually the article was retitled and its
    mentions were not.

    ## Example
    `related: [{title: "Old headline", webUrl: "https://example.com/news/a"}]` while
    `news/a.md` is titled "New headline".
    """

    code = "XF003"
    name = "related-title-mismatch"
    severity = Severity.WARNING
