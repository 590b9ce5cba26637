"""The actor graph: who acts on whom, how often and how.

Nodes are actor codes (with name, country, sector and event count); a directed
edge source -> target carries ``weight`` (events), ``mean_intensity``, one count
per quad class (``quad1`` .. ``quad4``) and one per PLOVER type present.
"""

from __future__ import annotations

import json
from typing import TextIO

import networkx as nx

from .connection import Db, connect
from .filters import EventFilter

FORMATS: tuple[str, ...] = ("json", "graphml", "gexf")


def actor_network(
    db: Db,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    modality: str | None = "asserted",
) -> nx.DiGraph:
    """A weighted directed graph of events between actor codes."""
    where, params = EventFilter(type=type, modality=modality, since=since, until=until).where()
    sql = f"""
        SELECT source_code, target_code, type, quad_class, count(*) AS n,
               sum(intensity) AS intensity
        FROM events
        WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND {where}
        GROUP BY ALL ORDER BY source_code, target_code, type"""
    with connect(db) as con:
        rows = con.execute(sql, params).fetchall()
        actors = {
            code: (name, country, sector)
            for code, name, country, sector in con.execute(
                "SELECT code, name, country, sector FROM actors"
            ).fetchall()
        }
    graph = nx.DiGraph()
    totals: dict[tuple[str, str], float] = {}
    for source, target, kind, quad, n, intensity in rows:
        for code in (source, target):
            if code not in graph:
                name, country, sector = actors.get(code, (None, None, None))
                graph.add_node(
                    code, name=name or "", country=country or "", sector=sector or "", events=0
                )
            graph.nodes[code]["events"] += n
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
