"""Turn a raw document into a :class:`Cleaned` article, by kind of input."""

from __future__ import annotations

from generator.errors import InputError
from generator.models import Cleaned, RawDocument


def clean(raw: RawDocument) -> Cleaned:
    """Clean a plain-text or HTML page; markdown articles are read elsewhere."""
    if raw.kind == "text":
        from generator.clean_text import clean_text

        return clean_text(raw)
    if raw.kind == "html":
        from generator.clean_html import clean_html

        return clean_html(raw)
    if raw.kind == "markdown":
        raise InputError("markdown articles are not cleaned; they are read as they are")
    raise InputError(f"unknown kind of input: {raw.kind!r}")
