"""`dossier entities`: names the gazetteer lacks, most used first, with their articles."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from generator.cli import main
from generator.entities import candidate_names, unknown_names
from generator.gazetteer import load_gazetteer
from generator.models import Article

GAZETTEER = load_gazetteer(ROOT / "content" / "gazetteer")


def art(slug: str, body: str) -> Article:
    return Article(slug=slug, title=slug, body=body)


def test_candidates_skip_grammar_and_sentence_openers() -> None:
    names = candidate_names(
        "Yesterday the Tal Shihab crossing opened. Officials in Umm Batna agreed."
    )
    assert names == {"Tal Shihab", "Umm Batna"}


def test_known_names_and_their_forms_are_not_listed() -> None:
    bodies = [
        "Fighters reached Kafr Zita Gharbi near Hama, said the US-led coalition and Syrias army.",
        "The Kafr Zita Gharbi council met Syrian officials in Damascus and Turkish envoys.",
        "Nothing new in Kafr Zita Gharbi or in Aleppo today, said Brigadier Naser Qadri.",
        "Brigadier Naser Qadri denied it.",
    ]
    found = unknown_names([art(f"a{i}", b) for i, b in enumerate(bodies)], GAZETTEER)
    assert [(u.name, u.articles) for u in found] == [
        ("Kafr Zita Gharbi", ("a0", "a1", "a2")),
        ("Brigadier Naser Qadri", ("a2", "a3")),
    ]


def test_cli_lists_names_as_text_and_json(tmp_path: Path) -> None:
    content = tmp_path / "articles"
    content.mkdir()
    for i in range(3):
        (content / f"x{i}.md").write_text(
            f"---\ntitle: T{i}\n---\nTroops entered Qasr Zuwaydi on day {i}.\n"
        )
    args = ["entities", "--content", str(content), "--gazetteer", str(ROOT / "content/gazetteer")]
    text = CliRunner().invoke(main, args)
    assert text.exit_code == 0, text.output
    assert "3  Qasr Zuwaydi  (x0, x1, x2)" in text.output
    lines = CliRunner().invoke(main, [*args, "--json"]).output.splitlines()
    assert json.loads(lines[0]) == {
        "name": "Qasr Zuwaydi",
        "count": 3,
        "articles": ["x0", "x1", "x2"],
    }
