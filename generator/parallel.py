"""Clean and enrich raw documents on every core, in input order.

Workers are started with "spawn" (never fork: the server's threads may hold locks) and
each loads the gazetteer once; small batches stay in this process, where a pool would
cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.gazetteer import Gazetteer, load_gazetteer

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


def attempt(clean: Clean, task: Task, gazetteer: Gazetteer) -> Outcome:
    """Clean one document; an input error becomes a Failure instead of stopping the batch."""
    slug, raw = task
    try:
        return clean(slug, raw, gazetteer)
    except InputError as exc:
        return Failure(str(exc), exc.line)


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
