"""Write the site aside and swap it in whole, so a failed build never leaves half a site."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path


def staging_dir(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.building-{os.getpid()}"


def remove_stale(out_dir: Path) -> None:
    """Delete staging folders left by builds that were killed."""
    for stale in out_dir.parent.glob(f".{out_dir.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out_dir.parent.glob(f".{out_dir.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def publish(out_dir: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on an empty staging folder, then make it ``out_dir`` in one rename."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir)
    staging = staging_dir(out_dir)
    staging.mkdir()
    try:
        write(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out_dir.exists():
        old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
        os.rename(out_dir, old)
        os.rename(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, out_dir)
