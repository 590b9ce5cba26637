"""`dyads actors ...`: resolve, show, lint and import actor dictionaries."""

import typer

app = typer.Typer(help="Actor dictionaries: resolve names, show roles, lint, import.", no_args_is_help=True)
