from linter import source
from linter.diagnostics import Position


def test_utf8_bom_is_noted_and_dropped():
    src = source.decode("a.md", b"\xef\xbb\xbf---\nx: 1\n")
    assert src.bom and src.text.startswith("---")


def test_invalid_bytes_are_recorded_at_their_character_offset():
    src = source.decode("a.md", "é\n".encode() + b"ab\xe9cd\xff\xfe\n")
    assert src.decode_errors == [(4, b"\xe9"), (7, b"\xff\xfe")]
    assert src.text == "é\nab\ufffdcd\ufffd\ufffd\n"
    assert src.position(4) == Position(2, 3)


def test_crlf_and_lone_cr_count_as_line_breaks():
    src = source.decode("a.md", b"a\r\nb\rc\nd")
    assert [src.position(i).line for i in (0, 3, 5, 7)] == [1, 2, 3, 4]
    assert src.line_text(2) == "b" and src.newline == "\r\n"


def test_columns_count_code_points_not_bytes():
    src = source.decode("a.md", "日本語 x".encode())
    assert src.position(4) == Position(1, 5)


def test_utf16_is_decoded_and_flagged():
    src = source.decode("a.md", "---\nx: 1\n---\n".encode("utf-16"))
    assert src.encoding == "utf-16" and src.text.startswith("---")


def test_binary_is_recognised():
    src = source.decode("a.md", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert src.binary
