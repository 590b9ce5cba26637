"""What a benchmark run returns: figures, tables, notes and error cases.

One plain record per dataset, rendered three ways (rich table, JSON, Markdown)
so the terminal, ``--json`` and EVALUATION.md always show the same numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass(slots=True)
class ErrorCase:
    """One wrong answer, with enough context to see why (``--show-errors``)."""

    item: str
    sentence: str
    gold: str
    system: str
    rule: str = ""


@dataclass(slots=True)
class Report:
    dataset: str
    split: str
    n: int
    figures: dict[str, Any] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[ErrorCase] = field(default_factory=list)
    skipped: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` object: the figures plus dataset, split and n."""
        if self.skipped:
            return {"dataset": self.dataset, "skipped": self.skipped}
        out: dict[str, Any] = {"dataset": self.dataset, "split": self.split, "n": self.n}
        out.update(self.figures)
        return out

    def used(self) -> str:
        """The line every run prints: which split and how many items were scored."""
        return f"{self.dataset}: split={self.split}, items={self.n}"


def fmt(value: Any) -> str:
    """Figures as text: rates to three decimals, counts as integers."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.3f}"
    if value is None:
        return "-"
    return str(value)


def ratio(num: float, den: float) -> float | None:
    """``num / den``, or None when nothing was counted (never a fake 0 or 1)."""
    return num / den if den else None


def summary_table(report: Report) -> Table:
    """The scalar figures of a report as a two-column table."""
    rows = [
        [key, fmt(value)]
        for key, value in report.figures.items()
        if not isinstance(value, dict | list)
    ]
    return Table(title=f"{report.dataset}: figures", columns=["figure", "value"], rows=rows)


def to_markdown(report: Report) -> str:
    """A report as Markdown: heading, used line, tables, notes."""
    lines = [f"### {report.dataset}", ""]
    if report.skipped:
        return "\n".join([*lines, f"Skipped: {report.skipped}", ""])
    lines += [f"Split `{report.split}`, {report.n} items, {report.seconds:.1f} s.", ""]
    for table in [summary_table(report), *report.tables]:
        lines.append(f"**{table.title}**")
        lines.append("")
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        for row in table.rows:
            cells = [fmt(c).replace("|", "\\|").replace("\n", " ") for c in row]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    for note in report.notes:
        lines.append(f"- {note}")
    if report.notes:
        lines.append("")
    return "\n".join(lines)


def dumps(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, sort_keys=False, default=str)
