"""Work on many files with every core, the results in the order the files were given.

Each file is read, checked and (for comparisons) normalised in a worker process
that has the caller's context (its registry, or its checker); only the small results
come back: a report without the audit's data, or a normalised audit. With one job, or
one file, nothing is started and the work happens here, so the output is the same
whichever way it ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar, cast

from ._files import files_under

__all__ = ["available_cores", "expand", "ordered_map"]

Item = TypeVar("Item")
Result = TypeVar("Result")
Context = TypeVar("Context")


def available_cores() -> int:
    """The cores this process may use (its affinity, where the system says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files under `paths`, folders walked, in the order `readers.sources` reads them."""
    from .readers import suffixes

    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found.extend(files_under(path, suffixes()) if path.is_dir() else [path])
    return found


#: In a worker process: the caller's context (inherited where processes are forked, sent
#: pickled where they are spawned) and the work.
_WORKER: tuple[object, Callable[[object, object], object]] | None = None


def _start_worker(context: object, work: Callable[[object, object], object]) -> None:
    global _WORKER
    _WORKER = (context, work)


def _run(item: object) -> object:
    assert _WORKER is not None, "called outside a worker"
    context, work = _WORKER
    return work(context, item)


def ordered_map(work: Callable[[Context, Item], Result], items: Sequence[Item], *, jobs: int,
                context: Context,
                done: Callable[[Result], None] | None = None) -> Iterator[Result]:
    """`work(context, item)` for each item in `jobs` worker processes, the results in the
    order of `items`, each handed to `done` as it arrives (for progress). One job or one
    item: no processes. `work` must be a module-level function (workers import it), and
    `context` must pickle where processes are spawned."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            result = work(context, item)
            if done is not None:
                done(result)
            yield result
        return
    import multiprocessing  # only here: importing it costs every command start-up time

    global _WORKER
    forking = "fork" in multiprocessing.get_all_start_methods()
    processes = multiprocessing.get_context("fork" if forking else "spawn")
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    untyped = cast("Callable[[object, object], object]", work)
    start: Callable[..., None] | None = None
    arguments: tuple[object, ...] = ()
    if forking:  # workers start as copies of this process: templates already loaded
        _WORKER = (context, untyped)
    else:
        start, arguments = _start_worker, (context, untyped)
    try:
        with processes.Pool(min(jobs, len(items)), initializer=start,
                          initargs=arguments) as pool:
            for returned in pool.imap(_run, items, chunksize=chunk):
                result = cast("Result", returned)
                if done is not None:
                    done(result)
                yield result
    finally:
        _WORKER = None
