"""ActorResolver: names and noun phrases to country + sector on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import model
from ..config import Options
from .dictionary import ActorDictionary
from .normalize import cased_pieces, parse_date, upper_flags
from .phrase import Reading, Words, interpret, segment

if TYPE_CHECKING:
    from spacy.tokens import Doc

UNKNOWN_NAME = "unknown name"
NOT_IN_DICTIONARY = "not in dictionary"


class ActorResolver:
    """Resolves typed names (``resolve_name``) and mentions in parsed text (``find_mentions``)."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self.words = Words(dictionary)
        self._cache: dict[tuple[str, dt.date], model.Resolution] = {}

    @classmethod
    def from_options(cls, options: Options | None = None) -> ActorResolver:
        """One resolver per distinct dictionary set, per process."""
        options = options or Options()
        files = tuple(options.actor_files)
        return _cached_resolver(files, options.builtin_actors)

    def read(
        self,
        keys: list[str],
        day: dt.date,
        caps: list[bool] | None = None,
        upper: list[bool] | None = None,
    ) -> Reading | None:
        """Segment and interpret a phrase given as unit keys."""
        return interpret(segment(self.dictionary, keys, caps, upper), day, self.words)

    def outlet_home(self, outlet: str | None) -> str | None:
        """The state of a news outlet the dictionary lists ("Guardian", "The Guardian")."""
        if not outlet:
            return None
        for name in (outlet, f"The {outlet}"):
            for entry in self.dictionary.find(name):
                if entry.type == "media" and entry.country:
                    return entry.country
        return None

    def resolve_name(self, text: str, date: str | dt.date | None = None) -> model.Resolution:
        """Resolve a name or short phrase alone, e.g. "Russian President Vladimir Putin"."""
        day = parse_date(date)
        cache_key = (text, day)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        keys, caps = cased_pieces(text)
        reading = self.read(keys, day, caps, upper_flags(text))
        iso = day.isoformat()
        if reading is None or (reading.country is None and reading.sector is None):
            result = model.Resolution(text, iso, None, None, None, None, None, UNKNOWN_NAME)
        else:
            result = model.Resolution(
                text=text,
                date=iso,
                country=reading.country,
                sector=reading.sector,
                name=reading.name,
                code=model.Actor.make_code(
                    reading.country,
                    reading.sector,
                    reading.entry.group_code if reading.entry is not None else None,
                ),
                matched=reading.matched,
                reason=reading.reason,
            )
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[cache_key] = result
        return result

    def find_mentions(
        self,
        doc: Doc,
        sentences: list[model.Sentence],
        doc_id: str,
        date: str | dt.date | None = None,
        unread: Sequence[tuple[int, int]] = (),
        outlet: str | None = None,
    ) -> list[model.ActorMention]:
        """Every actor mention in a parsed document, with coreference inside the document.
        ``unread``: character spans whose sentences entity recognition did not read
        (``entities_where_codable``); they give no mentions and no antecedents.
        ``outlet``: the publication's name or site ("Guardian"), whose home state an
        unplaced office of a story about no one state belongs to ("the defence secretary")."""
        from .locate import (
            MAIN_COUNTRY_KEY,
            PROFILE_KEY,
            affiliate_by_phrase,
            country_profile,
            main_country,
            place_active_groups,
            place_by_context,
            place_by_document,
            place_by_domestic_subject,
            place_by_previous_subject,
            place_unlocated,
            read_namesakes,
            stand_for_seats,
        )
        from .mentions import MentionFinder

        day = parse_date(date)
        mentions = MentionFinder(self, doc, sentences, doc_id, day, unread).run()
        profile = doc.user_data.get(PROFILE_KEY)
        if profile is None:  # parsed whole: the Doc holds every word of the document
            profile = country_profile([t.text for t in doc], self.dictionary)
        read_namesakes(doc, mentions, profile, self.dictionary)  # "Georgia" in a US story
        affiliate_by_phrase(doc, mentions, self.words)  # "leaders of Hamas"
        place_unlocated(doc, mentions, self.words)
        place_by_previous_subject(doc, mentions, self.words)
        place_by_context(doc, mentions, self.words)
        place_by_domestic_subject(doc, mentions, self.words)
        _follow_antecedents(mentions)  # "they" reads back to authorities placed just now
        main = main_country(profile)
        doc.user_data[MAIN_COUNTRY_KEY] = main  # the state the story is about, for the coder
        place_by_document(doc, mentions, main, self.words)
        if main is None and (home := self.outlet_home(outlet)) is not None:
            place_by_document(doc, mentions, home, self.words, self.words.home_sectors)
        place_active_groups(mentions, profile, self.words, doc)
        _follow_antecedents(mentions)  # "they" reads back to a group placed just now
        stand_for_seats(mentions, profile, self.dictionary)
        return mentions


@lru_cache(maxsize=8)
def _cached_resolver(files: tuple[str, ...], builtin: bool) -> ActorResolver:
    options = Options(actor_files=files, builtin_actors=builtin)
    return ActorResolver(ActorDictionary.builtin(options))


def _follow_antecedents(mentions: list[model.ActorMention]) -> None:
    """A coreferring mention copied its antecedent's actor before places and context
    gave that antecedent a country ("Authorities in Syria's Kurdish region said they
    would not attend"): take the country it has now."""
    by_start = {m.actor.start: m for m in mentions if m.antecedent_start is None}
    for mention in mentions:
        if mention.antecedent_start is None or mention.actor.country:
            continue
        source = by_start.get(mention.antecedent_start)
        if source is None or not source.actor.country:
            continue
        if source.actor.sector != mention.actor.sector:
            continue
        mention.actor.relocate(source.actor.country)
        mention.matched = f"{mention.matched or 'coref'}+antecedent"
