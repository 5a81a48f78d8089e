"""The reading of conformance tests into differential cases (cases.py)."""

from __future__ import annotations

from pathlib import Path

from tests.router.differential.cases import SKIPPED, Case, module_cases

_SOURCE = """
import pytest

QUERY = "{ me { id } }"


async def test_module_constant(shop_client, recorder):
    await post(shop_client, QUERY)


@pytest.mark.parametrize(("first", "expected"), [(1, "a"), (2, "b")])
async def test_parametrized(catalog_client, first, expected):
    query = "query($n: Int) { topProducts(first: $n) { upc } }"
    await post(catalog_client, query, variables={"n": first}, operationName=None)


async def test_loop_and_reassignment(shapes_client):
    for query in ("{ shop { name } }", "{ shop { staff } }"):
        await post(shapes_client, query)
    query = "{ employees { id } }"
    await post(shapes_client, query)


async def test_other_client_and_computed(other_client, shop_client):
    await post(other_client, "{ ignored }")
    await post(shop_client, "{ " + compute() + " }")


async def test_no_post(shop_client):
    assert shop_client
"""


def test_literal_queries_are_read_with_their_variables(tmp_path: Path) -> None:
    path = tmp_path / "test_sample.py"
    path.write_text(_SOURCE)
    found = list(module_cases(path))
    cases = [c for c in found if isinstance(c, Case)]
    assert cases == [
        Case("test_sample::test_module_constant", "shop.graphql", "{ me { id } }"),
        Case(
            "test_sample::test_parametrized[1]",
            "catalog.graphql",
            "query($n: Int) { topProducts(first: $n) { upc } }",
            {"n": 1},
        ),
        Case(
            "test_sample::test_parametrized[2]",
            "catalog.graphql",
            "query($n: Int) { topProducts(first: $n) { upc } }",
            {"n": 2},
        ),
        Case("test_sample::test_loop_and_reassignment#1[1]", "shapes.graphql", "{ shop { name } }"),
        Case(
            "test_sample::test_loop_and_reassignment#1[2]", "shapes.graphql", "{ shop { staff } }"
        ),
        Case("test_sample::test_loop_and_reassignment#2", "shapes.graphql", "{ employees { id } }"),
    ]
    assert [c[0] for c in found if not isinstance(c, Case)] == [
        "test_sample::test_other_client_and_computed"
    ]


def test_every_conformance_query_is_read_but_the_introspection_one() -> None:
    # A new conformance query the reader cannot take should be made literal, or listed here.
    assert [case_id for case_id, _ in SKIPPED] == [
        "test_introspection::test_introspection_shows_the_api_schema_only"
    ]
