"""The script a team writes first: python-frontmatter + jsonschema, the validator built once.
Prints one line per schema error; used by bench/run.py as a peer."""

import json
import sys
from pathlib import Path

import frontmatter
import jsonschema


def main(schema_path: str, folder: str) -> int:
    schema = json.loads(Path(schema_path).read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    bad = 0
    for path in sorted(Path(folder).rglob("*.md")):
        try:
            post = frontmatter.load(path)
        except Exception as exc:  # noqa: BLE001 - a naive script reports and goes on
            print(f"{path}: {exc.__class__.__name__}")
            bad += 1
            continue
        for error in validator.iter_errors(dict(post.metadata)):
            print(f"{path}: {error.message}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
