from pathlib import Path

import yaml

from dyads.eval.cameo2plover import CameoToPlover
from dyads.eval.petrarch_dicts import convert, simple_lemmatizer, split_code

ACTORS = """<!-- test actors -->
ARNOR_  [ARN]
+ARNORIAN
GONDOR [GONGOV]  # comment
GOLLUM
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
BOROMIR  [---]
THE_SHIRE  [FRO/BIL]
"""

AGENTS = """!PERSON! = MAN, MEN
POLICE {} [ ~COP]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
"""

VERBS = """&TIES
+MILITARY
+ECONOMIC

--- RESTORE  [064]  ---
RESTORE
+REESTABLISH
- * TIES  [0641]
- * DOWN  [0642]
- SAID * TO ATTEND  [082]
- * &TIES TIES  [902]
- $ * +  [111]

--- SAY  [---] ---
SAY
- * NOTHING  [abc]

--- MEET  [036:036] ---
MEET
LASH OUT [111]
"""

TABLE = "03: AGREE\n036: AGREE, , diplomatic\n06: COOPERATE\n"


def write(tmp: Path) -> Path:
    folder = tmp / "dicts"
    folder.mkdir()
    (folder / "PETR.Validate.actors.txt").write_text(ACTORS)
    (folder / "PETR.Validate.agents.txt").write_text(AGENTS)
    (folder / "PETR.Validate.verbs.txt").write_text(VERBS)
    return folder


def test_split_code():
    assert split_code("PSEREBHMS") == ("PSE", "REBHMS")
    assert split_code("ARN") == ("ARN", None)


def test_actors_agents_and_patterns_are_converted(tmp_path: Path):
    conv = convert(
        write(tmp_path),
        tmp_path / "out",
        CameoToPlover.from_text(TABLE),
        simple_lemmatizer,
        use_phoenix=False,
    )
    actors = {a["id"]: a for a in yaml.safe_load(conv.actors_file.read_text())["actors"]}
    assert actors["petr.arnor"]["names"] == ["ARNOR", "ARNORIAN"]
    assert actors["petr.arnor"]["adjectives"] == ["ARNORIAN"]
    assert (actors["petr.gondor"]["country"], actors["petr.gondor"]["sector"]) == ("GON", "GOV")
    roles = actors["petr.gollum"]["roles"]
    assert actors["petr.gollum"]["type"] == "person"
    assert roles[0] == {
        "title": None,
        "country": "HOB",
        "sector": None,
        "start": None,
        "end": "1995-06-01",
    }
    assert roles[2]["start"] == "1999-08-16" and roles[2]["sector"] == "REB"
    assert "petr.boromir" not in actors
    assert actors["petr.the_shire"]["country"] == "FRO"

    agents = {
        a["sector"]: a["nouns"] for a in yaml.safe_load(conv.agents_file.read_text())["agents"]
    }
    assert agents["COP"] == ["police"]
    assert agents["LEG"] == ["congressman", "congressmen"]
    assert agents["NGO"] == ["human rights body"]

    patterns = yaml.safe_load(conv.patterns_file.read_text())["patterns"]
    by = {(tuple(p["verbs"]), tuple(p["objects"]), tuple(p["particles"])): p for p in patterns}
    assert by[(("restore",), (), ())]["cameo"] == "064"
    assert by[(("restore",), (), ())]["type"] == "COOPERATE"
    assert by[(("reestablish",), (), ())]["cameo"] == "064"
    assert by[(("restore", "reestablish"), ("ties",), ())]["cameo"] == "0641"
    assert by[(("restore", "reestablish"), (), ("down",))]["cameo"] == "0642"
    assert by[(("meet",), (), ())]["cameo"] == "036"
    assert by[(("lash",), (), ("out",))]["cameo"] == "111"
    assert by[(("lash",), (), ("out",))]["type"] == "CONSULT"  # placeholder: 111 unmapped here
    assert conv.codes == {"064", "0641", "0642", "036", "111"}

    skipped = conv.unhonoured
    assert skipped["words before the verb (* not first)"] == 1
    assert skipped["synsets (&NAME) inside patterns"] == 1
    assert skipped["source/target/compound markers ($ + %) in patterns"] == 1
    assert skipped["paired codes [a:b]: only the first code used"] == 1
    assert skipped["non-numeric or null codes ([---], [174K], [def])"] >= 2
