"""The `dyads` command line: thin commands over library functions."""

from __future__ import annotations

import typer

from . import actors as actors_cli
from . import eval as eval_cli

app = typer.Typer(help="dyads: political event data from news.", no_args_is_help=True)
app.add_typer(actors_cli.app, name="actors")
app.add_typer(eval_cli.app, name="eval")


def main() -> None:
    app()
