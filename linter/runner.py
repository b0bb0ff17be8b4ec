"""Many files: the cache first, then a pool of worker processes, results in path order.

* Files whose size and mtime match the cache index are answered without being read.
* The rest go to ``jobs`` worker processes in chunks; results come back in submission order,
  so the output is the same whatever the scheduling (and the same as ``--jobs 1``).
* A worker that dies (a crash in a C extension, a signal) loses only its chunk: the pool is
  rebuilt and that chunk's files are retried one by one, so that only the file that kills
  its worker gets an internal-error diagnostic.
* Each file has a time budget; a file that exceeds it gets an internal-error diagnostic.
* Results stream: memory does not grow with the number of clean files.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator, List, Optional, Sequence, Tuple

from . import cache as cache_mod
from .diagnostics import Diagnostic, FileResult, Position, Severity, Span

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
# multiprocessing and concurrent.futures are imported with the first pool: a run answered
# from the cache, or small enough for this process, never needs them

CHUNK = 48  # fewer files than twice this are checked in this process
MAX_CHUNK = 256
DEFAULT_TIMEOUT = 10.0


class TimeBudgetExceeded(BaseException):
    """Raised by the alarm; a BaseException so that the engine's net for bugs lets it through."""


def _on_alarm(signum, frame):
    raise TimeBudgetExceeded()


class Worker:
    """Checks files one at a time; lives in each worker process (or in-process for --jobs 1)."""

    def __init__(self, settings, schema_source, cache_folder: Optional[str], timeout: float, fresh: bool = False):
        """``fresh``: the cache folder is new with this run, so no entry needs looking up."""
        from .engine import Engine

        self.engine = Engine(settings, schema_source)
        self.cache_folder = cache_folder
        self.packs = cache_mod.Packs(cache_folder) if cache_folder else None
        self.timeout = timeout
        self.fresh = fresh

    def check(self, path: str, shown: str, known: Optional[str] = None):
        """The result and, when it may be cached, ``(digest, number of findings, (size, mtime_ns))``
        with the file's size and mtime as it was opened (the main process stores it).

        ``known`` is the digest the cache index holds for a clean file at this path: a file
        touched but unchanged hashes to it and needs no checking."""
        raw, early, st = self.engine.read_stat(path, shown)
        if early is not None:
            return early, None
        dig = cache_mod.digest(raw) if self.cache_folder else ""
        if self.cache_folder:
            if known is not None and dig == known:
                return FileResult(shown, [], {}), (dig, 0, st)
            hit = None if self.fresh else self.packs.read(shown, dig)
            if hit is not None:
                return hit, (dig, len(hit.diagnostics), st)
        result = self._timed(shown, raw, path)
        if self.cache_folder and cache_mod.cacheable(result):
            return result, (dig, len(result.diagnostics), st)
        return result, None

    def _timed(self, shown: str, raw: bytes, path: str) -> FileResult:
        use_alarm = self.timeout > 0 and hasattr(signal, "setitimer") and (_ALARM_HANDLER or _main_thread())
        previous = None
        if use_alarm and not _ALARM_HANDLER:  # a worker process, or a run of many files, installs it once
            previous = signal.signal(signal.SIGALRM, _on_alarm)
        try:
            if use_alarm:  # armed inside the try: a budget shorter than this call still lands below
                signal.setitimer(signal.ITIMER_REAL, self.timeout)
            return self.engine.lint_bytes(shown, raw, path)
        except TimeBudgetExceeded:
            return internal_error(shown, f"checking this file took longer than its time budget ({self.timeout:g} s)")
        finally:
            if use_alarm:
                _disarm()
                if previous is not None:
                    signal.signal(signal.SIGALRM, previous)


def _disarm() -> None:
    """Stop the timer; an alarm that goes off on the way (the budget ran out just as the file
    was done) is dropped: the file's result stands."""
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        except TimeBudgetExceeded:
            continue


_ALARM_HANDLER = False  # whether _on_alarm is installed for the whole process or run


@contextmanager
def _alarm_handler():
    """Install the time-budget handler once for many files (and restore the previous one)."""
    global _ALARM_HANDLER
    if not hasattr(signal, "setitimer") or not _main_thread() or _ALARM_HANDLER:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _ALARM_HANDLER = True
    try:
        yield
    finally:
        _ALARM_HANDLER = False
        signal.signal(signal.SIGALRM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def internal_error(shown: str, message: str) -> FileResult:
    span = Span(Position(1, 1), Position(1, 1))
    return FileResult(shown, [Diagnostic("FM011", message, span, Severity.ERROR)])


_WORKER: Optional[Worker] = None
_INIT_ERROR: Optional[Exception] = None  # a schema that does not compile, raised with each chunk


def _init(settings, schema_source, cache_folder, timeout, fresh=False) -> None:
    global _WORKER, _ALARM_HANDLER, _INIT_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_alarm)  # once: each file only sets the timer
        _ALARM_HANDLER = True
    _WORKER = Worker(settings, schema_source, cache_folder, timeout, fresh)
    from .schema import SchemaError

    try:
        _WORKER.engine.schema  # compiled here, while the parent hands out the work
    except SchemaError as exc:
        _INIT_ERROR = exc


def _run_chunk(chunk: Sequence[Tuple[str, str, Optional[str]]]):
    if _INIT_ERROR is not None:
        raise _INIT_ERROR  # the parent reports it as a usage error
    return [_WORKER.check(path, shown, known) for path, shown, known in chunk]


def _start(pool: "ProcessPoolExecutor") -> "ProcessPoolExecutor":
    """Fork the workers now (a pool forks them all at its first task)."""
    pool.submit(int)
    return pool


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def lint_files(files: Sequence[Tuple[str, str]], settings, schema_source, *, jobs: int = 1,
               cache_dir: Optional[str] = None, timeout: float = DEFAULT_TIMEOUT) -> Iterator[FileResult]:
    """Yield one result per file, in the order of ``files``."""
    cache = None
    folder = None
    if cache_dir:
        cache = cache_mod.Cache(cache_dir, cache_mod.config_key(schema_source.digest, settings.fingerprint()))
        folder = cache.folder
    pool = None
    stats: List[Optional[Tuple[int, int]]] = []
    pending: List[int] = []
    hits = {}  # index in files -> its record in the cache index (held there anyway)
    cold = cache is None or not os.path.isdir(folder)
    if cold:
        # Nothing can come from the cache: every file is checked, and the worker that opens a
        # file takes its size and mtime. Start the workers at once: they import and compile
        # the schema while the work is handed out (a bad schema comes back with the first chunk).
        if jobs > 1 and len(files) >= 2 * CHUNK:
            pool = _start(_new_pool(jobs, (settings, schema_source, folder, timeout, cold)))
        pending = list(range(len(files)))
        stats = [None] * len(files)
    else:  # an index exists (cold is false): look each file up by size and mtime
        stat, lookup = os.stat, cache.stat_record  # once a file on every warm run
        for i, (path, shown) in enumerate(files):
            try:
                info = stat(path)
            except OSError:
                stats.append(None)
                pending.append(i)
                continue
            size, mtime = info.st_size, info.st_mtime_ns
            stats.append((size, mtime))
            rec = lookup(shown, size, mtime)
            if rec is not None:
                hits[i] = rec
            else:
                pending.append(i)
    if pending and pool is None and hasattr(schema_source, "compiled"):
        schema_source.compiled  # compile once here: a bad schema is a usage error, and forked workers inherit it
    computed = None
    try:
        # with an index, the digest it holds for each clean file (a touched file may be unchanged)
        work = [(*files[i], None if cold else cache.clean_digest(files[i][1])) for i in pending]
        computed = _compute(work, settings, schema_source, folder, timeout, jobs, pool, cold)
        for i, (path, shown) in enumerate(files):
            st = stats[i]
            if i in hits:
                hit = cache.result_of(shown, hits.pop(i))
                if hit is not None:
                    yield hit
                    continue
                result, cached = Worker(settings, schema_source, folder, timeout).check(path, shown)  # entry vanished
            else:
                result, cached = next(computed)
            if cache is not None and cached is not None:
                st = cached[2] or st  # as the file was when it was read
                if result.facts is None and cached[1] == 0:
                    result.facts = cache.facts(shown, cached[0])  # touched but unchanged: facts as before
                if st is not None:
                    if cached[1]:
                        cache.put(cached[0], result)
                    cache.record(shown, st[0], st[1], cached[0], cached[1], result.facts, result.expires)
            yield result
    finally:
        if computed is not None:
            computed.close()
        if pool is not None:  # started here, and never used when there was nothing to check
            pool.shutdown(wait=True, cancel_futures=True)
        if cache is not None:
            cache.save()


def _new_pool(jobs: int, args) -> "ProcessPoolExecutor":
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init, initargs=args)


def _compute(files, settings, schema_source, folder, timeout, jobs, pool=None, fresh=False):
    """Results in the order of ``files``: in this process, or in worker processes (``pool``
    when it was started already, else a pool of its own for enough work)."""
    if not files:
        return
    args = (settings, schema_source, folder, timeout, fresh)
    if pool is None and jobs > 1 and len(files) >= 2 * CHUNK:
        pool = _new_pool(jobs, args)
    if pool is None:
        worker = Worker(settings, schema_source, folder, timeout, fresh)
        with _alarm_handler():
            for path, shown, known in files:
                yield worker.check(path, shown, known)
        return
    from concurrent.futures.process import BrokenProcessPool

    todo = deque(_chunks(files, jobs))  # not yet submitted
    window: deque = deque()  # (chunk, future) in flight, in order
    try:
        while todo or window:
            try:
                # a pool whose worker died refuses new work as well as finishing the old
                while todo and len(window) < jobs * 4:
                    window.append((todo[0], pool.submit(_run_chunk, todo[0])))
                    todo.popleft()
                out = window[0][1].result()
                window.popleft()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(jobs, args)
                if not window:
                    continue
                # the first chunk in flight is checked file by file, each file in a pool of its
                # own; the rest go to the new pool again, in order
                out = [_isolated(f, args) for f in window.popleft()[0]]
                todo.extendleft(reversed([c for c, _ in window]))
                window.clear()
            yield from out
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunks(files: Sequence, jobs: int) -> List[Sequence]:
    """Large chunks while much work is left (each chunk costs a round trip through the main
    process), smaller ones towards the end, so that no worker idles long while another
    finishes a large one."""
    out = []
    start = 0
    while start < len(files):
        size = max(CHUNK // 3, min(MAX_CHUNK, (len(files) - start) // (jobs * 6)))
        out.append(files[start:start + size])
        start += size
    return out


def _isolated(file: Tuple[str, str], args):
    """Check one file in a pool of its own; if that worker dies too, the file is to blame."""
    from concurrent.futures.process import BrokenProcessPool

    single = _new_pool(1, args)
    try:
        return single.submit(_run_chunk, [file]).result()[0]
    except BrokenProcessPool:
        return internal_error(file[1], "lint-news crashed while checking this file (its worker process died)"), None
    finally:
        single.shutdown(wait=True, cancel_futures=True)
