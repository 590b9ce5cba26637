import io
import json

import networkx as nx

from dyads.analysis import actor_network, write_network


def test_graph_weights(hand_db):
    graph = actor_network(hand_db)
    edge = graph.edges["RUSGOV", "PRKGOV"]
    assert edge["weight"] == 4 and edge["quad2"] == 2 and edge["CONSULT"] == 1
    assert graph.nodes["RUSGOV"]["country"] == "RUS"
    assert not graph.has_edge("PRKGOV", "RUSGOV") or graph.edges["PRKGOV", "RUSGOV"]["weight"] == 2


def test_filters(hand_db):
    graph = actor_network(hand_db, since="2025-03-01", type="AID")
    assert list(graph.edges) == [("RUSGOV", "PRKGOV")]


def test_formats_read_back(hand_db):
    graph = actor_network(hand_db)
    for fmt, read in (
        ("json", lambda s: nx.node_link_graph(json.loads(s))),
        ("graphml", lambda s: nx.parse_graphml(s)),
        ("gexf", lambda s: nx.read_gexf(io.BytesIO(s.encode("utf-8")))),
    ):
        buffer = io.StringIO()
        write_network(graph, fmt, buffer)
        back = read(buffer.getvalue())
        assert back.number_of_edges() == graph.number_of_edges(), fmt
