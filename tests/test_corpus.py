"""Generated articles in many languages: clean ones get nothing, each injected defect is found
at its line with its family. The generator is seeded; the rates are asserted, not the output."""

import random
from collections import Counter

import pytest

from conftest import engine
from corpus import ALL_DEFECTS, TEXTS, make_article, make_defective


@pytest.fixture(scope="module")
def eng():
    return engine()


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
def test_clean_articles_in_every_language_get_no_diagnostic(eng, pure):
    e = engine(pure=pure)
    rng = random.Random(20240313)
    noisy = []
    for i in range(300):
        lang = sorted(TEXTS)[i % len(TEXTS)]
        text = make_article(rng, lang)
        if i % 7 == 0:
            text = text.replace("\n", "\r\n")
        diags = e.lint_bytes(f"{lang}-{i}.md", text.encode()).diagnostics
        if diags:
            noisy.append((lang, [(d.code, d.span.start.line) for d in diags]))
    assert noisy == []


def test_each_injected_defect_is_found_at_its_line_with_its_family(eng):
    rng = random.Random(7)
    missed = Counter()
    total = 0
    for name in ALL_DEFECTS:
        for _ in range(12):
            d = make_defective(rng, name)
            total += 1
            found = eng.lint_bytes("x.md", d.text.encode()).diagnostics
            if not any(x.code.startswith(d.family) and x.span.start.line == d.line for x in found):
                missed[name] += 1
    assert sum(missed.values()) <= 0.02 * total, missed
