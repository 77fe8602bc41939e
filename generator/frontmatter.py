"""Read and write article markdown files: YAML front matter, body, and a checksum.

The build stamps every file it writes with ``dossier_checksum``, the sha256 of the
file's text without that line. A file whose text no longer matches its checksum was
changed by a person, and the build keeps it as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import fields, replace
from typing import Any

import yaml

from generator.errors import InputError
from generator.models import Article

FENCE = "---"
CHECKSUM_KEY = "dossier_checksum"
CHECKSUM_LINE = re.compile(rf"^{CHECKSUM_KEY}: ([0-9a-f]{{64}})\n", re.MULTILINE)
MAX_FRONT_MATTER = 256 * 1024
# Front-matter keys in the order they are written; the Article field of the same name.
KEYS = (
    "title",
    "date",
    "date_precision",
    "date_evidence",
    "source",
    "agency",
    "byline",
    "standfirst",
    "places",
    "actors",
    "url",
    "raw_file",
    "raw_sha256",
    "words",
)
TEXT_KEYS = frozenset(KEYS) - {"places", "actors", "words", "date"}
PRECISIONS = ("day", "month", "year")
DATE_SHAPES = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


# libyaml's C parser and emitter when present (same output, about five times faster).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _TextDateLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text, so the article reader checks them itself."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render_markdown(article: Article) -> str:
    """The file text for ``article``, stamped with its checksum."""
    meta = {key: _plain(getattr(article, key)) for key in KEYS}
    head = yaml.dump(meta, Dumper=_SafeDumper, sort_keys=False, allow_unicode=True, width=100)
    unstamped = f"{FENCE}\n{head}{FENCE}\n\n{article.body.strip()}\n"
    stamp = f"{CHECKSUM_KEY}: {_sha(unstamped)}\n"
    return unstamped.replace(f"\n{FENCE}\n\n", f"\n{stamp}{FENCE}\n\n", 1)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def is_hand_edited(text: str) -> bool:
    """True when the text was not written by the build or was changed since."""
    match = CHECKSUM_LINE.search(text)
    if match is None:
        return True
    unstamped = text[: match.start()] + text[match.end() :]
    return _sha(unstamped) != match.group(1)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number where the body starts)."""
    text = text.lstrip("\ufeff")
    if not text.startswith(FENCE + "\n"):
        raise InputError("has no YAML front matter (a first line of ---)", line=1)
    end = text.find(f"\n{FENCE}\n", len(FENCE))
    if end < 0 and text.endswith(f"\n{FENCE}"):
        end = len(text) - len(FENCE) - 1
    if end < 0:
        raise InputError("front matter is not closed by a line of ---", line=1)
    head = text[len(FENCE) + 1 : end + 1]
    if len(head) > MAX_FRONT_MATTER:
        raise InputError(f"front matter is larger than {MAX_FRONT_MATTER // 1024} KiB", line=2)
    try:
        meta = yaml.load(head, Loader=_TextDateLoader) or {}  # noqa: S506 - a SafeLoader
    except (ValueError, RecursionError) as exc:
        raise InputError(f"front matter has a value YAML cannot read: {exc}", line=2) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"front matter is not valid YAML: {problem}", line=line) from exc
    if not isinstance(meta, dict):
        raise InputError("front matter must be a mapping of keys to values", line=2)
    body_line = head.count("\n") + 3
    return meta, text[end + len(FENCE) + 2 :], body_line


class FieldError(InputError):
    """A front-matter value of the wrong kind; the reader adds the line of its key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _key_line(text: str, key: str) -> int | None:
    """The line of the front matter of ``text`` where ``key`` is set."""
    match = re.search(rf"^{re.escape(key)}\s*:", text.lstrip("\ufeff"), re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _text(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    raise FieldError(key, f"'{key}' must be text, not {type(value).__name__}")


def _names(meta: dict[str, Any], key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise FieldError(key, f"'{key}' must be a list of names")
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def _date(meta: dict[str, Any]) -> tuple[str | None, str | None]:
    value = meta.get("date")
    precision = _text(meta, "date_precision")
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), precision or "day"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise FieldError("date", f"'date' must be an ISO date, not {type(value).__name__}")
    for shape_precision, shape in DATE_SHAPES.items():
        if re.fullmatch(shape, value.strip()):
            _check_calendar(value.strip())
            return value.strip(), precision or shape_precision
    raise FieldError("date", f"'date' must look like YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}")


def _check_calendar(iso: str) -> None:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise FieldError("date", f"'date' {iso!r} is not a real date") from exc


def article_from_markdown(text: str, slug: str) -> Article:
    """Parse an article file; raises InputError naming the problem (and line)."""
    meta, body, _ = split_front_matter(text)
    try:
        return _article(meta, body, text, slug)
    except FieldError as exc:
        raise InputError(str(exc), line=_key_line(text, exc.key)) from exc


def _article(meta: dict[str, Any], body: str, text: str, slug: str) -> Article:
    title = _text(meta, "title")
    if title is None:
        raise InputError("front matter has no 'title'", line=2)
    date, precision = _date(meta)
    if precision is not None and precision not in PRECISIONS:
        raise FieldError(
            "date_precision", f"'date_precision' must be one of {', '.join(PRECISIONS)}"
        )
    words = meta.get("words")
    body = body.strip()
    values = {key: _text(meta, key) for key in TEXT_KEYS}
    return Article(
        slug=slug,
        title=title,
        body=body,
        date=date,
        date_precision=precision,
        **{k: v for k, v in values.items() if k not in ("title", "date_precision")},
        places=_names(meta, "places"),
        actors=_names(meta, "actors"),
        words=words if isinstance(words, int) and words >= 0 else count_words(body),
        hand_edited=is_hand_edited(text),
    )


def count_words(body: str) -> int:
    """Words in a markdown body, as a reader would count them."""
    return len(re.findall(r"\w+(?:['’]\w+)*", body))


def article_fields() -> tuple[str, ...]:
    """Names of the Article fields, for tests and docs."""
    return tuple(f.name for f in fields(Article))


def with_body(article: Article, body: str) -> Article:
    """A copy of ``article`` with a new body and its word count."""
    return replace(article, body=body, words=count_words(body))
