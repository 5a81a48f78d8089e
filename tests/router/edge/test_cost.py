from __future__ import annotations

import pytest
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

from router.api_schema import build_api_schema
from router.edge.cost import CostEstimator, uses_variable_page_sizes
from tests.router.edge.conftest import EdgeRouter
from tests.router.kit import FIXTURES, Recorder


def _cost(query: str, variables: dict[str, object] | None = None) -> int:
    schema = build_api_schema((FIXTURES / "shop.graphql").read_text())
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return CostEstimator(schema, default_list_size=10).cost(operation, fragments, variables or {})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ me { id name } }", 3),
        # a paged list multiplies its children by the page size
        ("{ topProducts(first: 50) { upc name } }", 1 + 50 * 2),
        # an unpaged list inside counts default_list_size per item
        ("{ topProducts(first: 2) { upc reviews { id } } }", 1 + 2 * (1 + 1 + 10 * 1)),
        ("{ users { id } }", 1 + 10),
        ("query ($n: Int) { topProducts(first: $n) { upc } }", 1 + 7),
        ("{ me { ...F } } fragment F on User { id name }", 3),
    ],
)
def test_static_cost(query: str, expected: int) -> None:
    assert _cost(query, {"n": 7}) == expected


def test_variable_page_sizes_are_detected() -> None:
    document = parse("query ($n: Int) { me { ...F } } fragment F on User { reviews(first: $n) }")
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    fragment = document.definitions[1]
    assert isinstance(fragment, FragmentDefinitionNode)
    assert uses_variable_page_sizes(operation, {"F": fragment})
    assert not uses_variable_page_sizes(operation, {})


async def test_costly_operations_are_refused_before_any_fetch(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router(max_cost=60) as client:
        ok = await client.post("/graphql", json={"query": "{ topProducts(first: 5) { upc } }"})
        recorder.clear()
        static = await client.post("/graphql", json={"query": "{ topProducts(first: 99) { upc } }"})
        variable = await client.post(
            "/graphql",
            json={
                "query": "query ($n: Int) { topProducts(first: $n) { upc } }",
                "variables": {"n": 100},
            },
        )
    assert ok.json()["data"]["topProducts"][0] == {"upc": "1"}
    error = static.json()["errors"][0]
    assert error["message"] == "Query cost 100 exceeds the maximum allowed cost of 60"
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "reason": "COST_LIMIT_EXCEEDED",
        "cost": 100,
        "maxCost": 60,
    }
    assert variable.json()["errors"][0]["extensions"]["cost"] == 101
    assert recorder.calls == []
