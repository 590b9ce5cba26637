"""Cue-word lists for modality, attribution and pattern constraints, loaded from data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..config import DATA_DIR
from ..errors import DictionaryError, Errors


@dataclass(frozen=True, slots=True)
class Lexicon:
    negation: frozenset[str]
    negating_heads: frozenset[str]
    future_aux: frozenset[str]
    future_heads: frozenset[str]
    performative_heads: frozenset[str]
    performative_verbs: frozenset[str]
    future_modifiers: frozenset[str]
    future_phrases: frozenset[tuple[str, str]]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    adverbial_marks: frozenset[str]
    hypothetical_heads: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    intent_nouns: frozenset[str]
    presupposing_preps: frozenset[str]
    hypothetical_nouns: frozenset[str]
    plan_heads: frozenset[str]
    capacity_nouns: frozenset[str]
    alleged_heads: frozenset[str]
    alleged_nouns: frozenset[str]
    alleged_adverbs: frozenset[str]
    denial_heads: frozenset[str]
    accusing_heads: frozenset[str]
    raising_heads: frozenset[str]
    negating_nouns: frozenset[str]
    stative_participles: frozenset[str]
    measure_nouns: frozenset[str]
    responsibility_nouns: frozenset[str]
    claim_verbs: frozenset[str]
    command_verbs: frozenset[str]
    responsibility_verbs: frozenset[str]
    responsibility_adjectives: frozenset[str]
    statement_nouns: frozenset[str]
    act_nouns: frozenset[str]
    agentive_nouns: frozenset[str]
    origin_nouns: frozenset[str]
    authoring_verbs: frozenset[str]
    preventing_heads: frozenset[str]
    reporting_verbs: frozenset[str]
    light_verbs: frozenset[str]
    scope_verbs: frozenset[str]
    reversing_verbs: frozenset[str]
    request_nouns: frozenset[str]
    requested_acts: frozenset[str]
    truce_nouns: frozenset[str]
    vote_nouns: frozenset[str]
    mobilizing_heads: frozenset[str]
    tally_nouns: frozenset[str]
    charging_verbs: frozenset[str]
    unnamed_critic_words: frozenset[str]
    undergo_verbs: frozenset[str]
    undergo_under_verbs: frozenset[str]
    exchange_verbs: frozenset[str]
    attend_verbs: frozenset[str]
    war_nouns: frozenset[str]
    ending_verbs: frozenset[str]
    outbreak_verbs: frozenset[str]
    seat_capitals: frozenset[str]
    arms: frozenset[str]
    military: frozenset[str]
    armed_nouns: frozenset[str]
    field_positions: frozenset[str]
    aiming_verbs: frozenset[str]
    hostile_nouns: frozenset[str]
    conflict_nouns: frozenset[str]
    natural_causes: frozenset[str]
    vehicles: frozenset[str]
    accidents: frozenset[str]
    things: frozenset[str]
    crowd_nouns: frozenset[str]
    arrival_nouns: frozenset[str]
    shots: frozenset[str]
    answer_nouns: frozenset[str]
    answer_verbs: frozenset[str]
    aspect_verbs: frozenset[str]
    harm_verbs: frozenset[str]
    time_preps: frozenset[str]
    era_preps: frozenset[str]
    response_verbs: frozenset[str]
    response_nouns: frozenset[str]
    hostile_verbs: frozenset[str]
    sports_words: frozenset[str]
    sports_weak_words: frozenset[str]
    sports_result_verbs: frozenset[str]


def _pairs(phrases: list[str]) -> frozenset[tuple[str, str]]:
    """'in progress' -> ('in', 'progress'): preposition and the head of its object."""
    out = set()
    for phrase in phrases:
        words = phrase.lower().split()
        if len(words) >= 2:
            out.add((words[0], words[-1]))
    return frozenset(out)


LEXICON_FILE = DATA_DIR / "events" / "lexicon.yaml"
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "lexicon.schema.json"


@lru_cache(maxsize=1)
def lexicon_data() -> dict:
    """The lexicon file, validated against ``schemas/lexicon.schema.json`` (E202 names the
    file and the first problem)."""
    import json

    import jsonschema

    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=str)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise DictionaryError(
            Errors.E202, path=str(LEXICON_FILE), line=0, detail=f"{where}: {errors[0].message}"
        )
    return data


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = lexicon_data()
    m, a, c = data["modality"], data["attribution"], data["constraints"]

    def s(d: dict, key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in d.get(key, []))

    return Lexicon(
        negation=s(m, "negation"),
        negating_heads=s(m, "negating_heads"),
        future_aux=s(m, "future_aux"),
        future_heads=s(m, "future_heads"),
        performative_heads=s(m, "performative_heads"),
        performative_verbs=s(m, "performative_verbs"),
        future_modifiers=s(m, "future_modifiers"),
        future_phrases=_pairs(m.get("future_phrases", [])),
        hypothetical_aux=s(m, "hypothetical_aux"),
        hypothetical_marks=s(m, "hypothetical_marks"),
        adverbial_marks=s(m, "adverbial_marks"),
        hypothetical_heads=s(m, "hypothetical_heads"),
        hypothetical_modifiers=s(m, "hypothetical_modifiers"),
        intent_nouns=s(m, "intent_nouns"),
        presupposing_preps=s(m, "presupposing_preps"),
        hypothetical_nouns=s(m, "hypothetical_nouns"),
        plan_heads=s(m, "plan_heads"),
        capacity_nouns=s(m, "capacity_nouns"),
        alleged_heads=s(m, "alleged_heads"),
        alleged_nouns=s(m, "alleged_nouns"),
        alleged_adverbs=s(m, "alleged_adverbs"),
        denial_heads=s(m, "denial_heads"),
        accusing_heads=s(m, "accusing_heads"),
        raising_heads=s(m, "raising_heads"),
        negating_nouns=s(m, "negating_nouns"),
        stative_participles=s(m, "stative_participles"),
        measure_nouns=s(m, "measure_nouns"),
        responsibility_nouns=s(m, "responsibility_nouns"),
        claim_verbs=s(m, "claim_verbs"),
        command_verbs=s(m, "command_verbs"),
        responsibility_verbs=s(m, "responsibility_verbs"),
        responsibility_adjectives=s(m, "responsibility_adjectives"),
        statement_nouns=s(m, "statement_nouns"),
        act_nouns=s(m, "act_nouns"),
        agentive_nouns=s(m, "agentive_nouns"),
        origin_nouns=s(m, "origin_nouns"),
        authoring_verbs=s(m, "authoring_verbs"),
        preventing_heads=s(m, "preventing_heads"),
        reporting_verbs=s(a, "reporting_verbs"),
        light_verbs=s(m, "light_verbs"),
        aspect_verbs=s(m, "aspect_verbs"),
        harm_verbs=s(m, "harm_verbs"),
        time_preps=s(m, "time_preps"),
        era_preps=s(m, "era_preps") | s(m, "time_preps"),
        scope_verbs=s(m, "scope_verbs"),
        reversing_verbs=s(m, "reversing_verbs"),
        request_nouns=s(m, "request_nouns"),
        requested_acts=s(m, "requested_acts"),
        truce_nouns=s(m, "truce_nouns"),
        vote_nouns=s(m, "vote_nouns"),
        mobilizing_heads=s(m, "mobilizing_heads"),
        tally_nouns=s(m, "tally_nouns"),
        charging_verbs=s(m, "charging_verbs"),
        unnamed_critic_words=s(m, "unnamed_critic_words"),
        undergo_verbs=s(m, "undergo_verbs"),
        undergo_under_verbs=s(m, "undergo_under_verbs"),
        exchange_verbs=s(m, "exchange_verbs"),
        attend_verbs=s(m, "attend_verbs"),
        war_nouns=s(c, "war_nouns"),
        ending_verbs=s(c, "ending_verbs"),
        outbreak_verbs=s(c, "outbreak_verbs"),
        seat_capitals=s(m, "seat_capitals"),
        arms=s(c, "arms"),
        military=s(c, "military"),
        armed_nouns=s(c, "armed_nouns"),
        field_positions=s(c, "field_positions"),
        aiming_verbs=s(c, "aiming_verbs"),
        hostile_nouns=s(c, "hostile_nouns"),
        conflict_nouns=s(c, "conflict_nouns"),
        natural_causes=s(c, "natural_causes"),
        vehicles=s(c, "vehicles"),
        accidents=s(c, "accidents"),
        things=s(c, "things"),
        crowd_nouns=s(c, "crowd_nouns"),
        arrival_nouns=s(c, "arrival_nouns"),
        shots=s(c, "shots"),
        answer_nouns=s(c, "answer_nouns"),
        answer_verbs=s(c, "answer_verbs"),
        response_verbs=s(c, "response_verbs"),
        response_nouns=s(c, "response_nouns"),
        hostile_verbs=s(c, "hostile_verbs"),
        sports_words=s(data.get("sports", {}), "words"),
        sports_weak_words=s(data.get("sports", {}), "weak_words"),
        sports_result_verbs=s(data.get("sports", {}), "result_verbs"),
    )
