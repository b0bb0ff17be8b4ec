import os
import struct
import zlib

import pytest

from conftest import VALID, lint, short
from linter.rules.images import image_size, local_image_path, UnsafePath

IMG = '  - url: "https://www.news-medical.net/images/a-640x360.jpg"\n    width: 640\n    height: 360\n'


def image(url="https://www.news-medical.net/images/a.jpg", width=640, height=360):
    lines = f'  - url: "{url}"\n'
    if width is not None:
        lines += f"    width: {width}\n"
    if height is not None:
        lines += f"    height: {height}\n"
    return VALID.replace(IMG, lines)


def test_both_or_neither():
    assert short(lint(image(height=None))) == ["19:5 IMG001"]
    assert lint(image(width=None, height=None)) == []


@pytest.mark.parametrize("w,h,code", [(8, 360, "IMG002"), (640, 12000, "IMG002"), (4000, 200, "IMG003")])
def test_bounds_and_ratio(w, h, code):
    assert [d.code for d in lint(image(width=w, height=h))] == [code]


@pytest.mark.parametrize("name,w,h,hint", [("a-640x360.jpg", 620, 360, "set width: 640"), ("b_1200x630_x.png", 630, 1200, "swapped")])
def test_size_in_file_name(name, w, h, hint):
    (d,) = lint(image(url=f"https://www.news-medical.net/images/{name}", width=w, height=h))
    assert d.code == "IMG004" and hint in d.hint and d.span.start.line == 19


@pytest.mark.parametrize("w,h,line", [(640, 361, 20), (641, 360, 19), (641, 361, 19)])
def test_a_size_that_differs_from_the_name_is_shown_at_the_dimension_that_differs(w, h, line):
    (d,) = lint(image(url="https://www.news-medical.net/images/a-640x360.jpg", width=w, height=h))
    assert (d.code, d.span.start.line, d.field) == ("IMG004", line, ("images", 0, "height" if line == 20 else "width"))


@pytest.mark.parametrize("w,h", [(0, 360), (640, -5)])
def test_a_size_below_one_is_the_schemas_finding_alone(w, h):
    assert [d.code for d in lint(image(url="https://www.news-medical.net/images/a-640x360.jpg", width=w, height=h))] == ["SC005"]


@pytest.mark.parametrize("name,w,h,found", [
    ("a-640x360@2x.jpg", 1280, 720, False), ("a-640x360@3x.png", 1920, 1080, False),
    ("a-640x360@1.5x.webp", 960, 540, False), ("a-640x360@2x.jpg", 640, 360, False),
    ("a-640x360@2x.jpg", 1000, 720, True), ("a-640x360.jpg?v=@2x", 1280, 720, True),
])
def test_a_density_in_the_file_name_multiplies_its_size(name, w, h, found):
    diags = lint(image(url=f"https://www.news-medical.net/images/{name}", width=w, height=h))
    assert [d.code for d in diags] == (["IMG004"] if found else [])


def png(w, h):
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def gif(w, h):
    return b"GIF89a" + struct.pack("<HH", w, h) + b"\x00\x00\x00;"


def jpeg(w, h):
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, h, w, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + sof + b"\xff\xd9"


def webp(w, h):
    body = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" + (w - 1).to_bytes(3, "little") + (h - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def svg(w, h):
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"></svg>'.encode()


@pytest.mark.parametrize("maker,ext", [(png, "png"), (gif, "gif"), (jpeg, "jpg"), (webp, "webp"), (svg, "svg")])
def test_header_sizes(maker, ext):
    assert image_size(maker(1280, 720)) == (1280, 720)


@pytest.mark.parametrize("maker,ext", [(png, "png"), (gif, "gif"), (jpeg, "jpg"), (webp, "webp"), (svg, "svg")])
def test_repository_image_checked_against_its_real_size(tmp_path, maker, ext):
    (tmp_path / ".git").mkdir()
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / f"storm.{ext}").write_bytes(maker(1280, 720))
    md = tmp_path / "a.md"
    md.write_text(image(url=f"img/storm.{ext}", width=640, height=360))
    from conftest import engine
    (d,) = engine().lint_path(str(md)).diagnostics
    assert d.code == "IMG005" and "1280x720" in d.message
    md.write_text(image(url=f"img/storm.{ext}", width=1280, height=720))
    assert engine().lint_path(str(md)).diagnostics == []


def test_missing_repository_image_is_a_warning(tmp_path):
    (tmp_path / ".git").mkdir()
    md = tmp_path / "a.md"
    md.write_text(image(url="img/none.png"))
    from conftest import engine
    (d,) = engine().lint_path(str(md)).diagnostics
    assert d.code == "IMG006" and d.severity.value == "warning"


@pytest.mark.parametrize("url", ["../../etc/passwd", "img/../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "C:\\Windows\\win.ini",
                                 "\\\\server\\share\\a.png", "img/a\x00.png", "/../../etc/passwd"])
def test_paths_out_of_the_repository_are_refused(tmp_path, url):
    md = tmp_path / "repo" / "a.md"
    md.parent.mkdir()
    with pytest.raises(UnsafePath):
        local_image_path(url, str(md), str(tmp_path / "repo"), None)


def test_a_windows_path_in_the_repository_gets_its_slashes_as_the_hint(tmp_path):
    md = tmp_path / "a.md"
    md.write_text(image(url="img\\\\uploads\\\\storm.png"))  # a doubled backslash in YAML's double quotes
    from conftest import engine
    (d,) = [d for d in engine().lint_path(str(md)).diagnostics if d.code == "IMG005"]
    assert "a backslash, which separates folders only on Windows" in d.message
    assert d.hint == "write the path with '/': img/uploads/storm.png"
    # a network share gets no such hint: //server/share would be a web address
    md.write_text(image(url="\\\\\\\\server\\\\share\\\\storm.png"))
    (d,) = [d for d in engine().lint_path(str(md)).diagnostics if d.code == "IMG005"]
    assert d.hint == "use a path inside the repository, or a full https:// URL"


@pytest.mark.parametrize("url", ["https://x.com/a.png", "file:///etc/passwd", "data:image/png;base64,AA", "//cdn.x.com/a.png"])
def test_urls_are_not_repository_paths(tmp_path, url):
    assert local_image_path(url, str(tmp_path / "a.md"), str(tmp_path), None) is None


def test_symlink_out_of_the_repository_is_never_read(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(png(10, 10))
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    os.symlink(outside, repo / "link.png")
    md = repo / "a.md"
    md.write_text(image(url="link.png"))
    from conftest import engine
    (d,) = engine().lint_path(str(md)).diagnostics
    assert d.code == "IMG005" and "outside the repository" in d.message


def test_fifo_does_not_hang(tmp_path):
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / "pipe.png")
    md = tmp_path / "a.md"
    md.write_text(image(url="pipe.png"))
    from conftest import engine
    assert [d.code for d in engine().lint_path(str(md)).diagnostics] == []


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00", b"\xff\xd8" + b"\xff" * 100_000, b"GIF89", b"RIFF\x00\x00\x00\x00WEBPVP8 ",
                                  b"<svg width='x'", b""])
def test_garbage_headers_never_raise(data):
    assert image_size(data) is None  # no size read from garbage, and no exception



@pytest.mark.parametrize("drawing, found", [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1280 720"><rect/></svg>', []),  # same shape, any scale
    ('<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" viewBox="0,0,64,36"></svg>', []),
    ('<?xml version="1.0"?>\n<!-- a drawing -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', []),  # scales freely
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600"></svg>', ["IMG005"]),  # 4:3 declared 16:9
    ("GIF89a\x00", ["IMG006"]),  # damaged, and no drawing
])
def test_a_drawing_without_a_size_in_pixels_is_judged_by_its_shape(tmp_path, drawing, found):
    (tmp_path / ".git").mkdir()
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "storm.svg").write_text(drawing)
    md = tmp_path / "a.md"
    md.write_text(image(url="img/storm.svg", width=640, height=360))
    from conftest import engine
    diags = engine().lint_path(str(md)).diagnostics
    assert [d.code for d in diags] == found
    if found == ["IMG005"]:
        assert "viewBox is 800x600" in diags[0].message and diags[0].hint.endswith("for width 640, height 480")


@pytest.mark.parametrize("url,ending", [
    ("https://www.news-medical.net/news/a.aspx", "aspx"),
    ("https://www.news-medical.net/video/storm.MP4?autoplay=1", "mp4"),
    ("https://cdn.news-medical.net/files/report.pdf#page=2", "pdf"),
    ("https://www.news-medical.net/news/storm.html", "html"),
])
def test_an_image_url_that_names_no_image(url, ending):
    text = VALID.replace("https://www.news-medical.net/images/a-640x360.jpg", url)
    diags = [d for d in lint(text) if d.code == "IMG007"]
    assert [(d.field, d.span.start.line) for d in diags] == [(("images", 0, "url"), 18)]
    assert diags[0].message == f"images[0].url names a .{ending} file, not an image"


@pytest.mark.parametrize("url", ["https://cdn.news-medical.net/image/12345", "https://www.news-medical.net/i/a.webp?w=640",
                                 "https://www.news-medical.net/i/a.avif", "https://www.news-medical.net/pdf/a-640x360.jpg",
                                 "https://www.news-medical.net/news.html/photo-640x360"])
def test_image_urls_that_may_be_images_pass(url):
    text = VALID.replace("https://www.news-medical.net/images/a-640x360.jpg", url)
    assert [d for d in lint(text) if d.code == "IMG007"] == []
