"""`dyads events ...`: event patterns (lint) and, with --db, querying stored events."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Event patterns: validate pattern files.", no_args_is_help=True)


@app.command("lint")
def events_lint(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Pattern files (default: built-in).")
    ] = None,
) -> None:
    """Validate event pattern files; print path:line: problem for each error."""
    from ..events.patterns import builtin_pattern_files, lint_patterns

    targets = files or builtin_pattern_files()
    problems = lint_patterns(list(targets))
    for problem in problems:
        typer.echo(problem)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{len(targets)} pattern file(s) OK.")


