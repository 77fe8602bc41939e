"""The cleaned-markdown store in content/articles: read, keep hand edits, write."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import InputError, Problem
from generator.frontmatter import article_from_markdown, is_hand_edited, render_markdown
from generator.ingest import MAX_CONTENT_BYTES, read_bounded
from generator.models import Article


@dataclass(frozen=True)
class Stored:
    """What the store holds for one slug: the file's text, if the file exists."""

    path: Path
    text: str | None

    @property
    def hand_edited(self) -> bool:
        return self.text is not None and is_hand_edited(self.text)


def article_path(content_dir: Path, slug: str) -> Path:
    return content_dir / f"{slug}.md"


def read_stored(content_dir: Path, slug: str) -> Stored:
    """The stored file for ``slug`` (text None when there is none)."""
    path = article_path(content_dir, slug)
    if not path.is_file():
        return Stored(path, None)
    return Stored(path, read_text(path, content_dir))


def read_text(path: Path, content_dir: Path) -> str:
    """A content file's text; refuses links that lead outside the content folder."""
    if path.is_symlink() and not path.resolve().is_relative_to(content_dir.resolve()):
        raise InputError("is a symlink that points outside the content folder")
    try:
        text = read_bounded(path, MAX_CONTENT_BYTES).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"is not valid UTF-8 (byte {exc.start})") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as universal newlines read it


def keep_hand_edit(stored: Stored, generated: Article | None, problems: list[Problem]) -> Article:
    """The person's version of an article, with a note when its raw file changed since."""
    assert stored.text is not None
    article = article_from_markdown(stored.text, generated.slug if generated else stored.path.stem)
    if generated is not None and article.raw_sha256 not in (None, generated.raw_sha256):
        problems.append(
            Problem(
                stored.path.as_posix(),
                f"hand-edited; its raw file {generated.raw_file} changed since, "
                "kept the edited version (delete it to regenerate)",
            )
        )
    return replace(article, hand_edited=True)


def write_article(stored: Stored, article: Article) -> bool:
    """Write the article unless the file already holds exactly that text."""
    text = render_markdown(article)
    if stored.text == text:
        return False
    write_atomic(stored.path, text)
    return True


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def orphan_files(content_dir: Path, known_slugs: set[str]) -> list[Path]:
    """Article files with no raw file behind them: hand-written or left over."""
    if not content_dir.is_dir():
        return []
    return sorted(
        p
        for p in content_dir.glob("*.md")
        if p.stem not in known_slugs and not p.name.startswith(".")
    )
