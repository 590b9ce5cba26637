"""The actor graph: who acts on whom, how often and how.

Nodes are countries (``by="country"``, the default: ``USA``, ``USAGOV`` and
``USAMIL`` are one node) or full actor codes (``by="code"``), with name, country,
sector, the codes merged and an event count; a directed edge source -> target
carries ``weight`` (events), ``mean_intensity``, one count per quad class
(``quad1`` .. ``quad4``) and one per PLOVER type present. Actors with no country
(``GOV``, ``REB``, ``CVL`` found without one) are never nodes: they would join
unrelated actors into hubs. Their events are counted in the graph attribute
``no_country_events``.
"""

from __future__ import annotations

import json
from typing import TextIO

import networkx as nx
import pycountry

from .connection import Db, connect
from .filters import NO_COUNTRY, EventFilter, check_level, group_sql

FORMATS: tuple[str, ...] = ("json", "graphml", "gexf")


def country_name(code: str) -> str:
    """A country's short English name (``RUS`` -> ``Russian Federation``'s common name)."""
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is None:
        return ""
    return getattr(country, "common_name", country.name)


def actor_network(
    db: Db,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    modality: str | None = "asserted",
    by: str = "country",
) -> nx.DiGraph:
    """A weighted directed graph of events between countries or actor codes."""
    check_level(by)
    where, params = EventFilter(type=type, modality=modality, since=since, until=until).where()
    source, target = group_sql("source", "country"), group_sql("target", "country")
    placed = f"{source} <> '{NO_COUNTRY}' AND {target} <> '{NO_COUNTRY}'"
    key = (group_sql("source", by), group_sql("target", by))
    sql = f"""
        SELECT {key[0]} AS s, {key[1]} AS t, type, quad_class, count(*) AS n,
               sum(intensity) AS intensity, string_agg(DISTINCT source_code, ',') AS sc,
               string_agg(DISTINCT target_code, ',') AS tc
        FROM events
        WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND {placed} AND {where}
        GROUP BY ALL ORDER BY s, t, type"""
    left_out = f"""
        SELECT count(*) FROM events
        WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND NOT ({placed})
          AND {where}"""
    with connect(db) as con:
        rows = con.execute(sql, params).fetchall()
        unplaced = con.execute(left_out, params).fetchone()[0]
        actors = {
            code: (name, country, sector)
            for code, name, country, sector in con.execute(
                "SELECT code, name, country, sector FROM actors"
            ).fetchall()
        }
    graph = nx.DiGraph(by=by, no_country_events=unplaced)
    totals: dict[tuple[str, str], float] = {}
    codes: dict[str, set[str]] = {}
    for source, target, kind, quad, n, intensity, source_codes, target_codes in rows:
        codes.setdefault(source, set()).update(source_codes.split(","))
        codes.setdefault(target, set()).update(target_codes.split(","))
        for node in {source, target}:  # a self-loop (domestic events) counts once
            if node not in graph:
                if by == "code":
                    name, country, sector = actors.get(node, (None, None, None))
                else:
                    name, country, sector = country_name(node), node, None
                graph.add_node(
                    node, name=name or "", country=country or "", sector=sector or "", events=0
                )
            graph.nodes[node]["events"] += n
        if not graph.has_edge(source, target):
            graph.add_edge(source, target, weight=0, quad1=0, quad2=0, quad3=0, quad4=0)
        edge = graph.edges[source, target]
        edge["weight"] += n
        edge[f"quad{quad}"] += n
        edge[kind] = edge.get(kind, 0) + n
        totals[source, target] = totals.get((source, target), 0.0) + (intensity or 0.0)
    for (source, target), total in totals.items():
        edge = graph.edges[source, target]
        edge["mean_intensity"] = round(total / edge["weight"], 3)
    for node, merged in codes.items():
        graph.nodes[node]["codes"] = ",".join(sorted(merged))
        names = [actors[c][0] for c in sorted(merged) if actors.get(c, (None,))[0]]
        if not graph.nodes[node]["name"] and names:  # EU: no ISO country, its actor's name
            graph.nodes[node]["name"] = names[0]
    return graph


def write_network(graph: nx.DiGraph, fmt: str, stream: TextIO) -> None:
    """Write ``graph`` as node-link JSON (networkx's form), GraphML or GEXF."""
    if fmt == "json":
        json.dump(nx.node_link_data(graph), stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return
    lines = nx.generate_graphml(graph) if fmt == "graphml" else nx.generate_gexf(graph)
    for line in lines:
        stream.write(line + "\n")
