"""The query graph of a supergraph and the cheapest entity jumps through it."""

from __future__ import annotations

import pytest
from graphql import parse

from router.planner import QueryPlanner
from router.planner.query_graph import Node, QueryGraph
from router.supergraph import load_supergraph
from tests.router.kit import FIXTURES


def _graph(fixture: str) -> QueryGraph:
    return QueryGraph(load_supergraph((FIXTURES / fixture).read_text()))


def _route(graph: QueryGraph, start: Node, field: str) -> tuple[int, list[str]] | None:
    found = graph.jumps(start, field)
    if found is None:
        return None
    cost, edges = found
    return cost, [f"{e.target.type_name}@{e.target.graph}" for e in edges]


def test_nodes_are_types_per_subgraph_and_roots_enter_each_subgraph() -> None:
    graph = _graph("shop.graphql")
    assert {n.graph for n in graph.nodes if n.type_name == "Product"} == {
        "inventory",
        "products",
        "reviews",
    }
    roots = {e.target for e in graph.edges[None]}
    assert Node("Query", "products") in roots
    assert all(e.kind == "root" for e in graph.edges[None])


def test_field_edges_carry_requires_and_key_edges_their_key() -> None:
    graph = _graph("conformance.graphql")
    stats = graph.edges[Node("Post", "stats")]
    [key] = [e for e in stats if e.kind == "key"]
    assert key.target == Node("Post", "blog")
    assert [s.name.value for s in key.condition.selections] == ["id"]  # type: ignore[union-attr]
    [comments] = [e for e in graph.edges[Node("Post", "blog")] if e.field == "comments"]
    assert comments.target == Node("Comment", "blog")


@pytest.mark.parametrize(
    ("fixture", "start", "field", "route"),
    [
        # served where the object is: nothing to fetch
        ("shop.graphql", Node("Product", "products"), "name", (0, [])),
        ("shop.graphql", Node("Product", "products"), "inStock", (1, ["Product@inventory"])),
        # to an @interfaceObject the type implements
        ("catalog.graphql", Node("Book", "media"), "rating", (1, ["Media@ratings"])),
        # legacy's compound key needs fields only people has: through people first
        (
            "catalog.graphql",
            Node("Person", "media"),
            "reputation",
            (2, ["Person@people", "Person@legacy"]),
        ),
        # desk's key `team { label }`: hr has the team, crm its label; one jump plus one
        ("shapes.graphql", Node("Person", "hr"), "deskNo", (2, ["Person@desk"])),
        # a field with @requires is still reached; one only at @external positions is not
        ("conformance.graphql", Node("Post", "blog"), "summary", (1, ["Post@stats"])),
        ("conformance.graphql", Node("Post", "blog"), "legacyCode", None),
    ],
)
def test_the_cheapest_jumps(
    fixture: str, start: Node, field: str, route: tuple[int, list[str]] | None
) -> None:
    assert _route(_graph(fixture), start, field) == route


def test_the_planner_gathers_a_key_it_cannot_serve_through_the_query_graph() -> None:
    planner = QueryPlanner(load_supergraph((FIXTURES / "catalog.graphql").read_text()))
    operation = parse("{ featured { author { reputation } } }").definitions[0]
    plan = planner.plan(operation, {}, {})  # type: ignore[arg-type]
    assert [f.service for f in plan.fetches()] == ["media", "people", "legacy"]
    assert planner._query_graph is not None  # it was consulted
