"""The CLI is a thin layer: every command has help, the README documents every option."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import FIXTURE

from generator.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_readme_documents_its_options(name: str) -> None:
    command = main.commands[name]
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert command.help and command.help.split("\n")[0] in result.output
    assert f"`dossier {name}`" in README
    for param in command.params:
        if isinstance(param, click.Option):
            for flag in param.opts:
                assert flag in result.output
                assert f"`{flag}" in README, f"README does not document {name} {flag}"


def test_build_prints_summary_and_strict_fails_on_warnings(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in (FIXTURE / "raw").iterdir():
        (raw / path.name).write_bytes(path.read_bytes())
    (raw / "empty.txt").write_text("   \n")
    args = ["--raw", str(raw), "--content", str(tmp_path / "md"), "--out", str(tmp_path / "site")]
    result = CliRunner().invoke(main, ["build", *args])
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.output and "1 warning in" in result.output
    assert "empty.txt: is empty" in result.output
    strict = CliRunner().invoke(main, ["build", *args, "--strict"])
    assert strict.exit_code == 1
    assert "--strict" in strict.output


def test_ingest_writes_only_markdown(tmp_path: Path) -> None:
    args = ["--raw", str(FIXTURE / "raw"), "--content", str(tmp_path / "md")]
    result = CliRunner().invoke(main, ["ingest", *args])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "md").glob("*.md"))) == 5
    assert not (tmp_path / "site").exists()


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True
    )
    assert "build" in result.stdout and "serve" in result.stdout
