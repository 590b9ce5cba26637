"""Ingest feeds, URLs, archives into a store (commands added by the ingest stage)."""

import typer

app = typer.Typer()
