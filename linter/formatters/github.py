"""GitHub Actions workflow commands: one annotation line per diagnostic.

The runner reads commands from any line of stdout or stderr, after leading whitespace, and a
bare CR starts a new line; the legacy ``##[command]`` form is matched anywhere in a line. So
every piece of file content is made inert (control characters shown as escapes), escaped the
way the runner unescapes (``%`` CR LF in data; also ``:`` and ``,`` in properties), and any
``##[`` is broken up. Nothing a file contains can start a line or end the annotation.
"""

from __future__ import annotations

from ..rules import get
from . import Formatter, inert, summary_line

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    text = inert(text)  # CR and LF become visible \r \n; the runner's escapes below for safety
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace("##[", "#%23[")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, d) -> str:
    rule = get(d.code)
    title = f"{d.code} {rule.name}" if rule else d.code
    props = [f"file={escape_property(path)}", f"line={d.span.start.line}", f"endLine={d.span.end.line}"]
    if d.span.single_line:
        props.append(f"col={d.span.start.column}")
        props.append(f"endColumn={max(d.span.end.column - 1, d.span.start.column)}")  # inclusive
    props.append(f"title={escape_property(title)}")
    message = d.message
    if d.field_name and d.field_name not in message:
        message = f"{d.field_name}: {message}"
    data = escape_data(message)
    if d.hint:
        data += "%0A" + escape_data(f"hint: {d.hint}")
    return f"::{_LEVEL[d.severity.value]} {','.join(props)}::{data}"


class GithubFormatter(Formatter):
    name = "github"

    def file(self, result) -> None:
        for d in result.diagnostics:
            self.out.write(annotation(result.path, d) + "\n")

    def end(self, summary) -> None:
        self.err.write(summary_line(summary) + "\n")
