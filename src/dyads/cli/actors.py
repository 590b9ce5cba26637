"""`dyads actors ...`: resolve, show, lint and import actor dictionaries."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from ..config import load_options
from ..errors import DyadsError, Errors, InputError

app = typer.Typer(
    help="Actor dictionaries: resolve names, show roles, lint, import.", no_args_is_help=True
)

ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors", help="Extra actor dictionary (YAML); repeatable; overrides built-ins."
    ),
]
FORMATS = ("json", "table")


def _fail(exc: DyadsError) -> None:
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)


def _resolver(actors: list[Path] | None) -> Any:
    from ..actors.resolver import ActorResolver

    files = tuple(str(p) for p in actors or [])
    options = load_options(actor_files=files) if files else load_options()
    return ActorResolver.from_options(options)


@app.command()
def resolve(
    text: Annotated[str | None, typer.Argument(help="A name or short phrase.")] = None,
    date: Annotated[
        str | None, typer.Option(help="Coding date, YYYY-MM-DD (default today).")
    ] = None,
    input: Annotated[
        Path | None, typer.Option("--input", help="JSONL file of {text, date} lines.")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="json or table.")] = "json",
    actors: ActorsOpt = None,
) -> None:
    """Resolve a name on a date to country, sector and CAMEO-style code."""
    try:
        if format not in FORMATS:
            raise InputError(Errors.E402, value=format, choices=", ".join(FORMATS))
        resolver = _resolver(actors)
        if input is not None:
            raise typer.Exit(_resolve_file(resolver, input))
        if text is None:
            raise InputError(Errors.E002, path="<TEXT>")
        result = resolver.resolve_name(text, date).to_dict()
    except DyadsError as exc:
        _fail(exc)
        return
    if format == "table":
        for key, value in result.items():
            typer.echo(f"{key:8} {'' if value is None else value}")
    else:
        typer.echo(json.dumps(result, ensure_ascii=False))


def _resolve_file(resolver: Any, path: Path) -> int:
    """One JSON line out per line in; a bad line gets an error object and exit status 1."""
    if not path.is_file():
        raise InputError(Errors.E001, path=path)
    status = 0
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise InputError(Errors.E008, path=path, line=number)
                out = resolver.resolve_name(record["text"], record.get("date")).to_dict()
            except json.JSONDecodeError as exc:
                error = Errors.E006.format(path=path, line=number, detail=exc.msg)
                out = {"error": error, "line": number}
                status = 1
            except DyadsError as exc:
                out = {"error": str(exc), "line": number}
                status = 1
            typer.echo(json.dumps(out, ensure_ascii=False))
    return status


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="An alias, surname or id.")],
    date: Annotated[str | None, typer.Option(help="Show the role held on this date.")] = None,
    actors: ActorsOpt = None,
) -> None:
    """Print the dictionary entries for a name and their dated roles."""
    from ..actors.normalize import parse_date

    try:
        resolver = _resolver(actors)
        day = parse_date(date) if date else None
    except DyadsError as exc:
        _fail(exc)
        return
    entries = resolver.dictionary.find(name)
    if not entries:
        typer.echo(f"No dictionary entry for '{name}'.", err=True)
        raise typer.Exit(1)
    for entry in entries:
        typer.echo(f"{entry.id} ({entry.type}) {entry.display_name}  [{entry.path}]")
        typer.echo(f"  country: {entry.country}  sector: {entry.sector}")
        if entry.names[1:]:
            typer.echo(f"  also: {', '.join(entry.names[1:])}")
        for role in entry.roles:
            end = role.end or "present"
            typer.echo(
                f"  {role.start or '...'} to {end}: {role.title} {role.country} {role.sector}"
            )
        if entry.roles:
            typer.echo(f"  outside roles: {entry.outside_roles}")
        if day is not None:
            country, sector, title = entry.role_on(day)
            typer.echo(f"  on {day}: {country} {sector} {title or ''}".rstrip())


@app.command()
def lint(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Files to check (default: the built-ins).")
    ] = None,
) -> None:
    """Validate dictionaries: print path:line: message per problem."""
    from ..actors.dictionary import builtin_files
    from ..actors.lint import lint as lint_files

    paths = list(files) if files else builtin_files()
    issues = lint_files(paths)
    for issue in issues:
        typer.echo(str(issue))
    if issues:
        typer.echo(f"{len(issues)} problem(s) in {len(paths)} file(s).", err=True)
        raise typer.Exit(1)
    typer.echo(f"OK: {len(paths)} file(s), no problems.")


@app.command("import-phoenix")
def import_phoenix(
    directory: Annotated[Path, typer.Argument(help="Folder of TABARI/PETRARCH .txt dictionaries.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="YAML file to write.")
    ] = None,
) -> None:
    """Convert TABARI/PETRARCH actor and agent dictionaries to dyads YAML."""
    from ..actors.phoenix import HEADER
    from ..actors.phoenix import import_phoenix as convert

    try:
        result = convert(directory)
    except DyadsError as exc:
        _fail(exc)
        return
    text = HEADER.format(source=directory) + yaml.safe_dump(
        result.data, sort_keys=False, allow_unicode=True, width=100
    )
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    for problem in result.problems:
        typer.echo(f"skipped: {problem}", err=True)
    typer.echo(
        f"{len(result.data['actors'])} actors, {len(result.problems)} code(s) skipped.", err=True
    )
