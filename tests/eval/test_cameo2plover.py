from dyads.eval.cameo2plover import CameoToPlover

TABLE = """# a hand-written table
04: CONSULT
040: CONSULT, ,  # Consult
042: CONSULT, visit,   # Make a visit

08: CONCEDE
081: CONCEDE,   ,   legal # Ease
08: RETREAT
0841: RETREAT, release,   legal; military # Release
175: ASSAULT, pro_autocracy , military # listed under another root
~~~~~
"""


def test_parses_type_mode_and_contexts():
    table = CameoToPlover.from_text(TABLE)
    found = table.lookup("0841")
    assert (found.type, found.mode, found.contexts) == ("RETREAT", "release", ("legal", "military"))
    assert table.lookup("042").mode == "visit"
    assert table.lookup("040").mode is None


def test_absent_codes_inherit_from_nearest_parent():
    table = CameoToPlover.from_text(TABLE)
    assert table.lookup("0421").code == "042"
    assert table.type_of("045") == "CONSULT"  # from root 04
    assert table.type_of("0811") == "CONCEDE"


def test_first_listing_wins_for_duplicate_roots():
    table = CameoToPlover.from_text(TABLE)
    assert table.type_of("08") == "CONCEDE"
    assert table.type_of("089") == "CONCEDE"


def test_codes_without_any_listed_parent_are_dropped():
    table = CameoToPlover.from_text(TABLE)
    assert table.lookup("010") is None
    assert table.type_of("0231") is None
    assert table.type_of("") is None
    assert table.type_of("1751") == "ASSAULT"
