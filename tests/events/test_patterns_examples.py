"""Every built-in pattern codes its examples and none of its counter-examples."""

import pytest

from dyads.events.lint import check_examples
from dyads.events.patterns import load_patterns


@pytest.mark.slow
def test_builtin_pattern_examples_hold():
    patterns = load_patterns().patterns
    assert any(p.examples for p in patterns) and any(p.counter_examples for p in patterns)
    assert check_examples(patterns) == []


def test_a_broken_example_is_reported():
    from dataclasses import replace

    pattern = next(p for p in load_patterns().patterns if p.id == "assault.attack")
    broken = replace(pattern, examples=("The weather was fine on Monday.",),
                     counter_examples=())  # fmt: skip
    problems = check_examples([broken])
    assert problems == [
        "assault.attack: example not coded by it: 'The weather was fine on Monday.'"
    ]
