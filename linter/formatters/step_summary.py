"""Every finding as a Markdown table, grouped by file, for ``$GITHUB_STEP_SUMMARY``.

Bounded to GitHub's 1 MiB limit for a step summary, with a note when cut. Content is made
inert and escaped for Markdown and HTML, so a title cannot inject markup.
"""

from __future__ import annotations

from . import Formatter, inert, rule_name, summary_line

LIMIT = 1024 * 1024 - 4096  # leave room for the closing note


def cell(text: str) -> str:
    text = inert(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("`", "\\`")


class StepSummaryFormatter(Formatter):
    name = "step-summary"

    def start(self) -> None:
        self.parts = ["## lint-news\n\n"]
        self.size = len(self.parts[0])
        self.cut = 0

    def _add(self, text: str) -> bool:
        size = len(text.encode("utf-8", "backslashreplace"))
        if self.size + size > LIMIT:
            return False
        self.parts.append(text)
        self.size += size
        return True

    def file(self, result) -> None:
        if not result.diagnostics:
            return
        if self.cut or not self._add(f"### `{cell(result.path)}`\n\n| line | col | code | severity | message |\n|---|---|---|---|---|\n"):
            self.cut += len(result.diagnostics)
            return
        for i, d in enumerate(result.diagnostics):
            name = rule_name(d.code)
            name = f" {name}" if name else ""
            row = (f"| {d.span.start.line} | {d.span.start.column} | {d.code}{name} | {d.severity.value} | "
                   f"{cell(d.message)}{'<br>hint: ' + cell(d.hint) if d.hint else ''} |\n")
            if not self._add(row):
                self.cut += len(result.diagnostics) - i
                return
        self._add("\n")

    def end(self, summary) -> None:
        self.parts.append(f"\n{summary_line(summary)}\n")
        if self.cut:
            self.parts.append(f"\n_The summary reached GitHub's 1 MiB limit: {self.cut} more findings are in the log._\n")
        self.out.write("".join(self.parts))
