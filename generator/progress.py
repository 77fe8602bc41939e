"""How stages report progress: a wrapper around the items a stage walks through."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

Progress = Callable[[str, Sequence[Any]], Iterable[Any]]


def no_progress(label: str, items: Sequence[Any]) -> Iterable[Any]:
    """The default: no display, the items as they are."""
    return items
