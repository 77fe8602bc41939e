"""Cleaning on several cores gives exactly what cleaning in one process gives."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from conftest import copy_fixture

from generator import parallel
from generator.build import ingest


@pytest.mark.slow
def test_worker_pool_output_is_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = copy_fixture(tmp_path / "serial")
    pooled = copy_fixture(tmp_path / "pooled")
    (serial.raw_dir / "empty.txt").write_text("")
    (pooled.raw_dir / "empty.txt").write_text("")
    first = ingest(serial)
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    second = ingest(pooled)
    assert [a.slug for a in first.articles] == [a.slug for a in second.articles]
    assert [p.message for p in first.problems] == [p.message for p in second.problems]
    for path in serial.content_dir.glob("*.md"):
        assert path.read_bytes() == (pooled.content_dir / path.name).read_bytes()


def never_done(slug: str, raw: object, gazetteer: object) -> str:
    """A clean that would never end (a pathological page), in pure Python."""
    while True:
        pass


def echo(slug: str, raw: object, gazetteer: object) -> str:
    return f"{slug}: {raw}"


def test_a_clean_that_runs_too_long_is_a_failure_and_the_rest_go_on() -> None:
    gazetteer = object()
    started = time.perf_counter()
    outcome = parallel.attempt(never_done, ("stuck", "page"), gazetteer, seconds=0.3)  # type: ignore[arg-type]
    assert isinstance(outcome, parallel.Failure)
    assert "took over 0.3 s of CPU to clean" in outcome.message
    assert time.perf_counter() - started < 5
    assert parallel.attempt(echo, ("next", "page"), gazetteer, seconds=0.3) == "next: page"  # type: ignore[arg-type]
    assert signal.getsignal(signal.SIGPROF) is signal.SIG_DFL  # nothing left behind
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
