"""Class 5: fragments sent to a subgraph are valid against that subgraph's own schema.

Fixture: tests/router/fixtures/shapes.py. `featured` is `Product` (Gadget | Gizmo) in shelf
but `Gadget` in store (`join__field(type:)`); `Offer` has only Gadget in store
(`join__unionMember`); Gizmo implements `Thing` in shelf only (`join__implements`).
The fetch validation harness (tests/router/conftest.py) fails any test whose plan sent a
fragment the subgraph's schema rejects.
"""

from __future__ import annotations

import httpx
import pytest

from router.planner.subgraph_types import graph_type_name, possible_at
from router.supergraph import load_supergraph
from router.supergraph.model import Supergraph
from tests.router.fixtures.shapes import plan
from tests.router.kit import FIXTURES, Recorder, post


@pytest.fixture(scope="module")
def supergraph() -> Supergraph:
    return load_supergraph((FIXTURES / "shapes.graphql").read_text())


async def test_narrower_field_type_gets_only_fragments_it_can_hold(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = "{ featured { ... on Gadget { label price } ... on Gizmo { size } } }"
    result = await post(shapes_client, query)
    assert result == {"data": {"featured": {"label": "Lamp", "price": 30}}}
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("store", "query{featured{__typename ...on Gadget{label price}}}")
    ]


async def test_narrower_field_type_with_fragment_order_reversed(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shapes_client, "{ featured { ... on Gizmo { size } ... on Gadget { price } } }"
    )
    assert result == {"data": {"featured": {"price": 30}}}
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("store", "query{featured{__typename ...on Gadget{price}}}")
    ]


async def test_wider_subgraph_keeps_every_member_when_it_is_chosen(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = "{ featured { __typename ... on Gizmo { size } ... on Gadget { label } } }"
    result = await post(shapes_client, query)
    assert result == {"data": {"featured": {"__typename": "Gadget", "label": "Lamp"}}}
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("shelf", "query{featured{__typename ...on Gadget{label} ...on Gizmo{size}}}")
    ]


async def test_interface_fragment_on_a_narrower_field_type(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = "{ featured { ... on Thing { sku } ... on Gadget { price } } }"
    result = await post(shapes_client, query)
    assert result == {"data": {"featured": {"sku": "g1", "price": 30}}}
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("store", "query{featured{__typename ...on Gadget{sku price}}}")
    ]


async def test_union_members_missing_in_the_chosen_subgraph_resolve_to_nothing(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shapes_client, "{ catalog { ... on Gadget { price } ... on Gizmo { size } } }"
    )
    assert result == {"data": {"catalog": [{"price": 30}]}}
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("store", "query{catalog{__typename ...on Gadget{price}}}")
    ]


async def test_interface_implementations_missing_in_the_chosen_subgraph(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = "{ things { sku ... on Gadget { price } ... on Gizmo { size } } }"
    result = await post(shapes_client, query)
    assert result == {"data": {"things": [{"sku": "g1", "price": 30}]}}
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("store", "query{things{__typename ...on Gadget{sku price}}}")
    ]


def test_plan_for_a_narrower_field_type() -> None:
    assert plan("{ featured { ... on Gizmo { size } ... on Gadget { price } } }")["node"] == {
        "fetch": "store",
        "operation": "query{featured{__typename ...on Gadget{price}}}",
    }


def test_graph_type_name_reads_join_field_type(supergraph: Supergraph) -> None:
    featured = supergraph.types["Query"].fields["featured"]
    assert graph_type_name(featured, "store") == "Gadget"
    assert graph_type_name(featured, "shelf") is None
    assert graph_type_name(supergraph.types["Query"].fields["catalog"], "store") is None


def test_possible_at_narrows_by_the_subgraphs_own_types(supergraph: Supergraph) -> None:
    assert possible_at(supergraph, "Product", "store", None) == ("Gadget", "Gizmo")
    assert possible_at(supergraph, "Product", "store", "Gadget") == ("Gadget",)
    assert possible_at(supergraph, "Product", "shelf", None) == ("Gadget", "Gizmo")
    assert possible_at(supergraph, "Offer", "store", None) == ("Gadget",)
    assert possible_at(supergraph, "Thing", "store", None) == ("Gadget",)
    assert possible_at(supergraph, "Product", "shelf", "Thing") == ("Gadget", "Gizmo")
    assert possible_at(supergraph, "Product", "store", "Thing") == ("Gadget",)
