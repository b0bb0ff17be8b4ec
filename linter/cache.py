"""A content-addressed cache of per-file results.

Layout under the cache folder (default ``.lint-news-cache/`` at the repository root)::

    <config key>/index-NN.json         shown path -> [size, mtime_ns, digest, findings, facts,
                                       expires], in 64 shards by path (one file's run reads one)
    <config key>/entries-NN.json       digest -> the diagnostics of that file content (only for
                                       contents with findings), in 64 packs by digest

The config key covers the tool's version and code (:func:`code_version`), the schema's bytes,
the effective settings and a secret of the user's (see :func:`secret`); the digest covers the
file's bytes. A file whose size and modification time match the index is not even read;
otherwise its bytes are hashed and looked up. Entries are packed: creating a file costs far
more than writing one, so a run writes at most 64 packs, whatever the number of files with
findings; a pack drops entries not written for :data:`ENTRY_DAYS` days when it is rewritten.
Every write is atomic (a temporary file renamed into place), so several lint-news processes
may share the cache; a corrupt or unreadable shard or pack is ignored and rewritten. A
``.gitignore`` of ``*`` keeps the folder out of commits. Results that depend on more than the
file (a repository image was read) are never cached; a result that holds only until a moment
(a date in the future, on the real clock) is kept until that moment.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import zlib
from functools import lru_cache
from typing import Dict, Optional, Tuple

from . import __version__
from .files import replace_atomic
from .diagnostics import Diagnostic, Edit, FileResult, Fix, Position, Severity, Span

FORMAT = 5  # bumped whenever what the cache stores changes shape
RACY_SECONDS = 2.0  # a file modified this recently may change again within the same mtime tick
ENTRY_DAYS = 30  # an entry not written for this long is dropped when its pack is rewritten


@lru_cache(maxsize=1)
def code_version() -> str:
    """The version, and the name, size and modification time of each file of lint-news's own
    code (its modules and the compiled extension): a change to the checks without a new
    version number (a development build, a patched install) must not be answered with
    results the old checks made. About a hundred ``stat`` calls, once a process."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("_lint_news_accel")
    except (ImportError, ValueError):
        spec = None
    extension = [spec.origin] if spec is not None and spec.origin and os.path.isfile(spec.origin) else []
    return code_fingerprint(os.path.dirname(os.path.abspath(__file__)), extension)


def code_fingerprint(package: str, extra=()) -> str:
    """:func:`code_version` of the modules under the folder ``package`` and the files ``extra``."""
    h = hashlib.blake2b(__version__.encode(), digest_size=12)
    files = list(extra)
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        files.extend(os.path.join(folder, n) for n in names if n.endswith((".py", ".so", ".pyd")))
    for path in sorted(files):
        try:
            info = os.stat(path)
        except OSError:
            continue
        h.update(f"\0{os.path.relpath(path, package)}\0{info.st_size}\0{info.st_mtime_ns}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def secret_path() -> str:
    """Where this user's cache secret lives: in the user's own cache folder, outside every
    repository (``$XDG_CACHE_HOME/lint-news/secret``, else ``~/.cache/lint-news/secret``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "lint-news", "secret")


_SECRET: Dict[str, str] = {}


def secret() -> str:
    """A random value of this user's, part of every cache key.

    The cache sits in the repository (``.lint-news-cache/``), and a repository's content is
    untrusted: a pull request could commit a cache whose entries call its broken files clean.
    Every key lint-news looks up is derived from this secret, which is kept outside the
    repository, so a committed cache is never found. Where the secret cannot be kept (no
    writable home), each run has its own: nothing is found again, and nothing is trusted."""
    path = secret_path()
    if path in _SECRET:
        return _SECRET[path]
    value = _read_secret(path)
    if value is None:
        fresh = os.urandom(32).hex()
        try:
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, fresh.encode("ascii"))
            finally:
                os.close(fd)
            try:
                os.link(tmp, path)  # the first process to get here decides; the others read it
            except FileExistsError:
                pass
            except OSError:
                os.replace(tmp, path)  # no hard links here: the last writer wins (a few misses)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:
            pass
        value = _read_secret(path) or fresh
    _SECRET[path] = value
    return value


def _read_secret(path: str) -> Optional[str]:
    try:
        with open(path, "rb") as fh:
            text = fh.read(200).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if len(text) == 64 and all(c in "0123456789abcdef" for c in text) else None


def config_key(schema_digest: str, settings_fingerprint: str) -> str:
    h = hashlib.blake2b(digest_size=12)
    for part in (code_version(), str(FORMAT), secret(), schema_digest, settings_fingerprint):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


# --- (de)serialising results ------------------------------------------------------------

def _encode(result: FileResult) -> dict:
    return {
        "d": [[d.code, d.message, d.span.start.line, d.span.start.column, d.span.end.line, d.span.end.column,
               d.severity.value, list(d.field) if d.field is not None else None, d.hint,
               None if d.fix is None else [d.fix.title, d.fix.safe, [[e.start, e.end, e.replacement] for e in d.fix.edits]]]
              for d in result.diagnostics],
        "l": {str(k): v for k, v in result.lines.items()},
        "f": result.facts,
        "u": result.expires,
    }


def _decode(path: str, data: dict) -> FileResult:
    diags = []
    for code, message, l1, c1, l2, c2, sev, field, hint, fix in data["d"]:
        fx = None if fix is None else Fix(fix[0], tuple(Edit(*e) for e in fix[2]), fix[1])
        diags.append(Diagnostic(code, message, Span(Position(l1, c1), Position(l2, c2)), Severity(sev),
                                tuple(field) if field is not None else None, hint, fx))
    facts = data.get("f")
    expires = data.get("u")
    if isinstance(expires, (int, float)) and time.time() >= expires:
        raise ValueError("expired")  # read as a miss
    return FileResult(path, diags, {int(k): v for k, v in data["l"].items()},
                      facts=facts if isinstance(facts, str) else None,
                      expires=expires if isinstance(expires, (int, float)) else None)


def _write_atomic(path: str, text: str) -> None:
    replace_atomic(path, text.encode("utf-8"))


SHARDS = 64
PACKS = 64
_SHARD_NAMES = tuple(f"{i:02d}" for i in range(SHARDS))


def _read_json(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            loaded = json.load(fh)
        return loaded if isinstance(loaded, dict) else {}
    except (OSError, ValueError, RecursionError):
        return {}


class Packs:
    """The entries of one cache folder, each pack read once (on first use) and kept."""

    def __init__(self, folder: str):
        self.folder = folder
        self.loaded: Dict[str, Dict[str, dict]] = {}

    def path(self, pack: str) -> str:
        return os.path.join(self.folder, f"entries-{pack}.json")

    @staticmethod
    def pack_of(dig: str) -> Optional[str]:
        try:
            return f"{int(dig[:4], 16) % PACKS:02d}"
        except (TypeError, ValueError):
            return None  # not a digest of ours (a hand-edited index)

    def pack(self, dig: str) -> Optional[Dict[str, dict]]:
        pack = self.pack_of(dig)
        if pack is None:
            return None
        if pack not in self.loaded:
            self.loaded[pack] = _read_json(self.path(pack))
        return self.loaded[pack]

    def has(self, dig: str) -> bool:
        pack = self.pack(dig)
        return pack is not None and isinstance(pack.get(dig), dict)

    def read(self, shown: str, dig: str) -> Optional[FileResult]:
        pack = self.pack(dig)
        data = pack.get(dig) if pack is not None else None
        try:
            return _decode(shown, data) if isinstance(data, dict) else None
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


class Cache:
    """The index, sharded by path so that a run over one file reads one small shard."""

    def __init__(self, folder: str, key: str):
        self.root = folder
        self.folder = os.path.join(folder, key)
        self.shards: Dict[str, Dict[str, list]] = {}
        self.dirty: set = set()
        self.packs = Packs(self.folder)
        self.written: Dict[str, Dict[str, dict]] = {}  # pack -> the entries this run wrote

    @staticmethod
    def _shard_of(shown: str) -> str:
        return _SHARD_NAMES[zlib.crc32(shown.encode("utf-8", "surrogatepass")) % SHARDS]

    def _path(self, shard: str) -> str:
        return os.path.join(self.folder, f"index-{shard}.json")

    def _read(self, shard: str) -> Dict[str, list]:
        return _read_json(self._path(shard))

    def _shard(self, shown: str) -> Tuple[str, Dict[str, list]]:
        """The name and the records of the shard that holds ``shown`` (read on first use)."""
        shard = self._shard_of(shown)
        if shard not in self.shards:
            self.shards[shard] = self._read(shard)
        return shard, self.shards[shard]

    def _rec(self, shown: str):
        rec = self._shard(shown)[1].get(shown)
        return rec if isinstance(rec, list) and len(rec) == 6 else None

    def stat_record(self, shown: str, size: int, mtime_ns: int):
        """The index record of a file whose size and mtime are as recorded, whose result still
        holds and whose entry (when it had findings) is there; else ``None``. The file is not
        read; :meth:`result_of` turns the record into the result. (Run once a file on every
        warm run: written out rather than through :meth:`_rec`.)"""
        shard = self._shard_of(shown)
        records = self.shards.get(shard)
        if records is None:
            records = self.shards[shard] = self._read(shard)
        rec = records.get(shown)
        # a racy record's mtime is None, which no mtime equals
        if type(rec) is not list or len(rec) != 6 or rec[0] != size or rec[1] != mtime_ns:
            return None
        if rec[5] is not None and (not isinstance(rec[5], (int, float)) or time.time() >= rec[5]):
            return None  # a finding that held until then
        if rec[3] != 0 and not self.packs.has(rec[2]):
            return None
        return rec

    def result_of(self, shown: str, rec) -> Optional[FileResult]:
        """The result a :meth:`stat_record` record stands for (``None`` if its entry vanished)."""
        if rec[3] == 0:
            return FileResult(shown, [], {}, facts=rec[4] if type(rec[4]) is str else None, from_cache=True)
        found = self.packs.read(shown, rec[2])
        if found is not None:
            found.from_cache = True
        return found

    def clean_digest(self, shown: str) -> Optional[str]:
        """The digest recorded for ``shown`` when its result was clean, else ``None``."""
        rec = self._rec(shown)
        return rec[2] if rec is not None and rec[3] == 0 and isinstance(rec[2], str) else None

    def facts(self, shown: str, dig: str):
        rec = self._rec(shown)
        return rec[4] if rec is not None and rec[2] == dig else None

    def record(self, shown: str, size: int, mtime_ns: int, dig: str, findings: int, facts=None,
               expires: Optional[float] = None) -> None:
        """Remember a file's stat, digest and cross-file facts (its entry is already written)."""
        racy = time.time() - mtime_ns / 1e9 < RACY_SECONDS
        shard, records = self._shard(shown)
        records[shown] = [size, None if racy else mtime_ns, dig, findings, facts, expires]
        self.dirty.add(shard)

    def put(self, dig: str, result: FileResult) -> None:
        """Keep the diagnostics of a file content (written with the index, by :meth:`save`)."""
        pack = Packs.pack_of(dig)
        if pack is not None:
            entry = _encode(result)
            entry["t"] = int(time.time())
            self.written.setdefault(pack, {})[dig] = entry

    def save(self) -> None:
        if self.dirty or self.written:
            ignore_all(self.root)
        try:
            oldest = time.time() - ENTRY_DAYS * 86400
            for pack in sorted(self.written):
                path = self.packs.path(pack)
                current = _read_json(path)  # merge with what other processes wrote meanwhile
                kept = {d: e for d, e in current.items()
                        if isinstance(e, dict) and isinstance(e.get("t"), (int, float)) and e["t"] >= oldest}
                kept.update(self.written[pack])
                _write_atomic(path, json.dumps(kept, ensure_ascii=True, separators=(",", ":")))
            self.written.clear()
            for shard in sorted(self.dirty):
                current = self._read(shard)
                current.update(self.shards[shard])
                _write_atomic(self._path(shard), json.dumps(current, ensure_ascii=True, separators=(",", ":")))
            self.dirty.clear()
        except OSError:
            return


def ignore_all(root: str) -> None:
    """A ``.gitignore`` of ``*`` in the cache folder, so that it is never committed by accident."""
    path = os.path.join(root, ".gitignore")
    if not os.path.exists(path):
        try:
            replace_atomic(path, b"# written by lint-news: the cache is never committed\n*\n")
        except OSError:
            pass


def cross_file_key(facts_digest: str, flags: str) -> str:
    """What the checks across files depend on: every file's facts (``facts_digest``, see
    :meth:`linter.crossfile.Collector.digest`) and which checks run."""
    text = f"{code_version()}\0{FORMAT}\0{secret()}\0{flags}\0{facts_digest}"
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def read_cross_file(cache_dir: str, key: str, stamp):
    """The findings across files stored for ``key`` (``{path: [Diagnostic]}``), or ``None``.
    ``stamp(path)`` is the digest of a file's bytes now: the facts say nothing of where the
    fields are, so each file with a finding must be as it was when the finding was made."""
    try:
        with open(os.path.join(cache_dir, "cross-files.json"), encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("key") != key:
            return None
        if any(stamp(path) != dig for path, dig in data["stamps"].items()):
            return None
        return {path: _decode(path, {"d": d, "l": {}}).diagnostics for path, d in data["found"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def write_cross_file(cache_dir: str, key: str, found, stamp) -> None:
    """Keep the latest findings across files: an unchanged repository skips comparing them."""
    encoded = {path: _encode(FileResult(path, diags))["d"] for path, diags in found.items()}
    stamps = {path: stamp(path) for path in found}
    try:
        _write_atomic(os.path.join(cache_dir, "cross-files.json"),
                      json.dumps({"key": key, "found": encoded, "stamps": stamps}, ensure_ascii=True))
    except OSError:
        pass


def cacheable(result: FileResult) -> bool:
    if result.depends_on_files:
        return False
    return not any(d.code in ("FM010", "FM011") for d in result.diagnostics)

