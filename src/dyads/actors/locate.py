"""Place actors that have a sector but no country by where the text puts them.

"Security forces in Guinea", "protesters in Nairobi", "rebels in the Ivory Coast":
an agent noun with no country of its own takes the country of a place named in a
prepositional phrase on it ("in", "from", "of", "across").
"""

from __future__ import annotations

from spacy.tokens import Doc

from .. import model

PLACE_PREPS = ("in", "from", "of", "across", "throughout", "inside")


def place_unlocated(doc: Doc, mentions: list[model.ActorMention]) -> None:
    """Fill ``country`` (and ``code``) of country-less agent mentions, in place."""
    by_head = {m.head_token: m for m in mentions if m.actor.country}
    by_token: dict[int, model.ActorMention] = {}
    for m in mentions:
        if m.actor.country:
            for i in range(m.token_start, m.token_end):
                by_token.setdefault(i, m)
    for mention in mentions:
        actor = mention.actor
        if actor.country or not actor.sector or mention.head_token < 0:
            continue
        head = doc[mention.head_token]
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                place = by_head.get(pobj.i) or by_token.get(pobj.i)
                if place is None or place.actor.sector not in (None, "GOV", "CVL"):
                    continue
                actor.country = place.actor.country
                actor.code = model.Actor.make_code(actor.country, actor.sector)
                mention.matched = f"{mention.matched or 'agent'}+place"
                break
            if actor.country:
                break
