"""A seeded generator of realistic news articles, clean or with one defect at a known line.

Used by the tests (detection and false-positive rates) and by the benchmark. Articles look
like the two real documents in the examples: same fields, same layout, text in many
languages and scripts.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

TEXTS: Dict[str, List[Tuple[str, str]]] = {
    "en": [("Deep learning tool predicts brain metastasis in lung cancer patients",
            "A new deep learning approach uses histopathology images to forecast whether a patient’s cancer will spread — at 37 °C, ½ the dose."),
           ("Council approves the “green corridor” budget",
            "The plan™ adds 12 km of cycle lanes; critics say it’s “too little, too late”.")],
    "fr": [("Les hôpitaux français testent l’intelligence artificielle",
            "Une étude menée à Besançon révèle que l’algorithme détecte 95 % des cas ; « c’est très prometteur », déclare le médecin."),
           ("Élection municipale : la participation en hausse", "Au cœur de l’été, les électeurs se sont déplacés à 18 h.")],
    "de": [("Forscher in München entwickeln neues Verfahren für Krebsdiagnose",
            "Die Universität berichtet über „bahnbrechende“ Ergebnisse; Prüfungen laufen bis März. Größe: 5 µm."),
           ("Straßenbahn fährt wieder nach Grünwald", "Die Bürgerinnen und Bürger äußerten sich überwiegend zufrieden.")],
    "es": [("El Gobierno aprueba la reforma de las pensiones", "¿Qué cambia para los jubilados? La ministra explicó los detalles en Córdoba y Logroño.")],
    "pt": [("Ciência: vacina brasileira avança para a fase três", "Os pesquisadores de São Paulo afirmam que a proteção chega a 90% após a segunda dose.")],
    "vi": [("Việt Nam đẩy mạnh ứng dụng trí tuệ nhân tạo trong y tế",
            "Các bệnh viện tại Hà Nội và Thành phố Hồ Chí Minh đã triển khai hệ thống chẩn đoán hình ảnh.")],
    "ru": [("Учёные из Новосибирска создали новый метод диагностики рака",
            "Исследование опубликовано в журнале «Природа»; метод точнее на 20 %.")],
    "uk": [("Київ відновлює енергосистему після негоди", "Фахівці працюють цілодобово, повідомляє міська рада.")],
    "el": [("Έλληνες επιστήμονες αναπτύσσουν νέο φάρμακο", "Η μελέτη δημοσιεύθηκε στο περιοδικό και αφορά ασθενείς με διαβήτη.")],
    "ar": [("باحثون يطورون أداة ذكاء اصطناعي للتنبؤ بانتشار السرطان",
            "قال الفريق إن النتائج واعدة، وإن التجارب السريرية ستبدأ العام المقبل.")],
    "he": [("חוקרים בישראל פיתחו שיטה חדשה לגילוי מוקדם", "המחקר פורסם השבוע וכלל יותר מ־2,000 משתתפים.")],
    "fa": [("پژوهشگران ایرانی روش تازه‌ای برای تشخیص سرطان یافتند", "این مطالعه در دانشگاه تهران انجام شده است.")],
    "hi": [("भारतीय वैज्ञानिकों ने कैंसर की पहचान के लिए नई तकनीक विकसित की",
            "शोधकर्ताओं ने कहा कि यह तकनीक ग्रामीण अस्पतालों में भी उपयोगी होगी।")],
    "zh": [("研究人员开发出预测肺癌脑转移的深度学习工具", "该研究发表在《自然》杂志上，准确率达到百分之八十五。")],
    "ja": [("肺がんの脳転移を予測するAIツールを開発", "研究チームは病理画像を用いて、がんの転移リスクを予測した。")],
    "ko": [("연구진, 폐암 뇌전이 예측하는 인공지능 개발", "연구 결과는 국제 학술지에 게재됐다.")],
    "th": [("นักวิจัยพัฒนาเครื่องมือปัญญาประดิษฐ์ทำนายมะเร็ง", "ผลการศึกษาตีพิมพ์ในวารสารวิชาการระดับนานาชาติ")],
    "tr": [("Türk bilim insanları yeni bir kanser tedavisi geliştirdi", "Araştırma İstanbul Üniversitesi’nde yürütüldü; sonuçlar umut verici.")],
    "pl": [("Polscy naukowcy opracowali nową metodę leczenia", "Badania prowadzono w Łodzi i Gdańsku przez żółtą jesień.")],
    "emoji": [("Scientists celebrate breakthrough 🎉🔬", "The team 👩‍🔬👨‍🔬 shared the news on social media 🚀 — fans replied with ❤️ and 👍🏽.")],
}

PROVIDERS = [
    ("News Medical", "news-medical.net", "www.news-medical.net"),
    ("Analytics", "healthitanalytics.com", "healthitanalytics.com"),
    ("technologynetworks", "technologynetworks.com", "www.technologynetworks.com"),
    ("IET", "theiet.org", "eandt.theiet.org"),
    ("BBC", "bbc.co.uk", "www.bbc.co.uk"),
    ("Le Monde", "lemonde.fr", "www.lemonde.fr"),
    ("Spiegel", "spiegel.de", "www.spiegel.de"),
    ("VnExpress", "vnexpress.net", "vnexpress.net"),
    ("Asahi", "asahi.com", "www.asahi.com"),
    ("Al Jazeera", "aljazeera.net", "www.aljazeera.net"),
]

TOPICS = ["AI", "Machine Learning", "Health", "Politics", "Science", "Économie", "Gesundheit", "科学", "Спорт"]


def _slug(rng: random.Random) -> str:
    words = ["deep", "learning", "tool", "predicts", "cancer", "budget", "storm", "election", "vaccine", "study"]
    return "-".join(rng.choice(words) for _ in range(rng.randint(3, 6))) + f"-{rng.randint(1000, 999999)}"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date(rng: random.Random, year_lo=2015, year_hi=2024) -> Tuple[str, Tuple[int, int, int, int, int]]:
    y, mo, d = rng.randint(year_lo, year_hi), rng.randint(1, 12), rng.randint(1, 28)
    h, mi = rng.randint(0, 23), rng.randint(0, 59)
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00Z", (y, mo, d, h, mi)


def _secured(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    a = "".join(rng.choice(alphabet) for _ in range(rng.randint(40, 200)))
    b = "".join(rng.choice(alphabet) for _ in range(22))
    return f"{a}=={';'}{b}=="


def make_article(rng: random.Random, lang: Optional[str] = None, body: bool = True) -> str:
    """One clean article as text (LF line endings)."""
    lang = lang or rng.choice(sorted(TEXTS))
    title, excerpt = rng.choice(TEXTS[lang])
    name, domain, host = rng.choice(PROVIDERS)
    date, (y, mo, d, h, mi) = _date(rng)
    path = f"/news/{y}{mo:02d}{d:02d}/{_slug(rng)}.aspx"
    web = f"https://{host}{path}"
    lines = ["---", "category: news", f"title: {_q(title)}", f"excerpt: {_q(excerpt)}",
             f"publishedDateTime: {date}" if rng.random() < 0.7 else f"publishedDateTime: {_q(date)}",
             f"originalUrl: {_q(web)}", f"webUrl: {_q(web)}"]
    if rng.random() < 0.5:
        amp = f"https://{host}/amp{path}"
        cache = host.replace("-", "--").replace(".", "-")
        lines += [f"ampWebUrl: {_q(amp)}", f"cdnAmpWebUrl: {_q(f'https://{cache}.cdn.ampproject.org/c/s/{host}/amp{path}')}"]
    lines += ["type: article", f"quality: {rng.randint(0, 100)}", f"heat: {rng.choice([-1, rng.randint(0, 100)])}",
              f"published: {rng.choice(['true', 'false'])}", "", "provider:", f"  name: {name}", f"  domain: {domain}", "",
              "topics:"]
    lines += [f"  - {t}" for t in rng.sample(TOPICS, rng.randint(1, 3))]
    w, hgt = rng.choice([(690, 400), (640, 360), (620, 480), (1200, 630), (800, 600)])
    lines += ["", "images:", f"  - url: {_q(f'https://{host}/images/{y}/{mo}/{rng.randint(100000, 999999)}-{w}x{hgt}.jpg')}",
              f"    width: {w}", f"    height: {hgt}", "    isCached: true", "", "related:"]
    for _ in range(rng.randint(1, 3)):
        rname, rdomain, rhost = rng.choice(PROVIDERS)
        rtitle, rexcerpt = rng.choice(TEXTS[rng.choice(sorted(TEXTS))])
        rdate = f"{y - 1:04d}-{mo:02d}-{d:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"
        lines += [f"  - title: {_q(rtitle)}", f"    excerpt: {_q(rexcerpt)}", f"    publishedDateTime: {rdate}",
                  f"    webUrl: {_q(f'https://{rhost}/news/{_slug(rng)}')}", "    type: article", "    provider:",
                  f"      name: {rname}", f"      domain: {rdomain}", f"    quality: {rng.randint(0, 100)}"]
        if rng.random() < 0.5:
            rw, rh = rng.choice([(640, 360), (1200, 630)])
            lines += ["    images:", f"      - url: {_q(f'https://assets.{rdomain}/img/{rng.randint(1000, 99999)}-{rw}x{rh}.jpg?cb=1')}",
                      f"        width: {rw}", f"        height: {rh}", "        isCached: true"]
    lines += ["", f"secured: {_q(_secured(rng))}", "---", ""]
    if body:
        lines += [excerpt, "", title, ""]
    return "\n".join(lines)


@dataclass
class Defect:
    name: str
    family: str
    line: int  # 1-based line where the finding must be reported
    text: str


def _line_of(lines: List[str], pattern: str, start: int = 0) -> int:
    for i in range(start, len(lines)):
        if re.search(pattern, lines[i]):
            return i
    raise LookupError(pattern)


def _fence_end(lines: List[str]) -> int:
    return lines.index("---", 1)


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, with its five undefined bytes kept as C1 characters."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("windows-1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def misread(text: str, codec: str) -> str:
    """``text`` as a program that took its UTF-8 bytes for ``codec`` shows it (a byte the code
    page has no character for becomes U+FFFD, as Windows and browsers write it)."""
    return text.encode("utf-8").decode(codec, errors="replace")


def _sub_value(lines, i, new_value):
    key = lines[i].split(":", 1)[0]
    lines[i] = f"{key}: {new_value}"


DefectMaker = Callable[[random.Random, List[str]], Tuple[str, int]]


def _d_missing_fm(rng, lines):
    lines.pop(0)
    return "FM", 1


def _d_unclosed(rng, lines):
    lines.pop(_fence_end(lines))
    return "FM", 1


def _d_colon(rng, lines):
    i = _line_of(lines, r"^title: ")
    lines[i] = "title: Breaking: " + lines[i].split('"')[1]
    return "FM", i + 1


def _d_unclosed_quote(rng, lines):
    i = _line_of(lines, r"^excerpt: ")
    lines[i] = lines[i].rstrip('"')
    return "FM", i + 1


def _d_bad_indent(rng, lines):
    i = _line_of(lines, r"^  domain: ")
    lines[i] = "   " + lines[i].lstrip() + " x: y"
    return "FM", i + 1


def _d_duplicate(rng, lines):
    i = _line_of(lines, r"^type: ")
    lines.insert(i + 1, "title: \"Another headline\"")
    return "FM", i + 2


def _d_missing_required(rng, lines):
    key = rng.choice(["title", "excerpt", "publishedDateTime", "webUrl", "type"])
    i = _line_of(lines, rf"^{key}: ")
    lines.pop(i)
    return "SC", 1


def _d_missing_domain(rng, lines):
    i = _line_of(lines, r"^  domain: ")
    lines.pop(i)
    return "SC", i - 1  # reported at the 'provider:' key, two lines above


def _d_wrong_type(rng, lines):
    i = _line_of(lines, r"^    width: ")
    lines[i] = f'    width: "{lines[i].split(": ")[1]}px"'
    return "SC", i + 1


def _d_wrong_type_quality(rng, lines):
    i = _line_of(lines, r"^quality: ")
    lines[i] = "quality: high"
    return "SC", i + 1


def _d_unknown_key(rng, lines):
    i = _line_of(lines, r"^publishedDateTime: ")
    lines[i] = lines[i].replace("publishedDateTime", rng.choice(["publishDateTime", "publishedDatetime", "published_date"]))
    return "SC", i + 1


def _d_url_space(rng, lines):
    i = _line_of(lines, r"^webUrl: ")
    lines[i] = lines[i].replace("/news/", "/news /", 1)
    return "URL", i + 1


def _d_url_scheme(rng, lines):
    i = _line_of(lines, r"^  - url: ")
    lines[i] = "  - url: " + rng.choice(['"javascript:alert(1)"', '"ftp://files.example.com/a.jpg"', '"data:image/png;base64,AAAA"'])
    return "URL", i + 1


def _d_url_double(rng, lines):
    i = _line_of(lines, r"^    webUrl: ")
    lines[i] = lines[i].replace("https://", "https://https://", 1)
    return "URL", i + 1


def _d_url_http(rng, lines):
    i = _line_of(lines, r"^    webUrl: ")
    lines[i] = lines[i].replace("https://", "http://", 1)
    return "URL", i + 1


def _d_url_domain(rng, lines):
    i = _line_of(lines, r"^webUrl: ")
    lines[i] = re.sub(r"https://[^/]+", "https://www.unrelated-site.com", lines[i])
    j = _line_of(lines, r"^originalUrl: ")
    lines[j] = re.sub(r"https://[^/]+", "https://www.unrelated-site.com", lines[j])
    return "URL", i + 1


def _d_url_relative(rng, lines):
    i = _line_of(lines, r"^originalUrl: ")
    lines[i] = 'originalUrl: "/news/local-story"'
    return "URL", i + 1


def _d_date_impossible(rng, lines):
    i = _line_of(lines, r"^publishedDateTime: ")
    lines[i] = "publishedDateTime: " + rng.choice(["2024-02-30T10:00:00Z", "2023-04-31T08:00:00Z", "2024-03-13T24:61:00Z", "2024-13-01T10:00:00Z"])
    return "DT", i + 1


def _d_date_format(rng, lines):
    i = _line_of(lines, r"^publishedDateTime: ")
    lines[i] = "publishedDateTime: " + rng.choice(['"13/03/2024"', "yesterday", '"2024-03-13 10:00"', "2024-03-13T10:00:00", '"March 13, 2024"'])
    return "DT", i + 1


def _d_date_future(rng, lines):
    i = _line_of(lines, r"^publishedDateTime: ")
    lines[i] = "publishedDateTime: 2099-03-13T10:00:00Z"
    return "DT", i + 1


def _d_date_old(rng, lines):
    i = _line_of(lines, r"^    publishedDateTime: ")
    lines[i] = "    publishedDateTime: 1970-01-01T00:00:00Z"
    return "DT", i + 1


def _d_mojibake(rng, lines):
    i = _line_of(lines, r"^(title|excerpt|    excerpt|  - title): ")
    key, value = lines[i].split(": ", 1)
    words = re.findall(r"[^\s\"]*[^\x00-\x7f][^\s\"]*", value)
    if words:
        w = rng.choice(words)
        value = value.replace(w, _mojibake(w), 1)
    else:
        value = value[:-1] + " café\"" if value.endswith('"') else value
        value = value.replace("café", _mojibake("café"))
    lines[i] = f"{key}: {value}"
    return "ENC", i + 1


def _d_cjk_mojibake(rng, lines):
    """A headline or excerpt pasted through a tool that read its UTF-8 as GBK or Shift_JIS (a
    byte the code page has no character for becomes U+FFFD, as Windows writes it)."""
    i = _line_of(lines, r"^(title|excerpt|    excerpt|  - title): ")
    key = lines[i].split(": ", 1)[0]
    lang = rng.choice(["zh", "ja", "ko", "ru", "uk", "el", "he"])
    text = rng.choice(rng.choice(TEXTS[lang]))
    codec = rng.choice(["gbk", "cp932"]) if lang == "ja" else "gbk"
    damaged = misread(text, codec)
    lines[i] = f'{key}: "{damaged}"'
    return "ENC", i + 1


def _d_fffd(rng, lines):
    i = _line_of(lines, r"^title: ")
    lines[i] = lines[i][:-1] + " \ufffd\"" if lines[i].endswith('"') else lines[i] + " \ufffd"
    return "ENC", i + 1


def _d_control(rng, lines):
    i = _line_of(lines, r"^excerpt: ")
    ch = rng.choice(["\x1b", "\x00", "\x07", "\x9b", "\x08"])
    lines[i] = lines[i][:12] + ch + lines[i][12:]
    return "ENC", i + 1


def _d_c1(rng, lines):
    """A Windows-1252 byte read as Latin-1: ’ arrives as U+0092, – as U+0096."""
    i = _line_of(lines, r"^excerpt: ")
    ch = rng.choice(["\x92", "\x96", "\x93", "\x85", "\x80"])
    lines[i] = lines[i][:14] + ch + lines[i][14:]
    return "ENC", i + 1


def _d_escape_as_text(rng, lines):
    """A headline copied from JSON: its non-ASCII characters are \\uXXXX escapes, left as text
    in a plain value, or doubled inside double quotes."""
    i = _line_of(lines, r"^title: ")
    value = lines[i].split(": ", 1)[1].strip('"')
    escaped = "".join(c if c.isascii() else "".join(f"\\u{u:04x}" for u in
                                                    memoryview(c.encode("utf-16-le")).cast("H")) for c in value)
    if escaped == value:
        escaped = value + "\\u2014 update"
    if rng.random() < 0.5 and not re.search(r"[:#\[\]{}&*!|>'\"%@`,]", escaped):
        lines[i] = f"title: {escaped}"
    else:
        lines[i] = 'title: "' + escaped.replace("\\", "\\\\") + '"'
    return "ENC", i + 1


def _d_zwsp(rng, lines):
    i = _line_of(lines, r"^  name: ")
    lines[i] = lines[i] + "\u200b" if rng.random() < 0.5 else lines[i] + "\u202e"
    return "ENC", i + 1


def _d_img_swap(rng, lines):
    i = _line_of(lines, r"^    width: ")
    w = lines[i].split(": ")[1]
    h = lines[i + 1].split(": ")[1]
    lines[i], lines[i + 1] = f"    width: {h}", f"    height: {w}"
    return "IMG", i + 1


def _d_img_huge(rng, lines):
    i = _line_of(lines, r"^    height: ")
    lines[i] = f"    height: {rng.choice([40000, 123456, 8])}"
    return "IMG", i + 1


def _d_img_missing(rng, lines):
    i = _line_of(lines, r"^    height: ")
    lines.pop(i)
    return "IMG", i  # reported at 'width', the line above


def _d_img_name(rng, lines):
    i = _line_of(lines, r"^    width: ")
    lines[i] = f"    width: {int(lines[i].split(': ')[1]) + 10}"
    return "IMG", i + 1


FM_SC_DEFECTS: Dict[str, DefectMaker] = {
    "missing-front-matter": _d_missing_fm, "unclosed-front-matter": _d_unclosed, "unquoted-colon": _d_colon,
    "unclosed-quote": _d_unclosed_quote, "bad-indent": _d_bad_indent, "duplicate-key": _d_duplicate,
    "missing-required": _d_missing_required, "missing-domain": _d_missing_domain, "wrong-type": _d_wrong_type,
    "wrong-type-quality": _d_wrong_type_quality, "unknown-key": _d_unknown_key,
}
CONTENT_DEFECTS: Dict[str, DefectMaker] = {
    "url-space": _d_url_space, "url-scheme": _d_url_scheme, "url-double": _d_url_double, "url-http": _d_url_http,
    "url-domain": _d_url_domain, "url-relative": _d_url_relative, "date-impossible": _d_date_impossible,
    "date-format": _d_date_format, "date-future": _d_date_future, "date-old": _d_date_old, "mojibake": _d_mojibake,
    "cjk-mojibake": _d_cjk_mojibake, "fffd": _d_fffd, "control": _d_control, "invisible": _d_zwsp, "img-swap": _d_img_swap, "img-huge": _d_img_huge,
    "img-missing": _d_img_missing, "img-name": _d_img_name, "c1-control": _d_c1, "escape-as-text": _d_escape_as_text,
}
ALL_DEFECTS = {**FM_SC_DEFECTS, **CONTENT_DEFECTS}


def make_defective(rng: random.Random, name: str, lang: Optional[str] = None) -> Defect:
    lines = make_article(rng, lang).split("\n")
    family, line = ALL_DEFECTS[name](rng, lines)
    return Defect(name, family, line, "\n".join(lines))


NOW = "2025-01-01T00:00:00Z"  # the clock the generated corpus is checked with
