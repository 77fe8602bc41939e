"""The article of every clean job, in order: from the build cache when a previous build cleaned
the same inputs, else cleaned on every core (and then remembered)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from generator.cache import BuildCache
from generator.gazetteer import Gazetteer
from generator.models import Generated
from generator.parallel import Failure, Outcomes, attempt, clean_all
from generator.sources import CleanJob

KIND = "article"
BATCH = 256  # values read from or written to the cache at a time: memory stays flat
Generate = Callable[[str, CleanJob, Gazetteer], Generated]


def generate_all(
    generate: Generate,
    jobs: Sequence[CleanJob],
    gazetteer: Gazetteer,
    gazetteer_dir: Path,
    cache: BuildCache,
) -> Outcomes:
    """Each job's :class:`Generated` article (or :class:`Failure`), in job order."""
    keys = [job.key for job in jobs]
    known = cache.keys(KIND, keys)
    missing = [(job.slug, job) for job, key in zip(jobs, keys, strict=True) if key not in known]
    fresh = iter(clean_all(generate, missing, gazetteer, gazetteer_dir))
    results = _merge(generate, jobs, keys, known, fresh, gazetteer, cache)
    return Outcomes(results, len(jobs))


def _merge(
    generate: Generate,
    jobs: Sequence[CleanJob],
    keys: Sequence[str],
    known: set[str],
    fresh: Iterator[Generated | Failure],
    gazetteer: Gazetteer,
    cache: BuildCache,
) -> Iterator[Generated | Failure]:
    """Cached and freshly cleaned outcomes in job order; the fresh ones are stored."""
    cleaned: list[tuple[str, Generated]] = []
    for start in range(0, len(jobs), BATCH):
        batch = [key for key in keys[start : start + BATCH] if key in known]
        found = cache.get_many(KIND, batch) if batch else {}
        for job, key in zip(jobs[start : start + BATCH], keys[start : start + BATCH], strict=True):
            value = found.get(key)
            if isinstance(value, Generated) and value.article.slug == job.slug:
                yield value
                continue
            # not cached, or its entry turned out unreadable: clean it now
            outcome = (
                next(fresh) if key not in known else attempt(generate, (job.slug, job), gazetteer)
            )
            if isinstance(outcome, Generated):
                cleaned.append((key, outcome))
            yield outcome
        if len(cleaned) >= BATCH:
            cache.put_many(KIND, cleaned)
            cleaned = []
    cache.put_many(KIND, cleaned)
    cache.forget_unused(KIND)
