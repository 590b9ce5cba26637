"""The web dashboard and JSON API."""

import typer

app = typer.Typer()
