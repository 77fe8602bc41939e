"""Errors and warnings that name the input they come from."""

from __future__ import annotations

from dataclasses import dataclass


class DossierError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback."""


class InputError(DossierError):
    """A raw or content file that cannot be read as an article."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Problem:
    """A warning or error tied to a file (and line where it helps)."""

    path: str
    message: str
    line: int | None = None
    level: str = "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{self.level}: {where}: {self.message}"
