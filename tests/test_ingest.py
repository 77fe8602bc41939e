"""Ingest: which files are articles, how they are decoded, what sidecar manifests add."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from generator.errors import InputError, Problem
from generator.ingest import decode, discover, read_manifests, read_raw


def test_discover_skips_folder_documents_and_manifests(tmp_path: Path) -> None:
    for name in ["a.txt", "b.html", "c.md", "README.md", "LICENSE.txt", "manifest.jsonl", "x.pdf"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.htm").write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a.txt", "b.html", "c.md", "sub/d.htm"]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Déir ez-Zor – “quoted”".encode(), "Déir ez-Zor – “quoted”"),
        ("\ufeffwith BOM".encode(), "with BOM"),
        ("UTF-16 text é".encode("utf-16"), "UTF-16 text é"),
        (
            "Café au lait – the “best” in Aleppo, naïve résumé façade".encode("cp1252"),
            "Café au lait – the “best” in Aleppo, naïve résumé façade",
        ),
    ],
)
def test_decode_reads_common_encodings(data: bytes, text: str) -> None:
    assert decode(data, "f") == text


def test_binary_and_empty_files_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "blank.txt").write_text(" \n\t\n")
    with pytest.raises(InputError, match="binary"):
        read_raw(tmp_path / "bin.txt", tmp_path)
    with pytest.raises(InputError, match="empty"):
        read_raw(tmp_path / "blank.txt", tmp_path)


def test_read_raw_normalises_newlines_and_hashes_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Title\r\n\r\nBody.\r\n")
    raw = read_raw(tmp_path / "a.txt", tmp_path)
    assert raw.text == "Title\n\nBody.\n" and raw.kind == "text"
    assert raw.sha256 == hashlib.sha256(b"Title\r\n\r\nBody.\r\n").hexdigest()


def test_manifests_attach_metadata_and_report_bad_rows(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "one.txt").write_text("x")
    (tmp_path / "two.txt").write_text("x")
    rows = [
        {"file": "one.txt", "url": "https://e.org/1", "publisher": "E", "incident_date": "2017"},
        {"file": "gone.txt", "publisher": "E"},
    ]
    (tmp_path / "site" / "manifest.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n{not json\n"
    )
    (tmp_path / "manifest.csv").write_text("file,source,crawl_date\ntwo.txt,F,2018-01-02\n")
    problems: list[Problem] = []
    sidecars = read_manifests(tmp_path, problems)
    assert sidecars["site/one.txt"].url == "https://e.org/1"
    assert sidecars["site/one.txt"].publisher == "E"
    assert sidecars["site/one.txt"].extra == (("incident_date", "2017"),)
    assert sidecars["two.txt"].publisher == "F" and sidecars["two.txt"].crawl_date == "2018-01-02"
    assert [(Path(p.path).name, p.line) for p in problems] == [
        ("manifest.jsonl", 2),
        ("manifest.jsonl", 3),
    ]
    assert "missing file: gone.txt" in problems[0].message


def test_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (raw / "link.txt").symlink_to(outside)
    with pytest.raises(InputError, match="outside"):
        read_raw(raw / "link.txt", raw)
