"""Verb lemma keys that survive the small model's lemmatizer slips.

en_core_web_sm lemmatizes some verbs wrongly ("staged" -> "stag"); looking a
trigger up under its lemma and a few regular de-inflections of the surface form
keeps such verbs codable without listing misspellings in the pattern data.
"""

from __future__ import annotations

from spacy.tokens import Token


def verb_keys(tok: Token) -> tuple[str, ...]:
    lemma = tok.lemma_.lower()
    low = tok.lower_
    keys = [lemma]
    if tok.tag_ in ("VBD", "VBN") and low.endswith("ed"):
        keys += [low[:-1], low[:-2]]  # staged -> stage, stag; halted -> halte, halt
    elif tok.tag_ == "VBZ" and low.endswith("s"):
        keys += [low[:-1], low[:-2]]  # stages -> stage; pushes -> push
    elif tok.tag_ == "VBG" and low.endswith("ing"):
        keys += [low[:-3], low[:-3] + "e"]  # staging -> stag, stage
    return tuple(dict.fromkeys(keys))


def is_one_of(tok: Token, words: frozenset[str]) -> bool:
    return any(k in words for k in verb_keys(tok))
