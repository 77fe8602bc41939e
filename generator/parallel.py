"""Clean and enrich raw documents on every core, in input order.

Workers are started with "spawn" (never fork: the server's threads may hold locks) and
each loads the gazetteer once; small batches stay in this process, where a pool would
cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.gazetteer import Gazetteer, load_gazetteer

#: A document's cleaning time at most: ordinary pages take milliseconds, but a hostile page
#: under the size limit (a megabyte of tiny paragraphs) can keep the HTML extractor busy for
#: minutes.
CLEAN_SECONDS = 60.0
MIN_PARALLEL = 400  # below this many documents a pool costs more than it saves
CHUNK = 16
Task = tuple[str, Any]  # (slug, what to clean: a raw document or a job naming one)
Clean = Callable[[str, Any, Gazetteer], Any]


@dataclass(frozen=True)
class Failure:
    """A document that could not be cleaned, with the error's message and line."""

    message: str
    line: int | None


Outcome = Any  # what ``clean`` returns, or a Failure

_worker: tuple[Clean, Gazetteer] | None = None


def _start_worker(clean: Clean, gazetteer_dir: Path) -> None:
    global _worker
    _worker = (clean, load_gazetteer(gazetteer_dir))


def _run(task: Task) -> Outcome:
    assert _worker is not None
    clean, gazetteer = _worker
    return attempt(clean, task, gazetteer)


class TooSlow(BaseException):
    """Raised into a clean that ran out of time: a BaseException, so that no library's
    ``except Exception`` swallows it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TooSlow` in the block after ``seconds`` of this process's CPU time (not
    wall time: a busy machine must not drop an article). A timer signal, so only in a
    process's main thread, as in every worker and in ``dossier build``; elsewhere no limit.
    A timer already running is put back afterwards."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TooSlow

    handler = signal.signal(signal.SIGPROF, stop)
    timer = signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, *timer)
        signal.signal(signal.SIGPROF, handler)


def attempt(
    clean: Clean, task: Task, gazetteer: Gazetteer, seconds: float = CLEAN_SECONDS
) -> Outcome:
    """Clean one document; an input error, or taking over ``seconds``, becomes a Failure
    instead of stopping the batch."""
    slug, raw = task
    try:
        with time_limit(seconds):
            return clean(slug, raw, gazetteer)
    except InputError as exc:
        return Failure(str(exc), exc.line)
    except TooSlow:
        message = f"took over {seconds:g} s of CPU to clean, skipped (a pathological page?)"
        return Failure(message, None)


def worker_count(tasks: int) -> int:
    """How many processes to use: one per core, one when the batch is small."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 1 if tasks < MIN_PARALLEL else max(1, min(cores or 1, 8))


class Outcomes:
    """The outcomes of a batch in input order, sized so a progress bar can show them."""

    def __init__(self, results: Iterator[Outcome], size: int) -> None:
        self._results = results
        self._size = size

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Outcome]:
        return self._results


def clean_all(
    clean: Clean, tasks: Sequence[Task], gazetteer: Gazetteer, gazetteer_dir: Path
) -> Outcomes:
    """Each task's outcome in order, the work spread over the cores."""
    return Outcomes(_outcomes(clean, tasks, gazetteer, gazetteer_dir), len(tasks))


def _outcomes(
    clean: Clean, tasks: Sequence[Task], gazetteer: Gazetteer, gazetteer_dir: Path
) -> Iterator[Outcome]:
    workers = worker_count(len(tasks))
    if workers == 1:
        yield from (attempt(clean, task, gazetteer) for task in tasks)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, _start_worker, (clean, gazetteer_dir)) as pool:
        yield from pool.imap(_run, tasks, CHUNK)
