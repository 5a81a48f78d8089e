from __future__ import annotations

import pytest
from graphql import parse, print_schema

from router.api_schema import build_api_schema
from router.planner import QueryPlanner
from router.supergraph import SupergraphError, TypeKind, load_supergraph
from tests.router.kit import FIXTURES

DEMO = (FIXTURES / "apollo_demo.graphql").read_text()

_HEADER = """
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
{ query: Query }
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet,
  type: String, external: Boolean, override: String, usedOverridden: Boolean)
  repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false,
  resolvable: Boolean! = true, isInterfaceObject: Boolean! = false)
  repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])
  repeatable on SCHEMA
scalar join__FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
enum join__Graph {
  A @join__graph(name: "a", url: "http://a")
  B @join__graph(name: "b", url: "http://b")
  C @join__graph(name: "c", url: "http://c")
}
"""

CHAINED = (
    _HEADER
    + """
type Query @join__type(graph: A) { t: T @join__field(graph: A) }
type T @join__type(graph: A, key: "id") @join__type(graph: B, key: "id")
       @join__type(graph: C, key: "id") {
  id: ID!
  a1: Int @join__field(graph: A) @join__field(graph: B, external: true)
  b1: Int @join__field(graph: B, requires: "a1")
          @join__field(graph: C, external: true) @join__field(graph: A, external: true)
  c1: Int @join__field(graph: C, requires: "b1")
  a2(scale: Int): Int @join__field(graph: A, requires: "b1")
}
"""
)


def _plan(sdl: str, query: str) -> dict[str, object]:
    planner = QueryPlanner(load_supergraph(sdl))
    operation = parse(query).definitions[0]
    return planner.plan(operation, {}, {}).describe()  # type: ignore[arg-type]


def test_apollo_demo_supergraph_loads() -> None:
    supergraph = load_supergraph(DEMO)
    assert supergraph.join_version == "v0.2"
    assert list(supergraph.subgraphs) == ["inventory", "pandas", "products", "reviews", "users"]
    assert supergraph.subgraphs["pandas"].url == "http://pandas:4000/graphql"
    product = supergraph.types["Product"]
    assert [k.fields for k in product.keys_in("products")] == [
        "id",
        "sku package",
        "sku variation { id }",
    ]
    assert product.fields["dimensions"].resolvers == {"products"}
    assert product.fields["reviewsScore"].resolvers == {"reviews"}
    assert product.fields["delivery"].sources["inventory"].requires is not None
    assert product.implements["products"] == {"ProductItf", "SkuItf"}
    assert supergraph.types["ProductItf"].kind is TypeKind.INTERFACE
    assert supergraph.possible_in("ProductItf", "inventory") == ("Product",)


def test_apollo_demo_api_schema_hides_federation_and_inaccessible() -> None:
    printed = print_schema(build_api_schema(DEMO))
    assert "join__" not in printed
    assert "link__" not in printed
    assert "@tag" not in printed
    assert "hidden: String" in printed  # only the interface's copy is @inaccessible
    assert 'oldField: String @deprecated(reason: "refactored out")' in printed


def test_apollo_demo_requires_with_arguments_plan() -> None:
    plan = _plan(DEMO, '{ product(id: "1") { name delivery(zip: "9") { fastestDelivery } } }')
    assert plan["node"] == {
        "sequence": [
            {
                "fetch": "products",
                "operation": 'query{product(id: "1"){__typename ...on Product{name '
                "id dimensions{size weight} __typename}}}",
            },
            {
                "flatten": "product",
                "fetch": "inventory",
                "operation": "query($representations:[_Any!]!){_entities("
                "representations:$representations){...on Product{"
                'delivery(zip: "9"){fastestDelivery}}}}',
            },
        ]
    }


def test_requires_of_requires_chains_three_fetches() -> None:
    plan = _plan(CHAINED, "{ t { c1 } }")
    node = plan["node"]
    assert isinstance(node, dict)
    assert [step["fetch"] for step in node["sequence"]] == ["a", "b", "c"]


def test_circular_requires_goes_back_to_the_first_subgraph() -> None:
    plan = _plan(CHAINED, "{ t { a1 a2(scale: 2) } }")
    node = plan["node"]
    assert isinstance(node, dict)
    steps = node["sequence"]
    assert [step["fetch"] for step in steps] == ["a", "b", "a"]
    assert "a2(scale: 2)" in steps[2]["operation"]
    assert "a2" not in steps[0]["operation"]


def test_not_a_supergraph_is_refused() -> None:
    with pytest.raises(SupergraphError, match="join"):
        load_supergraph("type Query { a: Int }")


def test_renamed_join_spec_is_read() -> None:
    renamed = CHAINED.replace("join__", "j__").replace(
        'join/v0.3", for: EXECUTION', 'join/v0.3", as: "j", for: EXECUTION'
    )
    supergraph = load_supergraph(renamed)
    assert list(supergraph.subgraphs) == ["a", "b", "c"]
    assert "j__Graph" not in print_schema(build_api_schema(renamed))


def test_subscription_plan_splits_primary_fetch_from_the_rest() -> None:
    sdl = CHAINED.replace("{ query: Query }", "{ query: Query subscription: Subscription }") + (
        "type Subscription @join__type(graph: A) { changed: T @join__field(graph: A) }\n"
    )
    planner = QueryPlanner(load_supergraph(sdl))
    operation = parse("subscription { changed { id c1 } }").definitions[0]
    plan = planner.plan(operation, {}, {})  # type: ignore[arg-type]
    assert plan.subscription_root is not None
    assert plan.subscription_root.operation.startswith("subscription{changed{")
    rest = plan.describe()["node"]
    assert [step["fetch"] for step in rest["sequence"]] == ["b", "c"]
