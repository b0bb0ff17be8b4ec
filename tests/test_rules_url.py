import pytest

from conftest import VALID, lint, short
from linter.rules.url import amp_cache_url, registrable, url_problem

WEB = 'webUrl: "https://www.news-medical.net/news/a.aspx"'


def web(url):
    text = VALID.replace('originalUrl: "https://www.news-medical.net/news/a.aspx"\n', "")
    return text.replace(WEB, f'webUrl: "{url}"')


@pytest.mark.parametrize("url,part", [
    ("https://www.news-medical.net/news/a b.aspx", "space"),
    ("javascript:alert(1)", "scheme 'javascript:'"), ("data:text/html,hi", "scheme 'data:'"),
    ("ftp://www.news-medical.net/a", "scheme 'ftp:'"), ("/news/a.aspx", "relative path"),
    ("www.news-medical.net/news/a", "no scheme"), ("https://https://www.news-medical.net/a", "written twice"),
    ("https:/www.news-medical.net/a", "must be followed by '//'"), ("https:///news/a", "no host"),
    ("https://news_medical.net/a", "news_medical"), ("https://www.news-medical.net:99x/a", "port"),
    ("https://www.news-medical.net/a%zz", "'%'"), ("https://localhost-only/a", "domain ending"),
    ("https://www.news-medical.net:99999/a", "port 99999 is out of range"),
    ("https://www.news-medical.net:65536", "port 65536 is out of range"),
    ("https://editor:hunter2@www.news-medical.net/a", "remove 'editor:…@'"),
    ("https://editor@www.news-medical.net/a", "user name or password"),
    ("https://www.news-medical.net\\\\news\\\\a", "write it as https://www.news-medical.net/news/a"),
    # slashes escaped as JSON writes them: the backslashes go, the slashes stay
    ("https:\\\\/\\\\/www.news-medical.net\\\\/news\\\\/a", "write it as https://www.news-medical.net/news/a"),
    ("https//www.news-medical.net/a", "the ':' after 'https' is missing"),
    ("HTTP//www.news-medical.net/a", "write it as http://www.news-medical.net/a"),
])
def test_invalid_urls_name_the_wrong_part(url, part):
    check_invalid(url, part)


@pytest.mark.parametrize("url,message,hint", [
    # pasted from a word processor, written as a Markdown autolink, or quoted twice
    ("“https://www.news-medical.net/a”", "it is wrapped in “…”", "remove them: https://www.news-medical.net/a"),
    ("„https://www.news-medical.net/a“", "it is wrapped in „…“", "remove them: https://www.news-medical.net/a"),
    ("<https://www.news-medical.net/a>", "it is wrapped in <…>", "remove them: https://www.news-medical.net/a"),
    ('\\"https://www.news-medical.net/a\\"', 'it is wrapped in "…"', "remove them: https://www.news-medical.net/a"),
    ("«www.news-medical.net/a»", "it is wrapped in «…»", "remove them: https://www.news-medical.net/a"),
    ("“https://www.news-medical.net/a", "it starts with “", "remove it: https://www.news-medical.net/a"),
    # a closing quotation mark is valid in an IRI's path, but no address ends with one
    ("https://www.news-medical.net/a”", "it ends with ”, a quotation mark copied with it",
     "remove it: https://www.news-medical.net/a"),
])
def test_quotation_marks_around_a_url(url, message, hint):
    (d,) = check_invalid(url, message)
    assert d.message == f"webUrl is not a valid URL: {message}" and d.hint == hint


@pytest.mark.parametrize("url,message,hint", [
    ("https://https//www.news-medical.net/a", "the scheme is written twice", "write it as https://www.news-medical.net/a"),
    ("https://www.https://www.news-medical.net/a", "the scheme is written twice",
     "write it as https://www.news-medical.net/a"),
    # an ending that is no top-level domain: mistyped, or left out
    ("https://www.news-medical.con/a", "'.con' is not a domain ending: did you mean .com?", None),
    ("https://www.news-medical.nte/a", "'.nte' is not a domain ending: did you mean .net?", None),
    ("https://www.news-medical/a", "'.news-medical' is not a domain ending (the host 'www.news-medical' may lack its"
     " ending, such as .com)", None),
])
def test_a_doubled_scheme_or_an_unknown_ending(url, message, hint):
    (d,) = check_invalid(url, message)
    assert d.message == f"webUrl is not a valid URL: {message}" and d.hint == hint


@pytest.mark.parametrize("url", ["https://www.news-medical.net/a", "https://www.bbc.co.uk/a", "https://example.news/a",
                                 "https://пример.рф/a", "https://xn--e1afmkfd.xn--p1ai/a", "https://www.news-medical.net./a",
                                 "https://abc.onion/a", "https://d2jx2rerrg6sh3.cloudfront.net/a.jpg"])
def test_hosts_on_endings_of_the_root_zone_pass(url):
    assert url_problem(url) is None


def test_a_provider_domain_with_an_unknown_ending():
    text = VALID.replace("domain: news-medical.net", "domain: news-medical.cmo")
    (d,) = [d for d in lint(text) if d.code == "URL003"]
    assert d.message == "provider.domain is not a valid domain: '.cmo' is not a domain ending: did you mean .com?"


def test_quotation_marks_inside_a_url_are_kept():
    assert url_problem("https://www.news-medical.net/“a”-story") is None
    assert url_problem("https://www.news-medical.net/o'neill") is None


def check_invalid(url, part):
    diags = [d for d in lint(web(url)) if d.code.startswith("URL")]
    assert [d.code for d in diags] == ["URL001"], short(diags)
    assert part in diags[0].message or part in (diags[0].hint or "")
    assert diags[0].span.start.line == 6 and diags[0].span.start.column == 9
    return diags


@pytest.mark.parametrize("url", ["https://www.news-medical.net/actualité/été", "https://www.news-medical.net/a?b=c&d=%20#x",
                                 "https://www.news-medical.net:8443/a", "https://news-medical.net/",
                                 "https://www.news-medical.net:65535/a?x=1", "https://www.news-medical.net/a@b"])
def test_valid_urls_pass(url):
    assert [d for d in lint(web(url)) if d.code.startswith("URL")] == []


def test_idn_hosts_are_allowed():
    assert url_problem("https://bücher.de/a") is None and url_problem("https://例え.jp/") is None
    assert url_problem("https://xn--bcher-kva.de/") is None


def test_http_is_a_warning():
    (d,) = [d for d in lint(web("http://www.news-medical.net/news/a.aspx")) if d.code.startswith("URL")]
    assert d.code == "URL002" and d.severity.value == "warning"


def test_domain_must_be_a_bare_valid_domain():
    diags = lint(VALID.replace("domain: news-medical.net", 'domain: "https://news-medical.net/"'))
    (d,) = [d for d in diags if d.code == "URL003"]
    assert d.hint == "write only the domain: news-medical.net" and d.span.start.line == 15


@pytest.mark.parametrize("host,ok", [("www.news-medical.net", True), ("news-medical.net", True), ("amp.news-medical.net", True),
                                     ("www.technologynetworks.com", False), ("news-medical.net.evil.com", False)])
def test_web_url_on_provider_domain(host, ok):
    diags = [d for d in lint(web(f"https://{host}/news/a")) if d.code == "URL004"]
    assert (diags == []) == ok


@pytest.mark.parametrize("url,message", [
    ("https://www.news-medical.net/news/a[1].aspx", "the path has characters that must be escaped: write '[' as %5B, ']' as %5D"),
    ("https://www.news-medical.net/a|b", "the path has a character that must be escaped: write '|' as %7C"),
    ("https://www.news-medical.net/a?q=<x>", "the query (after '?') has characters that must be escaped: write '<' as %3C, '>' as %3E"),
    ("https://www.news-medical.net/a#b#c", "the part after '#' has a character that must be escaped: write '#' as %23"),
    ('https://www.news-medical.net/<{}^`>', "write '<' as %3C, '{' as %7B, '}' as %7D and 3 more"),
])
def test_characters_to_escape_are_named_with_their_escape(url, message):
    (d,) = [d for d in lint(web(url)) if d.code == "URL001"]
    assert d.message.endswith(message), d.message


@pytest.mark.parametrize("host,ok", [("www.news-medical.net", True), ("amp.news-medical.net", True),
                                     ("www.technologynetworks.com", False)])
def test_the_amp_page_is_on_the_provider_domain_too(host, ok):
    text = web("https://www.news-medical.net/news/a").replace(
        "type: article", f'ampWebUrl: "https://{host}/amp/news/a"\ntype: article')
    assert "ampWebUrl" in text
    diags = [d for d in lint(text) if d.code == "URL004"]
    assert [(d.span.start.line, d.field) for d in diags] == ([] if ok else [(7, ("ampWebUrl",))])
    assert ok or "AMP page" in diags[0].hint


@pytest.mark.parametrize("name, domain, urls, expected", [
    # the domain is the odd one out: the provider's name is the URLs' site, or (a name of
    # neither) two URLs agree
    ("News Medical", "medical-news.org", ["webUrl"],
     ("14:11", "provider.domain is 'medical-news.org', but webUrl is on 'www.news-medical.net'",
      "set provider.domain to news-medical.net, or check the URL")),
    ("Daily Health", "medical-press.org", ["webUrl", "originalUrl"],
     ("15:11", "provider.domain is 'medical-press.org', but webUrl and originalUrl are on 'news-medical.net'",
      "set provider.domain to news-medical.net, or check the URLs")),
    # the URLs are: the name is the domain's, or nothing says which (one URL, a name of neither)
    ("Medical Press", "medical-press.org", ["webUrl", "originalUrl"], None),
    ("Новости", "medical-press.org", ["webUrl"], None),
])
def test_the_provider_domain_is_reported_where_it_is_the_odd_one_out(name, domain, urls, expected):
    text = VALID.replace("  name: News Medical\n  domain: news-medical.net", f"  name: {name}\n  domain: {domain}")
    if "originalUrl" not in urls:
        text = text.replace('originalUrl: "https://www.news-medical.net/news/a.aspx"\n', "")
    (d,) = [d for d in lint(text) if d.code == "URL004"]
    if expected is None:
        assert d.field == ("webUrl",) and d.message.startswith("webUrl is on 'www.news-medical.net'")
    else:
        assert (short([d])[0].split()[0], d.message, d.hint) == expected and d.field == ("provider", "domain")


def test_addresses_on_two_other_sites_are_each_reported():
    # the name fits webUrl's site, but the AMP page is on a third: nothing says the domain is wrong
    text = VALID.replace("  domain: news-medical.net", "  domain: medical-news.org").replace(
        "type: article", 'ampWebUrl: "https://amp.cnn.com/a"\ntype: article')
    diags = [d for d in lint(text) if d.code == "URL004"]
    assert [d.field for d in diags] == [("webUrl",), ("ampWebUrl",)]


def test_a_web_url_on_an_ip_address_suggests_no_domain():
    (d,) = [d for d in lint(web("https://93.184.216.34/news/a")) if d.code == "URL004"]
    assert d.hint == "use the address on the provider's domain name, not an IP address"


def test_registrable_domains():
    assert registrable("www.bbc.co.uk") == registrable("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable("edition.cnn.com") == "cnn.com"


def test_amp_cache_form_matches_the_real_example(examples):
    text = [p for p in examples if "004_" in p.name][0].read_text(encoding="utf-8")
    amp = text.split('ampWebUrl: "')[1].split('"')[0]
    cdn = text.split('cdnAmpWebUrl: "')[1].split('"')[0]
    assert amp_cache_url(amp) == cdn


def test_amp_cache_mismatch():
    text = VALID.replace("type: article", 'ampWebUrl: "https://www.news-medical.net/amp/a"\n'
                         'cdnAmpWebUrl: "https://www-news-medical-net.cdn.ampproject.org/c/s/www.news-medical.net/amp/a"\ntype: article')
    (d,) = [d for d in lint(text) if d.code == "URL005"]
    assert d.span.start.line == 9 and "www-news--medical-net" in d.hint


def test_original_url_mismatch_is_a_warning():
    text = VALID.replace('originalUrl: "https://www.news-medical.net/news/a.aspx"', 'originalUrl: "https://www.news-medical.net/news/b.aspx"')
    (d,) = [d for d in lint(text) if d.code.startswith("URL")]
    assert d.code == "URL006" and d.severity.value == "warning" and d.span.start.line == 6


def test_original_url_differing_only_in_scheme_or_www_is_fine():
    text = VALID.replace('originalUrl: "https://www.news-medical.net/news/a.aspx"', 'originalUrl: "https://news-medical.net/news/a.aspx/"')
    assert [d for d in lint(text) if d.code.startswith("URL")] == []


@pytest.mark.parametrize("original", ["https://www.news-medical.net/news/a.aspx?utm_source=rss&utm_medium=feed",
                                      "https://www.news-medical.net/news/a.aspx#comments",
                                      "https://news-medical.net/news/a.aspx?fbclid=x1"])
def test_original_url_differing_only_in_tracking_or_fragment_is_fine(original):
    text = VALID.replace('originalUrl: "https://www.news-medical.net/news/a.aspx"', f'originalUrl: "{original}"')
    assert text != VALID
    assert [d for d in lint(text) if d.code.startswith("URL")] == []


def test_related_items_are_checked_too():
    text = VALID.replace("---\nBody", 'related:\n  - title: "R"\n    webUrl: "https://https://x.com/a"\n---\nBody')
    (d,) = [d for d in lint(text) if d.code.startswith("URL")]
    assert d.field == ("related", 0, "webUrl") and d.span.start.line == 24


def test_a_login_in_a_url_is_not_repeated_in_the_message():
    (d,) = [d for d in lint(web("https://editor:hunter2@www.news-medical.net/a")) if d.code == "URL001"]
    assert "hunter2" not in d.message + d.hint



def test_an_image_address_that_lost_its_colon_is_a_broken_url_not_a_missing_file():
    text = VALID.replace('url: "https://www.news-medical.net/images/a-640x360.jpg"',
                         'url: "https//www.news-medical.net/images/a-640x360.jpg"')
    assert text != VALID
    diags = lint(text)
    assert [(d.code, d.span.start.line) for d in diags] == [("URL001", 18)]
    assert diags[0].hint == "write it as https://www.news-medical.net/images/a-640x360.jpg"


@pytest.mark.parametrize("url,kind", [
    ("http://localhost:8080/news/a.aspx", "the computer it was written on"),
    ("https://127.0.0.1/news/a.aspx", "the computer it was written on"),
    ("https://[::1]/news/a.aspx", "the computer it was written on"),
    ("https://192.168.1.20/news/a.aspx", "private network"),
    ("https://10.0.0.5:3000/news/a.aspx", "private network"),
    ("https://[fe80::1]/news/a.aspx", "private network"),
    ("https://cms.newsroom.local/news/a.aspx", "a name under .local"),
    ("https://www.news-medical.test/news/a.aspx", "a name under .test"),
    ("https://preview.internal./news/a.aspx", "a name under .internal"),
])
def test_local_and_private_addresses_are_unreachable(url, kind):
    diags = [d for d in lint(web(url)) if d.code.startswith("URL")]
    # one finding: not also 'not on the provider's domain'
    assert [(d.code, d.span.start.line) for d in diags] == [("URL007", 6)], short(diags)
    assert kind in diags[0].message and diags[0].field == ("webUrl",)


@pytest.mark.parametrize("url", ["https://8.8.8.8/news/a.aspx", "https://www.news-medical.net/local/test.aspx",
                                 "https://home.news-medical.net/a", "https://www.example.com/a"])
def test_public_addresses_are_not_local(url):
    assert [d for d in lint(web(url)) if d.code == "URL007"] == []


def test_an_image_on_localhost_is_reported_at_its_url():
    text = VALID.replace("https://www.news-medical.net/images/", "http://localhost:8080/uploads/", 1)
    diags = [d for d in lint(text) if d.code == "URL007"]
    assert [d.field for d in diags] == [("images", 0, "url")]


@pytest.mark.parametrize("url", ["C:\\\\Users\\\\ed\\\\Pictures\\\\storm-640x360.jpg", "file:///C:/Users/ed/storm-640x360.jpg",
                                 "D:/photos/storm-640x360.jpg"])
def test_an_image_on_the_editors_computer_is_named_as_such_once(url):
    text = VALID.replace("https://www.news-medical.net/images/a-640x360.jpg", url)
    diags = [d for d in lint(text) if d.field == ("images", 0, "url")]
    assert [d.code for d in diags] == ["URL001"]  # not also 'not a safe repository path'
    assert "a file on the editor's computer" in diags[0].message and "upload the file" in diags[0].hint


def test_a_web_url_that_is_a_path_on_a_mac_is_named_as_such():
    (d,) = [d for d in lint(web("/Users/ed/Desktop/story.html")) if d.code.startswith("URL")]
    assert d.code == "URL001" and "a file on the editor's computer" in d.message


def test_a_host_that_mixes_latin_and_cyrillic_letters_is_a_lookalike():
    (d,) = [d for d in lint(web("https://www.news-medicаl.net/news/a.aspx")) if d.code.startswith("URL")]
    assert d.code == "URL001" and "mixes Latin and Cyrillic letters" in d.message
    assert "U+0430 CYRILLIC SMALL LETTER A, which looks like the Latin 'a'" in d.message
    assert d.hint == "retype the host in Latin letters: https://www.news-medical.net/news/a.aspx"


def test_a_domain_that_mixes_scripts_is_reported_once_at_the_domain():
    text = VALID.replace("  domain: news-medical.net", "  domain: news-mediсal.net")  # Cyrillic с
    diags = [d for d in lint(text) if d.code.startswith("URL")]
    assert [d.code for d in diags] == ["URL003"]
    assert diags[0].hint == "retype it in Latin letters: news-medical.net"


@pytest.mark.parametrize("url", ["https://пример.рф/новости", "https://παράδειγμα.gr/a", "https://www.bücher.de/a",
                                 "https://xn--e1afmkfd.xn--p1ai/a"])
def test_hosts_in_one_script_are_not_lookalikes(url):
    assert [d for d in lint(web(url)) if d.code == "URL001"] == []


RELATED = '''related:
  - title: "Another story"
    webUrl: "{first}"
  - title: "A third story"
    webUrl: "{second}"
---'''


def with_related(first, second):
    return VALID.replace("---\nBody", RELATED.format(first=first, second=second) + "\nBody")


def test_a_related_item_that_is_the_article_itself():
    diags = [d for d in lint(with_related("https://news-medical.net/news/a.aspx?utm_source=feed",
                                          "https://www.news-medical.net/news/b.aspx")) if d.code.startswith("URL")]
    assert [(d.code, d.field, d.span.start.line) for d in diags] == [("URL008", ("related", 0, "webUrl"), 24)]
    assert diags[0].message == "related[0].webUrl is the article itself" and diags[0].severity.value == "warning"


def test_a_related_item_that_repeats_another():
    (d,) = [d for d in lint(with_related("https://www.news-medical.net/news/b.aspx",
                                         "http://news-medical.net/news/b.aspx/#top")) if d.code == "URL008"]
    assert d.field == ("related", 1, "webUrl") and d.message.endswith("the same page as related[0].webUrl")


def test_different_related_items_pass():
    assert [d for d in lint(with_related("https://www.news-medical.net/news/b.aspx",
                                         "https://www.news-medical.net/news/b.aspx?id=2")) if d.code == "URL008"] == []
