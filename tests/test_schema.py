"""The event JSON Schema: both copies agree, and it accepts and refuses what it should."""

from __future__ import annotations

import copy

import pytest
from jsonschema import ValidationError

from dyads.model import MODALITIES, PLOVER_TYPES, Actor, Event, Span
from dyads.store.schema import REPO_SCHEMA_PATH, SCHEMA_PATH, event_schema, validate_event


def _event() -> dict:
    return Event(
        event_id="e1",
        doc_id="d1",
        sentence_id=0,
        sentence="Kenya sent troops to Somalia.",
        trigger=Span("sent troops", 6, 17),
        type="MOBILIZE",
        mode="troops",
        cameo="150",
        quad_class=4,
        intensity=-6.0,
        goldstein=-7.2,
        modality="asserted",
        attributed_to=None,
        source=Actor("Kenya", 0, 5, "KEN", None, "Kenya", "KEN"),
        target=Actor("Somalia", 21, 28, "SOM", "GOV", "Somalia", "SOMGOV"),
        date="2024-02-01",
        date_precision="day",
        mention_id="m1",
        confidence=0.8,
        rule="mobilize.send_troops",
    ).to_dict()


def test_both_copies_identical():
    if not REPO_SCHEMA_PATH.is_file():
        pytest.skip(f"not running from a repository checkout: {REPO_SCHEMA_PATH} absent")
    assert SCHEMA_PATH.read_bytes() == REPO_SCHEMA_PATH.read_bytes()


def test_enums_follow_the_model():
    props = event_schema()["properties"]
    assert tuple(props["type"]["enum"]) == PLOVER_TYPES
    assert tuple(props["modality"]["enum"]) == MODALITIES


def test_required_keys_are_the_event_fields():
    assert set(event_schema()["required"]) == set(_event())


def test_valid_event_passes():
    validate_event(_event())


def test_nullable_fields_and_igo_country_pass():
    record = _event()
    record.update(mode=None, cameo=None, goldstein=None, date=None, date_precision=None)
    record["target"] = {
        "text": "NATO", "start": 0, "end": 4,
        "country": "NATO", "sector": "IGO", "name": "NATO", "code": "NATOIGO",
    }  # fmt: skip
    record["source"] = None
    validate_event(record)


@pytest.mark.parametrize("key", ["event_id", "trigger", "source", "mentions", "date"])
def test_missing_key_fails(key):
    record = _event()
    del record[key]
    with pytest.raises(ValidationError, match=key):
        validate_event(record)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("type",), "INVADE"),
        (("modality",), "maybe"),
        (("date_precision",), "week"),
        (("quad_class",), 5),
        (("intensity",), 11),
        (("confidence",), 1.5),
        (("mentions",), 0),
        (("cameo",), "abc"),
        (("date",), "1 Feb 2024"),
        (("trigger", "start"), "6"),
        (("trigger", "end"), 17.5),
        (("source", "start"), None),
        (("source", "country"), "ken"),
        (("target", "sector"), "gov"),
    ],
)
def test_bad_value_fails(path, value):
    record = _event()
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError):
        validate_event(record)


@pytest.mark.parametrize("where", [(), ("trigger",), ("source",)])
def test_extra_key_fails(where):
    record = copy.deepcopy(_event())
    target = record
    for key in where:
        target = target[key]
    target["extra"] = 1
    with pytest.raises(ValidationError, match="extra"):
        validate_event(record)
