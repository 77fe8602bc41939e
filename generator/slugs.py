"""File-system-safe, stable, unique names for articles and facet values."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

MAX_SLUG = 80
# Names Windows refuses for a file whatever its extension.
RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(text: str, fallback: str = "item") -> str:
    """Lower-case ASCII words joined by hyphens, safe as a file name on any system."""
    slug = _words(text)
    if not slug:
        slug = f"{fallback}-{short_hash(text)}"
    if slug in RESERVED:
        slug = f"{slug}-{fallback}"
    return slug


def _words(text: str) -> str:
    """The ASCII letters and digits of ``text``, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:MAX_SLUG].strip("-")


def is_slug(text: str) -> bool:
    """True for a name that is safe as it is in a file name and a URL on any system:
    lower-case ASCII words and hyphens, bounded, not a name Windows reserves."""
    return len(text) <= MAX_SLUG + 9 and bool(SLUG.fullmatch(text)) and text not in RESERVED


def page_slug(stem: str) -> str:
    """The slug of a hand-written article from its file's stem: the stem when it is a slug
    already, else its words with a hash of the whole stem (a space, a capital, a backslash or
    a Windows name must not reach a URL or a file name; the hash keeps two stems apart)."""
    return stem if is_slug(stem) else f"{_words(stem) or 'article'}-{short_hash(stem)}"


def short_hash(text: str) -> str:
    """Eight hex digits that identify ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def unique_slugs(
    names: Iterable[str], fallback: str = "item", stem: Callable[[str], str] = str
) -> dict[str, str]:
    """Map each distinct name to the slug of ``stem(name)``; clashing names get a hash suffix.

    The suffix depends only on the name, so adding a file never renames another
    file's page unless the two clash.
    """
    distinct = sorted(set(names))
    base = {name: slugify(stem(name), fallback) for name in distinct}
    taken = Counter(base.values())
    return {
        name: slug if taken[slug] == 1 else f"{slug}-{short_hash(name)}"
        for name, slug in base.items()
    }


def file_stem(relpath: str) -> str:
    """The part of a raw file's path that names its article: the file name sans suffix."""
    name = relpath.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
