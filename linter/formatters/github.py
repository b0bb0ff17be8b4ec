"""GitHub Actions workflow commands: one annotation line per diagnostic.

The runner reads commands from any line of stdout or stderr, after leading whitespace, and a
bare CR starts a new line; the legacy ``##[command]`` form is matched anywhere in a line. So
every piece of file content is made inert (control characters shown as escapes), escaped the
way the runner unescapes (``%`` CR LF in data; also ``:`` and ``,`` in properties), and any
``##[`` is broken up. Nothing a file contains can start a line or end the annotation.
"""

from __future__ import annotations

from . import Formatter, inert, rule_name, summary_line

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    text = inert(text)  # CR and LF become visible \r \n; the runner's escapes below for safety
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace("##[", "#%23[")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, d) -> str:
    name = rule_name(d.code)
    title = f"{d.code} {name}" if name else d.code
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


MAX_PER_LEVEL = 10  # GitHub shows at most 10 annotations of each type per step


class GithubFormatter(Formatter):
    """Annotations, most severe first, at most 10 of each type (all GitHub would show); the
    rest go to the log as plain, inert lines, and one notice says how many there are."""

    name = "github"

    def start(self) -> None:
        self.found = []

    def file(self, result) -> None:
        for d in result.diagnostics:
            self.found.append((result.path, d))

    def end(self, summary) -> None:
        ordered = sorted(self.found, key=lambda item: (item[1].severity.rank, item[0], item[1].span.start))
        shown = {"error": 0, "warning": 0, "info": 0}
        rest = []
        for path, d in ordered:
            if shown[d.severity.value] < MAX_PER_LEVEL:
                shown[d.severity.value] += 1
                self.out.write(annotation(path, d) + "\n")
            else:
                rest.append((path, d))
        if rest:
            self.out.write(f"::notice title=lint-news::{len(rest)} more findings are not shown as annotations; "
                           "they are listed below and in the step summary\n")
            for path, d in sorted(rest, key=lambda item: (item[0], item[1].span.start)):
                start = d.span.start
                self.out.write(f"{escape_property(path)}:{start.line}:{start.column}: {d.code} {escape_data(d.message)}\n")
        self.err.write(summary_line(summary) + "\n")
