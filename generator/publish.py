"""Write the site aside and swap it in whole, so no build, failed or killed, leaves half a site.

The new site is written into a staging folder beside the old one. On Linux the two folders are
then exchanged in one atomic ``renameat2(RENAME_EXCHANGE)``: at every instant the site's path
holds a complete site, the old one or the new one. Elsewhere (or on a file system without the
exchange) the old site is renamed aside and the new one into place; a build killed between
those two renames leaves the old site under its aside name, and the next build puts it back
before anything else. Folders of builds that were killed are removed by the next build; those
of a build still running (another process) are left alone.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import glob
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100  # linux/fcntl.h
BUILDING = "building"
OLD = "old"


def aside(out_dir: Path, kind: str, pid: int | None = None) -> Path:
    """A folder beside ``out_dir`` of one build: its staging (``building``) or the site it
    replaced (``old``)."""
    return out_dir.parent / f".{out_dir.name}.{kind}-{os.getpid() if pid is None else pid}"


def staging_dir(out_dir: Path) -> Path:
    return aside(out_dir, BUILDING)


def _asides(out_dir: Path, kind: str) -> list[tuple[int, Path]]:
    """The folders of one kind beside ``out_dir``, with the process id that made each."""
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.{kind}-(\d+)")
    found = []
    for path in out_dir.parent.glob(f".{glob.escape(out_dir.name)}.{kind}-*"):
        if match := pattern.fullmatch(path.name):
            found.append((int(match.group(1)), path))
    return sorted(found)


def is_running(pid: int) -> bool:
    """Whether a process with this id exists (a build in another process, still running)."""
    if pid == os.getpid():
        return False  # a folder of ours left from before is stale by the time we look
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(out_dir: Path) -> None:
    """Put back a site a killed build had renamed aside, then remove what killed builds
    left. A running build's folders are left alone."""
    olds = [(pid, path) for pid, path in _asides(out_dir, OLD) if not is_running(pid)]
    if not out_dir.exists() and olds:
        newest = max(olds, key=lambda item: item[1].stat().st_mtime_ns)
        os.rename(newest[1], out_dir)
        olds.remove(newest)
    for pid, path in (*olds, *_asides(out_dir, BUILDING)):
        if path.exists() and not is_running(pid):
            shutil.rmtree(path, ignore_errors=True)


def publish(out_dir: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on an empty staging folder, then make it ``out_dir`` in one swap."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    staging = staging_dir(out_dir)
    staging.mkdir()
    try:
        write(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not out_dir.exists():
        os.rename(staging, out_dir)
    elif exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # the old site, under the staging name
    else:
        old = aside(out_dir, OLD)
        os.rename(out_dir, old)
        os.rename(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False  # an old kernel, or a file system without the exchange
    raise OSError(code, os.strerror(code), os.fspath(first), None, os.fspath(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's ``renameat2`` (2.28 and later), or None off Linux."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
