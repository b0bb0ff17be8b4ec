"""IMG: image sizes, for every mapping that is an image.

A mapping is an image when it has ``width`` or ``height``, or when the schema describes it
with both properties (so a user's schema with another layout gets the same checks).
"""

from __future__ import annotations

import io
import os
import re
from typing import Optional, Tuple
from urllib.parse import unquote

from ..diagnostics import Severity, format_path
from ..files import find_root, read_regular
from ..formats import url_parts
from . import Rule, register
from .url import SCHEME_WITHOUT_COLON

_SIZE_IN_NAME = re.compile(r"(?<![0-9A-Za-z])([1-9][0-9]{1,4})[xX\u00d7]([1-9][0-9]{1,4})(?![0-9])")
# a pixel density in a file name (``story-640x360@2x.jpg``): the file holds that many times the named size
_DENSITY_IN_NAME = re.compile(r"@([1-4](?:\.5)?)[xX](?=[._-]|$)")
MAX_IMAGE_FILE = 50 * 1024 * 1024
HEADER_BYTES = 512 * 1024


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


@register
class ImageSizeIncomplete(Rule):
    """An image with `width` but no `height`, or the other way round.

    ## What it does
    Checks that each image gives both dimensions or neither.

    ## Why is this bad?
    With one dimension the page cannot reserve the image's space, and layouts jump as it loads.

    ## Example
    ```yaml
    images:
      - url: "https://example.com/a-640x360.jpg"
        width: 640
    ```
    Use instead: add `height: 360`.
    """

    code = "IMG001"
    name = "image-size-incomplete"

    def check(self, ctx):
        for path, image in ctx.images:
            has_w, has_h = "width" in image, "height" in image
            if has_w != has_h:
                present, missing = ("width", "height") if has_w else ("height", "width")
                yield ctx.diag(self, f"{format_path(path)} has {present} but no {missing}",
                               ctx.key_span(path + (present,)), field=path + (missing,),
                               hint=f"add {missing}, or remove {present}")


@register
class ImageSizeOutOfBounds(Rule):
    """An image dimension outside sane bounds (16 to 10,000 pixels).

    ## What it does
    Reports widths and heights below the minimum or above the maximum (whole numbers of at
    least 1; other values are the schema's business).

    ## Why is this bad?
    A 1-pixel "image" is a tracking pixel or a typo; 50,000 pixels is a typo too.

    ## Example
    ```yaml
    width: 69000
    ```
    """

    code = "IMG002"
    name = "image-size-out-of-bounds"

    def check(self, ctx):
        lo, hi = ctx.options.image_min, ctx.options.image_max
        for path, image in ctx.images:
            for key in ("width", "height"):
                v = image.get(key)
                if _is_int(v) and v >= 1 and not lo <= v <= hi:
                    yield ctx.diag(self, f"{format_path(path + (key,))} is {v} px, outside {lo}..{hi}",
                                   ctx.value_span(path + (key,)), field=path + (key,),
                                   hint="check for a missing or extra digit")


@register
class ImageAspectRatio(Rule):
    """An image far wider than tall, or the other way round (more than 10:1).

    ## What it does
    Reports images whose width-to-height ratio is beyond the configured maximum.

    ## Why is this bad?
    Real article images are rarely that thin; the usual cause is a typo in one dimension.

    ## Example
    ```yaml
    width: 6400
    height: 360
    ```
    """

    code = "IMG003"
    name = "image-aspect-ratio"

    def check(self, ctx):
        limit = ctx.options.image_max_ratio
        for path, image in ctx.images:
            w, h = image.get("width"), image.get("height")
            lo, hi = ctx.options.image_min, ctx.options.image_max
            if _is_int(w) and _is_int(h) and lo <= w <= hi and lo <= h <= hi:  # else IMG002 says it
                ratio = max(w / h, h / w)
                if ratio > limit:
                    yield ctx.diag(self, f"{format_path(path)} is {w}x{h}, a ratio of {ratio:.1f}:1 (limit {limit:g}:1)",
                                   ctx.value_span(path + ("width",)), field=path + ("width",),
                                   hint="check width and height for a typo")


def size_in_name(url: str) -> Optional[Tuple[int, int]]:
    """``(w, h)`` of a ``640x360`` size in the file name of ``url`` (the last part of its path)."""
    parts = url_parts(url)
    if parts is None:
        return None
    path = parts[2]
    matches = _SIZE_IN_NAME.findall(path, path.rfind("/") + 1)
    if len(matches) != 1:
        return None  # none, or ambiguous
    return int(matches[0][0]), int(matches[0][1])


def density_in_name(url: str) -> float:
    """The pixel density the file name of ``url`` states (``@2x``), or 1."""
    parts = url_parts(url)
    path = parts[2] if parts is not None else ""
    m = _DENSITY_IN_NAME.search(path, path.rfind("/") + 1)
    return float(m.group(1)) if m else 1.0


@register
class ImageSizeNameMismatch(Rule):
    """The size in the image's file name differs from its `width` and `height`.

    ## What it does
    When the file name carries a size (`story-640x360.jpg`, `_1200x630_`), compares it with the
    declared dimensions, and says so when they look swapped. A density in the name
    (`story-640x360@2x.jpg`) multiplies the size: that file holds 1280x720 pixels.

    ## Why is this bad?
    Content systems name resized copies by their size; a mismatch means the wrong copy or
    wrong numbers, and a distorted or blurry image.

    ## Example
    ```yaml
    - url: "https://example.com/img/story-640x360.jpg"
      width: 620
      height: 360
    ```
    """

    code = "IMG004"
    name = "image-size-name-mismatch"

    def check(self, ctx):
        for path, image in ctx.images:
            url, w, h = image.get("url"), image.get("width"), image.get("height")
            if not isinstance(url, str) or not (_is_int(w) and _is_int(h)) or w < 1 or h < 1:
                continue  # a size that is no size at all: the schema's minimum or IMG002 says it
            found = size_in_name(url)
            if not found or (found[0], found[1]) == (w, h):
                continue
            scale = density_in_name(url) if "@" in url else 1.0
            if scale != 1.0 and (round(found[0] * scale), round(found[1] * scale)) == (w, h):
                continue  # a high-density copy: story-640x360@2x.jpg holds 1280x720 pixels
            nw, nh = found[0], found[1]
            hint = "width and height look swapped" if (nh, nw) == (w, h) else f"set width: {nw} and height: {nh}, or use the right file"
            # at the dimension that differs from the name; at width when both do
            at = path + ("height",) if w == nw else path + ("width",)
            yield ctx.diag(self, f"{format_path(path)} is declared {w}x{h} but its file name says {nw}x{nh}",
                           ctx.value_span(at), field=at, hint=hint)


class UnsafePath(Exception):
    """Why a path may not be read, and what to write instead (``hint``, or ``None``)."""

    def __init__(self, reason: str, hint: Optional[str] = None):
        super().__init__(reason)
        self.hint = hint


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")


def names_a_path(url: str) -> bool:
    """False for URLs with a scheme (http:, data:, file: ...) and for ``//host/...``."""
    if (_SCHEME.match(url) and not _DRIVE.match(url)) or SCHEME_WITHOUT_COLON.match(url):
        return False  # (https//host/...: a web address with its ':' lost, which URL001 reports)
    return not url.startswith("//")


def local_image_path(url: str, md_path: str, repo_root: str, site_root: Optional[str]) -> Optional[str]:
    """The file inside the repository that ``url`` names, or ``None`` when it names none.

    Only relative paths (resolved from the article's folder) and absolute paths under the site
    root count. Anything that would leave the repository (``..``, links, drive letters, UNC
    names, NUL, percent-encoded tricks) raises :class:`UnsafePath`.
    """
    if not names_a_path(url):
        return None
    path = unquote(url.split("?", 1)[0].split("#", 1)[0])
    if "\x00" in path:
        raise UnsafePath("the path has a NUL character")
    if re.match(r"^[A-Za-z]:", path):
        raise UnsafePath("the path begins with a drive letter")
    if "\\" in path:  # folders as Windows writes them; a \\server\share name is no repository path
        slashed = None if url.startswith("\\\\") else f"write the path with '/': {url.replace(chr(92), '/')}"
        raise UnsafePath("the path has a backslash, which separates folders only on Windows", slashed)
    root = os.path.realpath(repo_root)
    if path.startswith("/"):
        base = os.path.realpath(site_root) if site_root else root
        candidate = os.path.join(base, path.lstrip("/"))
    else:
        candidate = os.path.join(os.path.dirname(os.path.abspath(md_path)), path)
    real = os.path.realpath(candidate)
    if not (real == root or real.startswith(root + os.sep)):
        raise UnsafePath("the path leads outside the repository")
    return real


def read_header(path: str) -> Optional[bytes]:
    """The first bytes of a regular file, never following a link, never blocking on a FIFO."""
    return read_regular(path, MAX_IMAGE_FILE, first=HEADER_BYTES, follow=False)


_SVG = re.compile(rb"<svg[\s>]")
# the third and fourth numbers of an SVG's viewBox: its size in user units
_VIEW_BOX = re.compile(rb"""<svg\b[^>]*?\bviewBox\s*=\s*["']\s*[-+.\deE]+[\s,]+[-+.\deE]+[\s,]+([-+.\deE]+)[\s,]+([-+.\deE]+)\s*["']""")


def is_svg(header: bytes) -> bool:
    return _SVG.search(header[:4096]) is not None


def image_size(header: bytes) -> Optional[Tuple[int, int]]:
    """Width and height in pixels, or ``None`` (damaged, or an SVG without a size in pixels:
    see :func:`view_box`)."""
    import imagesize

    try:
        w, h = imagesize.get(io.BytesIO(header))
    except Exception:  # imagesize raises many types on damaged headers
        return None
    if w is None or h is None or w <= 0 or h <= 0:
        return None
    return int(w), int(h)


def view_box(header: bytes) -> Optional[Tuple[float, float]]:
    """The width and height of an SVG's viewBox (user units, not pixels), or ``None``."""
    m = _VIEW_BOX.search(header) if is_svg(header) else None
    if not m:
        return None
    try:
        vw, vh = float(m.group(1)), float(m.group(2))
    except ValueError:
        return None
    return (vw, vh) if vw > 0 and vh > 0 and vw != float("inf") and vh != float("inf") else None


def _repo_root(md_path: str, configured: Optional[str]) -> str:
    if configured:
        return configured
    folder = os.path.dirname(os.path.abspath(md_path))
    return find_root(folder, fallback=os.getcwd() if folder.startswith(os.getcwd()) else folder)


@register
class ImageSizeFileMismatch(Rule):
    """A repository image whose real size differs from its `width` and `height`.

    ## What it does
    When an image URL is a path inside the repository (relative to the article, or absolute
    under the site root) and the file exists, reads only its header (PNG, JPEG, GIF, WebP, SVG)
    and compares the real size. An SVG without a width and height in pixels scales to any
    size: only the shape of its viewBox is compared. Paths that would leave the repository are
    reported, never opened; links, devices and FIFOs are never read.

    ## Why is this bad?
    Wrong dimensions distort the image or make the layout jump while it loads.

    ## Example
    ```yaml
    - url: "images/storm-640x360.png"   # the file is really 1280x720
      width: 640
      height: 360
    ```
    """

    code = "IMG005"
    name = "image-size-file-mismatch"

    def check(self, ctx):
        for path, image in ctx.images:
            url = image.get("url")
            if not isinstance(url, str) or not url:
                continue
            field = path + ("url",)
            if not names_a_path(url):
                continue  # a web address: nothing in the repository to compare with
            try:
                local = local_image_path(url, ctx.file_path, _repo_root(ctx.file_path, ctx.options.repo_root),
                                         ctx.options.site_root)
            except UnsafePath as exc:
                yield ctx.diag(self, f"{format_path(field)} is not a safe repository path: {exc}", ctx.value_span(field),
                               field=field, hint=exc.hint or "use a path inside the repository, or a full https:// URL")
                continue
            if local is None:
                continue
            ctx.read_other_files = True
            header = read_header(local)
            if header is None:
                if not os.path.lexists(local):
                    yield ctx.diag(ImageFileMissing, f"{format_path(field)} names a file that is not in the repository: {url}",
                                   ctx.value_span(field), field=field, hint="check the path and the file name's case")
                continue
            size = image_size(header)
            w, h = image.get("width"), image.get("height")
            if size is None and is_svg(header):
                # a drawing without a size in pixels scales to any size: only its shape counts
                box = view_box(header)
                if box and _is_int(w) and _is_int(h) and w > 0 and h > 0 and abs((w / h) / (box[0] / box[1]) - 1) > 0.01:
                    yield ctx.diag(self, f"{format_path(path)} is declared {w}x{h}, but the drawing's viewBox is"
                                         f" {box[0]:g}x{box[1]:g}, another shape",
                                   ctx.value_span(path + ("width",)), field=path + ("width",),
                                   hint=f"keep the shape of the drawing: for width {w}, height {round(w * box[1] / box[0])}")
                continue
            if size is None:
                yield ctx.diag(ImageFileMissing, f"{format_path(field)}: the file is not a readable image",
                               ctx.value_span(field), field=field, hint="the file is damaged or not an image")
                continue
            if _is_int(w) and _is_int(h) and (w, h) != size:
                yield ctx.diag(self, f"{format_path(path)} is declared {w}x{h} but the file is {size[0]}x{size[1]}",
                               ctx.value_span(path + ("width",)), field=path + ("width",),
                               hint=f"set width: {size[0]} and height: {size[1]}")


@register
class ImageFileMissing(Rule):
    """A repository image path that names no readable image.

    ## What it does
    Reports image URLs that are paths inside the repository whose file does not exist, or is
    not an image lint-news can read the size of.

    ## Why is this bad?
    The article shows a broken image.

    ## Example
    ```yaml
    - url: "images/strom.png"   # the file is images/storm.png
    ```
    """

    code = "IMG006"
    name = "image-file-missing"
    severity = Severity.WARNING

    def check(self, ctx):
        return ()  # reported while IMG005 resolves the path, so that the file is opened once


# file endings that are never an image: a page, a document, a video, code or data
_NOT_IMAGE = {"html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp", "cgi", "pdf", "doc", "docx", "odt", "rtf",
              "txt", "md", "xls", "xlsx", "ppt", "pptx", "csv", "json", "xml", "rss", "js", "css", "zip", "gz",
              "rar", "7z", "exe", "mp3", "wav", "ogg", "mp4", "m4v", "mov", "avi", "mkv", "webm", "flv", "wmv", "m3u8"}


def file_ending(url: str) -> str:
    """The ending of the file name ``url`` points at, in lower case (``jpg``), or ""."""
    parts = url_parts(url) if "//" in url else None
    path = parts[2] if parts is not None else url.partition("?")[0].partition("#")[0]
    name = unquote(path.rpartition("/")[2])
    return name.rpartition(".")[2].lower() if "." in name else ""


@register
class NotAnImage(Rule):
    """An image URL that names a page, a document or a video, not an image.

    ## What it does
    Reports an image whose `url` ends in a file name that is never an image: `.html`,
    `.aspx`, `.pdf`, `.mp4` and the like. Addresses without a file ending (`/image/12345`)
    and image endings (`.jpg`, `.webp`, `.avif`, `.svg`, ...) are fine.

    ## Why is this bad?
    Usually the article's own address, or a link to a video, was pasted where its picture
    belongs: the image does not show.

    ## Example
    ```yaml
    images:
      - url: "https://www.example.com/news/storm.html"
    ```
    """

    code = "IMG007"
    name = "not-an-image-url"

    def check(self, ctx):
        for path, image in ctx.images:
            url = image.get("url")
            if not isinstance(url, str):
                continue
            # the ending of the whole address first (one split): only a candidate is read properly
            if url.partition("?")[0].partition("#")[0].rpartition(".")[2].lower() not in _NOT_IMAGE:
                continue
            ending = file_ending(url)
            if ending in _NOT_IMAGE:
                field = path + ("url",)
                yield ctx.diag(self, f"{format_path(field)} names a .{ending} file, not an image",
                               ctx.value_span(field), field=field, hint="use the address of the image file itself")
