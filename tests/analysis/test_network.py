import io
import json

import networkx as nx
import pytest

from dyads.analysis import actor_network, write_network
from dyads.errors import QueryError


def test_graph_weights_by_code(hand_db):
    graph = actor_network(hand_db, by="code")
    edge = graph.edges["RUSGOV", "PRKGOV"]
    assert edge["weight"] == 4 and edge["quad2"] == 2 and edge["CONSULT"] == 1
    assert graph.nodes["RUSGOV"]["country"] == "RUS"
    assert not graph.has_edge("PRKGOV", "RUSGOV") or graph.edges["PRKGOV", "RUSGOV"]["weight"] == 2


def test_filters(hand_db):
    graph = actor_network(hand_db, since="2025-03-01", type="AID")
    assert list(graph.edges) == [("RUS", "PRK")]


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


def test_countries_are_nodes_by_default(hand_db):
    graph = actor_network(hand_db)
    edge = graph.edges["RUS", "PRK"]  # RUSGOV, RUS and RUSMIL to PRKGOV, PRK and PRKMIL
    assert edge["weight"] == 6 and edge["quad2"] == 3 and edge["CONSULT"] == 1
    assert graph.nodes["RUS"]["codes"] == "RUS,RUSGOV,RUSMIL"
    assert graph.nodes["PRK"]["name"] and graph.graph["by"] == "country"


def test_countryless_actors_are_never_hubs(aggregate_db):
    for by in ("country", "code"):
        graph = actor_network(aggregate_db, by=by)
        assert not {"GOV", "REB", "CVL", "(no country)"} & set(graph.nodes), by
        assert graph.graph["no_country_events"] == 3  # RUSMIL->REB, GOV->REB, GOV->CVL
    graph = actor_network(aggregate_db)
    assert graph.edges["USA", "USA"]["weight"] == 6  # USAGOV -> USAMIL: a self-loop
    assert graph.nodes["USA"]["events"] == 6
    assert graph.edges["RUS", "SYR"]["weight"] == 3


def test_bad_level(hand_db):
    with pytest.raises(QueryError, match="E706"):
        actor_network(hand_db, by="planet")
