from dyads.web.highlight import Mark, runs


def test_runs_cover_the_text_and_carry_labels():
    text = "Russia accused Ukraine."
    marks = [Mark(0, 6, "source"), Mark(7, 14, "trigger", "e1"), Mark(15, 22, "target")]
    out = runs(text, marks)
    assert "".join(r.text for r in out) == text
    labelled = {r.text: r.labels for r in out if r.labels}
    assert labelled == {"Russia": ["source"], "accused": ["trigger"], "Ukraine": ["target"]}
    assert next(r for r in out if r.text == "accused").refs == ["e1"]


def test_overlapping_marks_split_into_runs_with_both_labels():
    out = runs("the Russian army", [Mark(4, 16, "source"), Mark(12, 16, "trigger")])
    assert [(r.text, r.labels) for r in out] == [
        ("the ", []),
        ("Russian ", ["source"]),
        ("army", ["trigger", "source"]),
    ]


def test_marks_outside_the_text_are_ignored():
    out = runs("short", [Mark(-3, 2, "source"), Mark(3, 99, "target"), Mark(2, 2, "trigger")])
    assert [(r.text, r.labels) for r in out] == [("short", [])]


def test_empty_text():
    assert runs("", [Mark(0, 1, "trigger")]) == []
