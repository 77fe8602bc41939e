"""Front matter: round trip, checksum-based hand-edit detection, clear errors."""

from __future__ import annotations

import pytest
import yaml

from generator.errors import InputError
from generator.frontmatter import article_from_markdown, is_hand_edited, render_markdown
from generator.models import Article

ARTICLE = Article(
    slug="x",
    title="ISIL: “commanders” flee — 'again' #1",
    body="First paragraph.\n\nSecond: with *markdown*.",
    date="2017-07-23",
    date_precision="day",
    date_evidence="23 July 2017 23:52",
    source="Islamic Invitation Turkey",
    places=("Deir ez-Zor", "Hajin"),
    actors=("Islamic State",),
    raw_file="a/b.txt",
    raw_sha256="0" * 64,
    words=6,
)


def test_round_trip_keeps_every_field() -> None:
    text = render_markdown(ARTICLE)
    assert article_from_markdown(text, "x") == ARTICLE


def test_front_matter_is_yaml_with_string_dates() -> None:
    head = render_markdown(ARTICLE).split("---\n")[1]
    meta = yaml.safe_load(head)
    assert meta["date"] == "2017-07-23"
    assert meta["places"] == ["Deir ez-Zor", "Hajin"]
    assert len(meta["dossier_checksum"]) == 64


def test_written_file_is_not_hand_edited_but_any_change_is() -> None:
    text = render_markdown(ARTICLE)
    assert not is_hand_edited(text)
    assert is_hand_edited(text.replace("First paragraph", "First  paragraph"))
    assert is_hand_edited(text.replace("Hajin", "Hajeen"))


def test_file_without_checksum_counts_as_hand_written() -> None:
    article = article_from_markdown("---\ntitle: Mine\ndate: 2018-02-03\n---\nBody text.\n", "m")
    assert article.hand_edited
    assert article.date == "2018-02-03" and article.date_precision == "day"
    assert article.words == 2


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("no front matter", "no YAML front matter", 1),
        ("---\ntitle: [unclosed\n---\n", "not valid YAML", None),
        ("---\ntitle: !!python/object:os.system x\n---\n", "not valid YAML", 2),
        ("---\n- a\n- b\n---\n", "must be a mapping", 2),
        ("---\ntitle: [a, b]\n---\n", "'title' must be text", None),
        ("---\ntitle: ok\ndate: last tuesday\n---\n", "'date' must look like", None),
        ("---\ntitle: ok\ndate: 2017-02-30\n---\n", "not a real date", None),
        ("---\ntitle: ok\n", "not closed", 1),
        ("---\ndate: 2017-01-01\n---\nbody", "no 'title'", 2),
    ],
)
def test_bad_front_matter_raises_input_error(text: str, message: str, line: int | None) -> None:
    with pytest.raises(InputError, match=message) as caught:
        article_from_markdown(text, "bad")
    if line is not None:
        assert caught.value.line == line
