"""The static cost estimate: page sizes, list multipliers, fragments costed once."""

from __future__ import annotations

import pytest
from graphql import (
    FragmentDefinitionNode,
    OperationDefinitionNode,
    build_schema,
    parse,
)

from common.graphql.cost import CostEstimator, uses_variable_page_sizes
from common.graphql.measures import SATURATED, fragment_definitions
from common.testing.hostile import fragment_explosion

SCHEMA = build_schema(
    """
    type Query {
      me: User
      users: [User]
      topProducts(first: Int): [Product]
      feed(first: Int): ProductConnection
    }
    type User { id: ID name: String friends: [User] }
    type Product { upc: String name: String reviews(first: Int): [Review] }
    type Review { id: ID }
    type ProductConnection { edges: [ProductEdge] nodes: [Product] }
    type ProductEdge { node: Product }
    """
)


def _cost(query: str, variables: dict[str, object] | None = None) -> int:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    estimator = CostEstimator(SCHEMA, default_list_size=10)
    return estimator.cost(operation, fragment_definitions(document), variables or {})


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
        # a paged connection: its edges/nodes are the page, not multiplied again
        ("{ feed(first: 5) { edges { node { upc } } } }", 1 + 5 * (1 + (1 + 1))),
        # the same fragment inside and outside a paged connection
        (
            "{ feed(first: 5) { nodes { ...P } } topProducts { ...P } }"
            " fragment P on Product { upc reviews { id } }",
            (1 + 5 * (1 + 1 * (1 + 1 + 10))) + (1 + 10 * (1 + 1 + 10)),
        ),
    ],
)
def test_static_cost(query: str, expected: int) -> None:
    assert _cost(query, {"n": 7}) == expected


def test_fragments_are_costed_once_and_counts_saturate() -> None:
    assert _cost(fragment_explosion(30)) == 1 + 2**30
    assert _cost(fragment_explosion(80)) == SATURATED
    assert _cost("{ topProducts(first: 99999999999999999999999) { reviews { id } } }") == SATURATED


def test_cycles_cost_nothing_more() -> None:
    assert _cost("{ me { ...A } } fragment A on User { id ...B } fragment B on User { ...A }") == 2


def test_variable_page_sizes_are_detected() -> None:
    document = parse("query ($n: Int) { me { ...F } } fragment F on User { reviews(first: $n) }")
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    fragment = document.definitions[1]
    assert isinstance(fragment, FragmentDefinitionNode)
    assert uses_variable_page_sizes(operation, {"F": fragment})
    assert not uses_variable_page_sizes(operation, {})
