"""Every CLI command and every setting is documented in the README."""

import tomllib

import typer.main

from dyads.cli import app
from dyads.config import DEFAULTS_FILE

from ..conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=""):
    click_group = typer.main.get_command(group)
    for name, command in click_group.commands.items():
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            for sub in command.commands:
                yield f"{full} {sub}"
        else:
            yield full


def test_every_cli_command_is_in_the_readme():
    missing = [c for c in _commands(app) if f"dyads {c}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_setting_is_in_the_readme():
    settings = tomllib.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    missing = [key for key in settings if f"`{key}`" not in README]
    assert not missing, f"undocumented settings: {missing}"


def test_readme_starts_with_the_two_commands():
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_readme_example_record_is_schema_valid_and_current():
    import json

    import dyads
    from dyads.store import validate_event

    start = README.index("### One event record")
    block = README[
        README.index("```json", start) + 7 : README.index("```", README.index("```json", start) + 7)
    ]
    record = json.loads(block)
    validate_event(record)
    from dyads.config import Options
    from dyads.ingest import read_document

    doc = read_document(str(REPO / "examples" / "accusation.txt"), Options())
    events = dyads.code_documents([doc])[0].events
    assert record in [e.to_dict() for e in events]
