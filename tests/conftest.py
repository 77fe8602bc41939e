"""Shared fixtures: a built fixture site, a headless Chromium, and --update-golden."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import BuildReport, build
from generator.config import BuildConfig

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE = TESTS / "fixtures" / "corpus"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden cleaned-markdown files instead of comparing with them.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def content_config(content: Path) -> BuildConfig:
    """The config of a content folder laid out as this repository's: ``raw/``, ``articles/``
    and ``gazetteer/`` in it, the site beside it."""
    return BuildConfig(
        raw_dir=content / "raw",
        content_dir=content / "articles",
        gazetteer_dir=content / "gazetteer",
        out_dir=content.parent / "site",
    )


def copy_fixture(target: Path) -> BuildConfig:
    """A writable copy of the fixture corpus and the config that builds it."""
    shutil.copytree(FIXTURE, target / "content")
    shutil.copytree(ROOT / "content" / "gazetteer", target / "content" / "gazetteer")
    return content_config(target / "content")


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildConfig, BuildReport]:
    """The fixture corpus built once per session."""
    config = copy_fixture(tmp_path_factory.mktemp("fixture"))
    return config, build(config)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (no downloaded browser)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must install it (make browser)")
        pytest.skip("chromium is not installed (make browser installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
