"""dyads.actors: who is acting, resolved to country and sector on a date.

``ActorDictionary`` merges the YAML dictionaries, ``ActorResolver`` resolves typed
names (``resolve_name``) and mentions in parsed documents (``find_mentions``),
``lint`` validates dictionary files and ``import_phoenix`` converts TABARI/PETRARCH ones.
"""

from .dictionary import ActorDictionary
from .entry import ActorEntry, Role
from .lint import LintIssue, lint
from .phoenix import import_phoenix
from .resolver import ActorResolver

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorResolver",
    "LintIssue",
    "Role",
    "import_phoenix",
    "lint",
]
