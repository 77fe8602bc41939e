"""The site is swapped in whole: no build, failed or killed at any moment, leaves half a site,
and two builds of the same input, in other folders and processes, are byte-identical."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import OLD, aside, exchange, publish, recover, staging_dir

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def site_with(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, "utf-8")
    return folder


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    first, second = site_with(tmp_path / "a", "A"), site_with(tmp_path / "b", "B")
    if not exchange(first, second):
        pytest.skip("no renameat2(RENAME_EXCHANGE) here")
    assert (first / "index.html").read_text() == "B"
    assert (second / "index.html").read_text() == "A"


def test_publish_replaces_the_site_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    out = site_with(tmp_path / "site", "old")
    publish(out, lambda target: (target / "index.html").write_text("new", "utf-8"))
    assert tree(out) == {"index.html": hashlib.sha256(b"new").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_write_leaves_the_old_site_as_it_was(tmp_path: Path) -> None:
    out = site_with(tmp_path / "site", "old")

    def half_then_fail(target: Path) -> None:
        (target / "index.html").write_text("half", "utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        publish(out, half_then_fail)
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_left_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    """Killed between the two renames of the fallback swap: no site, the old one aside and
    the new one staged. The next build puts the old one back and drops the staged one."""
    out = tmp_path / "site"
    pid = dead_pid()
    site_with(aside(out, OLD, pid), "old")
    site_with(aside(out, "building", pid), "new, not swapped in")
    recover(out)
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_running_build_keeps_its_staging_folder(tmp_path: Path) -> None:
    out = site_with(tmp_path / "site", "old")
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = site_with(aside(out, "building", running.pid), "theirs")
        stale = site_with(aside(out, "building", dead_pid()), "stale")
        publish(out, lambda target: (target / "index.html").write_text("new", "utf-8"))
        assert theirs.exists() and not stale.exists()
        assert not staging_dir(out).exists()
    finally:
        running.kill()
        running.wait()


# ---- builds in other processes ------------------------------------------------------------


def sample_inputs(target: Path, count: int) -> Path:
    """``count`` of the sample archive's raw page dumps and cleaned articles (markdown is taken
    as it is), with its gazetteer: enough for every stage to take a while."""
    raw = target / "raw"
    raw.mkdir(parents=True)
    for path in sorted((SAMPLE / "raw").glob("*.txt"))[:5]:
        shutil.copy2(path, raw / path.name)
    for path in sorted((SAMPLE / "articles").glob("*.md"))[:count]:
        shutil.copy2(path, raw / path.name)
    shutil.copytree(SAMPLE / "gazetteer", target / "gazetteer")
    return target


def run_build(content: Path, out: Path, seed: str = "0") -> subprocess.Popen[bytes]:
    """``dossier build`` of ``content`` into ``out`` in a process of its own."""
    arguments = ["--raw", content / "raw", "--content", content / "articles"]
    arguments += ["--gazetteer", content / "gazetteer", "--out", out]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", *map(str, arguments)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def built(content: Path, out: Path, seed: str = "0") -> dict[str, str]:
    process = run_build(content, out, seed)
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors.decode()
    return tree(out)


def edit(content: Path, state: int) -> None:
    """Put the inputs in one of two states: a page dump with a sentence more or not, and a
    note about one place or another (a deleted raw file would leave its cleaned article)."""
    raw = content / "raw"
    first = sorted(raw.glob("*.txt"))[0]
    text = first.read_text("utf-8").split("\n\nA later correction.")[0]
    first.write_text(text + ("\n\nA later correction." if state else ""), "utf-8")
    place = ("Aleppo", "Raqqa")[state]
    note = f"---\ntitle: A note from {place}\n---\n\nA short note from {place}.\n"
    (raw / "zz-note.md").write_text(note, "utf-8")


@pytest.mark.slow
def test_two_builds_in_other_folders_and_processes_are_byte_identical(tmp_path: Path) -> None:
    """Other folders, other hash seeds (set and dict orders of strings differ): the same
    site and the same cleaned markdown, byte for byte."""
    first = sample_inputs(tmp_path / "a", 100)
    second = sample_inputs(tmp_path / "b" / "deeper", 100)
    assert built(first, tmp_path / "site-a", seed="1") == built(second, tmp_path / "site-b", "2")
    assert tree(first / "articles") == tree(second / "articles")


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_a_whole_site(tmp_path: Path) -> None:
    """SIGKILL at random moments of rebuilds that flip the inputs between two states: the
    site is always exactly one of the two complete sites, never a mix or nothing, and the
    next build finishes exactly as a build from nothing does."""
    states = {}
    for state in (0, 1):
        fresh = sample_inputs(tmp_path / f"fresh-{state}", 80)
        edit(fresh, state)
        states[state] = built(fresh, tmp_path / f"fresh-{state}" / "site")
    assert states[0] != states[1]

    content = sample_inputs(tmp_path / "work", 80)
    out = tmp_path / "work" / "site"
    built(content, out)
    edit(content, 1)
    started = time.perf_counter()
    assert built(content, out) == states[1]
    took = time.perf_counter() - started  # a rebuild: the kills below land all through one
    edit(content, 0)
    assert built(content, out) == states[0]
    chooser = random.Random(20261207)
    state = 0
    for _ in range(8):
        state = 1 - state
        edit(content, state)
        moment = chooser.uniform(0.0, took * 1.2)
        process = run_build(content, out)
        try:
            process.communicate(timeout=moment)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.communicate()
        assert tree(out) in (states[0], states[1]), f"killed at {moment:.2f} s"
    assert built(content, out) == states[state]
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_a_site_folder_named_like_a_pattern_is_recovered_too(tmp_path: Path) -> None:
    out = tmp_path / "site[1]"
    site_with(aside(out, OLD, dead_pid()), "old")
    recover(out)
    assert (out / "index.html").read_text() == "old"
