"""Query, analysis and exports over a store."""

import typer

app = typer.Typer()
