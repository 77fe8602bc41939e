"""``bench/serve_load.py`` on the fixture site: a few hundred requests of every kind through a
real ``dossier serve`` process, all answered 200 (timings are the bench's to print, never
asserted here)."""

from __future__ import annotations

import pytest
from benchload import load_bench

from generator.build import BuildReport
from generator.config import BuildConfig

serve_load = load_bench("serve_load")


def test_request_mix_is_reproducible_and_has_every_kind(
    fixture_build: tuple[BuildConfig, BuildReport],
) -> None:
    paths = serve_load.site_paths(fixture_build[0].out_dir)
    mix = serve_load.request_mix(paths, 400, seed=7)
    assert mix == serve_load.request_mix(paths, 400, seed=7)
    assert {kind for kind, _ in mix} == set(serve_load.WEIGHTS)


@pytest.mark.slow
def test_a_few_hundred_requests_get_no_errors(
    fixture_build: tuple[BuildConfig, BuildReport],
) -> None:
    config = fixture_build[0]
    table = serve_load.load(config.out_dir, config.content_dir, requests=300, concurrency=4)
    assert table["all"]["requests"] == 300
    assert {kind: row["errors"] for kind, row in table.items()} == dict.fromkeys(table, 0)
