"""Cleaning on several cores gives exactly what cleaning in one process gives."""

from __future__ import annotations

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
