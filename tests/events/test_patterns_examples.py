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


def test_a_retype_may_waive_the_target_and_must_say_so_plainly(tmp_path):
    from dyads.errors import DictionaryError
    from dyads.events.patterns import load_pattern_files, load_types

    def pattern_file(flag: str):
        path = tmp_path / "vows.yaml"
        path.write_text(
            "patterns:\n"
            "  - {id: user.vow, type: AGREE, verbs: [vow], target: [to],\n"
            f"     if_hostile_complement: {{type: THREATEN, target_optional: {flag}}}}}\n",
            encoding="utf-8",
        )
        return path

    (vow,) = load_pattern_files([pattern_file("true")], load_types())
    assert vow.if_hostile_complement.target_optional is True
    with pytest.raises(DictionaryError, match="target_optional must be true or false"):
        load_pattern_files([pattern_file("'yes'")], load_types())
