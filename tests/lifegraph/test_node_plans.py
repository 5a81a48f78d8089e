"""How the router plans `node(id:)` over LifeGraph's supergraph: users answers the
reference, each owner the fields of its own types, all in one parallel stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import OperationDefinitionNode, parse

from router.planner import QueryPlanner
from router.supergraph import load_supergraph

SUPERGRAPH = Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql"


@pytest.fixture(scope="module")
def planner() -> QueryPlanner:
    return QueryPlanner(load_supergraph(SUPERGRAPH.read_text()))


def _plan(planner: QueryPlanner, query: str) -> dict[str, Any]:
    operation = parse(query).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    described: dict[str, Any] = planner.plan(operation, {}, {}).describe()
    return described


def test_node_is_a_users_reference_then_one_entity_call_per_owner(planner: QueryPlanner) -> None:
    plan = _plan(
        planner,
        """query($id: ID!) { node(id: $id) {
          __typename nodeId
          ... on Goal { title insights { totalFocusMinutes } }
          ... on Message { text }
        } }""",
    )
    first, stage = plan["node"]["sequence"]
    assert first["fetch"] == "users"
    assert first["operation"].startswith("query($id:ID!){node(id: $id){__typename ")
    fetched = {(f["flatten"], f["fetch"]): f["operation"] for f in stage["parallel"]}
    assert set(fetched) == {("node", "goals"), ("node", "analytics"), ("node", "chat")}
    assert "...on Goal{title}" in fetched[("node", "goals")]
    assert "...on Message{text}" in fetched[("node", "chat")]


def test_node_id_of_an_object_found_elsewhere_comes_from_users(planner: QueryPlanner) -> None:
    plan = _plan(planner, "{ myGoals { nodes { title ... on Node { nodeId } } } }")
    root, nodes = plan["node"]["sequence"]
    assert root["fetch"] == "goals"
    assert (nodes["flatten"], nodes["fetch"]) == ("myGoals.nodes.@", "users")
    assert "...on Goal{nodeId}" in nodes["operation"]


def test_node_with_only_the_reference_fields_is_one_fetch(planner: QueryPlanner) -> None:
    plan = _plan(planner, 'query { nodes(ids: ["x"]) { __typename id nodeId } }')
    assert plan["node"]["fetch"] == "users"
