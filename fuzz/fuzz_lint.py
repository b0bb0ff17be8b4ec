"""Coverage-guided fuzzing of the whole per-file pipeline with atheris.

    pip install atheris
    python fuzz/fuzz_lint.py -max_total_time=60            # a short run
    python fuzz/fuzz_lint.py fuzz/corpus -max_total_time=3600

Any exception other than a diagnostic is a finding: the harness re-raises it, and atheris
saves the input that caused it.
"""

import sys

import atheris

with atheris.instrument_imports():
    from linter import schema
    from linter.config import Settings
    from linter.engine import Engine
    from linter.formatters.github import annotation
    from linter.rules import all_rules

    all_rules()  # the rule modules are imported lazily: import them here, instrumented

ENGINE = Engine(Settings(), schema.load())


def test_one_input(data: bytes) -> None:
    result = ENGINE.lint_bytes("fuzz.md", data)
    for d in result.diagnostics:
        if d.code == "FM011":
            raise RuntimeError(f"internal error: {d.message}")
        line = annotation(result.path, d)
        if "\n" in line or "\r" in line:
            raise RuntimeError("annotation spans lines")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
