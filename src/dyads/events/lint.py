"""Check that patterns do what their examples say (``dyads events lint``).

A pattern may carry ``examples`` (sentences it must code) and ``counter_examples``
(sentences it must not code: the idioms and other senses of its trigger words, such
as "calls X a slime ball" or "pushed back by"). Linting codes them all in one batch
with the real pipeline and reports every pattern whose examples disagree, so a change
to one pattern cannot silently break another's sense.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Options
from ..model import Document
from .patterns import Pattern

EXAMPLE_DATE = "2024-01-15"


def _fired(rules: set[str], pattern: Pattern) -> bool:
    """Did this pattern (or an event retyped or derived from it) code the sentence?"""
    return any(
        rule.split("+", 1)[0].removeprefix("pattern:").split("@", 1)[0] == pattern.id
        for rule in rules
    )


def check_examples(patterns: Sequence[Pattern], options: Options | None = None) -> list[str]:
    """'pattern id: problem' for every example not coded and counter-example coded."""
    from ..pipeline import code_documents

    items: list[tuple[Pattern, str, bool]] = [
        (p, text, True) for p in patterns for text in p.examples
    ] + [(p, text, False) for p in patterns for text in p.counter_examples]
    if not items:
        return []
    documents = [
        Document(doc_id=f"example-{i}", text=text, published=EXAMPLE_DATE)
        for i, (_, text, _) in enumerate(items)
    ]
    coded = code_documents(documents, (options or Options()).with_(min_confidence=0.0))
    problems: list[str] = []
    for (pattern, text, expected), result in zip(items, coded, strict=True):
        fired = _fired({e.rule for e in result.events}, pattern)
        if expected and not fired:
            problems.append(f"{pattern.id}: example not coded by it: {text!r}")
        elif not expected and fired:
            problems.append(f"{pattern.id}: counter-example coded by it: {text!r}")
    return problems
