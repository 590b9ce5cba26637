"""`dyads eval DATASET`: score dyads against public gold in ../shared/benchmarks."""

import typer

app = typer.Typer(help="Score dyads against public gold data.")
