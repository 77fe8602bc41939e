"""Shortcuts taken for speed give what the plain code gives, on the edge cases they skip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.clean_chrome import is_chrome
from generator.clean_inline import drop_captions
from generator.clean_norm import _INVISIBLE, _SPACES, normalise_space
from generator.clean_text import _is_repeated
from generator.extract_actors import default_mentions
from generator.extract_text import _DOTTED, make_doc
from generator.gazetteer import load_gazetteer, matchers

ROOT = Path(__file__).resolve().parent.parent

SPACED = [
    "plain words",
    "  two  spaces\tand a tab ",
    "a unit\x1fseparator",
    "vertical\x0btab and\x0cform feed",
    "carriage\rreturn",
    "no-break\u00a0space and\u2009thin space",
    "soft\u00adhyphen and zero\u200bwidth",
    "line\u2028separator\u2029paragraph\x85next",
    "",
]


def _normalise_space_reference(text: str) -> str:
    """The normalisation before the ASCII and printable shortcuts."""
    text = text.translate(_INVISIBLE)
    if re.search(r"[\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]", text):
        return _SPACES.sub(" ", text).strip()
    return " ".join(text.split())


@pytest.mark.parametrize("text", SPACED)
def test_normalise_space_matches_reference(text: str) -> None:
    assert normalise_space(text) == _normalise_space_reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "Home News",
        " ".join(["word"] * 15),
        " ".join(["word"] * 16),
        " ".join(["word"] * 15) + "  ",
        "  Home   News  ",
        "Home\u2028News",
    ],
)
def test_is_repeated_matches_full_split(text: str) -> None:
    repeated = frozenset({"Home News", " ".join(["word"] * 15)})
    assert _is_repeated(text, repeated) == (" ".join(text.split()) in repeated)


def test_drop_captions_without_brackets_only_trims() -> None:
    assert drop_captions("  Shelling hit Idlib on Monday.  ") == "Shelling hit Idlib on Monday."


def test_chrome_tokens_shared() -> None:
    assert is_chrome("Share Tweet Email Print")
    assert not is_chrome("Government forces shelled the town of Kafr Nabl on Monday, locals said.")


@pytest.mark.parametrize("text", ["The U.S. and U.K. said", "no dots here", "end. Then A.B"])
def test_make_doc_dotted_hint(text: str) -> None:
    expected = _DOTTED.sub(lambda m: "".join(g for g in m.groups() if g), text)
    assert make_doc(text).text == expected


def test_default_mentions_without_heads() -> None:
    m = matchers(load_gazetteer(ROOT / "content" / "gazetteer"))
    assert default_mentions(make_doc("Rain fell on Aleppo."), m, []) == []
