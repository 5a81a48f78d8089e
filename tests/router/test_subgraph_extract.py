"""Subgraph schemas extracted from a supergraph, and the plan check built on them."""

from __future__ import annotations

from graphql import GraphQLObjectType, GraphQLSchema, GraphQLUnionType, parse

from router.planner import FetchNode, QueryPlan, QueryPlanner
from router.supergraph import load_supergraph
from router.supergraph.extract import subgraph_schemas
from tests.plan_checks import INVALID_FETCHES, fetch_errors, validate_plan
from tests.router.kit import FIXTURES


def _schemas(fixture: str) -> dict[str, GraphQLSchema]:
    return subgraph_schemas((FIXTURES / fixture).read_text())


def _object(schema: GraphQLSchema, name: str) -> GraphQLObjectType:
    found = schema.get_type(name)
    assert isinstance(found, GraphQLObjectType)
    return found


def test_a_subgraph_has_only_its_own_fields_and_entities() -> None:
    stats = _schemas("conformance.graphql")["stats"]
    assert set(_object(stats, "Post").fields) == {
        "id",
        "comments",
        "summary",
        "price",
        "priceLabel",
        "legacyCode",
    }
    assert stats.get_type("Thing") is None
    entity = stats.get_type("_Entity")
    assert isinstance(entity, GraphQLUnionType)
    assert [t.name for t in entity.types] == ["Post"]


def test_an_interface_object_is_an_object_type_in_its_subgraph() -> None:
    schemas = _schemas("conformance.graphql")
    assert isinstance(schemas["tags"].get_type("Node"), GraphQLObjectType)
    assert set(_object(schemas["tags"], "Node").fields) == {"id", "tags"}
    assert not isinstance(schemas["blog"].get_type("Node"), GraphQLObjectType)


def test_field_types_and_union_members_are_the_subgraphs_own() -> None:
    schemas = _schemas("shapes.graphql")
    store, shelf = schemas["store"], schemas["shelf"]
    assert str(_object(store, "Query").fields["featured"].type) == "Gadget"
    assert str(_object(shelf, "Query").fields["featured"].type) == "Product"
    store_offer = store.get_type("Offer")
    assert isinstance(store_offer, GraphQLUnionType)
    assert [t.name for t in store_offer.types] == ["Gadget"]
    assert fetch_errors(store, "{ catalog { ... on Gizmo { __typename } } }")
    assert not fetch_errors(shelf, "{ catalog { ... on Gizmo { __typename } } }")


def test_every_lifegraph_and_fixture_supergraph_extracts() -> None:
    for path in [*FIXTURES.glob("*.graphql"), FIXTURES.parents[2] / "schema/supergraph.graphql"]:
        schemas = subgraph_schemas(path.read_text())
        assert set(schemas) == set(load_supergraph(path.read_text()).subgraphs), path


def test_the_check_records_an_invalid_fetch_and_passes_a_planned_one() -> None:
    sdl = (FIXTURES / "shapes.graphql").read_text()
    supergraph = load_supergraph(sdl)
    document = parse("{ featured { ... on Gadget { sku } } }")
    planned = QueryPlanner(supergraph).plan(document.definitions[0], {}, {})  # type: ignore[arg-type]
    assert not INVALID_FETCHES  # the autouse check saw this plan, and it is valid
    invalid = FetchNode("store", "{ featured { ... on Gizmo { sku } } }", None, ())
    validate_plan(supergraph, QueryPlan("query", "Query", invalid, []))
    found, INVALID_FETCHES[:] = list(INVALID_FETCHES), []  # cleared so this test passes
    assert planned.fetches()
    assert len(found) == 1
    assert "Fragment cannot be spread here" in found[0]
