"""Class 1: fields reachable only through a parent, and key-less shared types.

Fixture: tests/router/fixtures/shapes.py. `Address`, `Office`, `Shop` and `Location` have
no key anywhere, so the only way to their fields in another subgraph is an ancestor that
subgraph can fetch: the `Company` entity by key, or the root type itself.
"""

from __future__ import annotations

import httpx
import pytest
from graphql import OperationDefinitionNode, parse

from router.composition import SubgraphSource, compose
from router.planner import PlanningError, QueryPlanner
from router.planner.operation import SField
from router.planner.parent_paths import Frame, find_route
from router.supergraph import load_supergraph
from tests.router.fixtures.shapes import compose_sources, plan
from tests.router.kit import FIXTURES, Recorder, post

_ENTITIES = "query($representations:[_Any!]!){_entities(representations:$representations)"


def test_the_fixture_supergraph_is_our_composition_of_its_subgraphs() -> None:
    assert compose_sources() == (FIXTURES / "shapes.graphql").read_text()


# -- (a) the field's type has no key where the field lives: go through the ancestor entity


async def test_keyless_type_field_is_fetched_through_the_ancestor_entity(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = '{ employee(id: "e1") { name company { address { city zip geo { lat } } } } }'
    result = await post(shapes_client, query)
    assert result == {
        "data": {
            "employee": {
                "name": "Ada",
                "company": {"address": {"city": "Lyon", "zip": "69001", "geo": {"lat": 45.76}}},
            }
        }
    }
    assert [(c.subgraph, c.query, c.representations) for c in recorder.calls] == [
        ("hr", 'query{employee(id: "e1"){name company{address{city} id __typename}}}', []),
        (
            "org",
            _ENTITIES + "{...on Company{address{zip geo{lat}}}}}",
            [{"__typename": "Company", "id": "c1"}],
        ),
    ]


async def test_keyless_chain_of_two_levels_under_the_entity(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = '{ employee(id: "e1") { company { hq { floor address { city zip } } } } }'
    result = await post(shapes_client, query)
    assert result == {
        "data": {
            "employee": {
                "company": {"hq": {"floor": 3, "address": {"city": "Lyon", "zip": "69001"}}}
            }
        }
    }
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("hr", 'query{employee(id: "e1"){company{hq{floor address{city}} id __typename}}}'),
        ("org", _ENTITIES + "{...on Company{hq{address{zip}}}}}"),
    ]


async def test_an_object_with_only_remote_fields_is_not_asked_for_empty(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shapes_client, '{ employee(id: "e1") { company { hq { address { zip } } } } }'
    )
    assert result == {"data": {"employee": {"company": {"hq": {"address": {"zip": "69001"}}}}}}
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("hr", 'query{employee(id: "e1"){company{id __typename}}}'),
        ("org", _ENTITIES + "{...on Company{hq{address{zip}}}}}"),
    ]


async def test_typename_of_an_object_only_reached_through_the_ancestor(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = '{ employee(id: "e1") { company { hq { __typename address { __typename zip } } } } }'
    result = await post(shapes_client, query)
    assert result == {
        "data": {
            "employee": {
                "company": {
                    "hq": {
                        "__typename": "Office",
                        "address": {"__typename": "Address", "zip": "69001"},
                    }
                }
            }
        }
    }
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("hr", 'query{employee(id: "e1"){company{id __typename}}}'),
        ("org", _ENTITIES + "{...on Company{hq{address{zip}}}}}"),
    ]


async def test_ancestor_fetch_merges_with_other_fields_of_the_same_entity(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = '{ employee(id: "e1") { company { address { zip } hq { address { geo { lat } } } } } }'
    result = await post(shapes_client, query)
    assert result == {
        "data": {
            "employee": {
                "company": {"address": {"zip": "69001"}, "hq": {"address": {"geo": {"lat": 45.76}}}}
            }
        }
    }
    # one _entities call to org for both paths below Company
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("hr", 'query{employee(id: "e1"){company{id __typename}}}'),
        ("org", _ENTITIES + "{...on Company{address{zip} hq{address{geo{lat}}}}}}"),
    ]


async def test_null_ancestor_is_not_fetched(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, '{ employee(id: "nobody") { company { address { zip } } } }')
    assert result == {"data": {"employee": None}}
    assert [c.subgraph for c in recorder.calls] == ["hr"]


# -- (b) a shared root field returning a key-less @shareable type: one root fetch each


async def test_shared_root_fields_split_across_subgraphs_and_merge(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, "{ shop { name staff carriers } }")
    assert result == {
        "data": {"shop": {"name": "Corner", "staff": 4, "carriers": ["post", "bike"]}}
    }
    assert sorted((c.subgraph, c.query) for c in recorder.calls) == [
        ("depot", "query{shop{name carriers}}"),
        ("hr", "query{shop{staff}}"),
    ]
    assert plan("{ shop { name staff carriers } }")["node"] == {
        "parallel": [
            {"fetch": "depot", "operation": "query{shop{name carriers}}"},
            {"fetch": "hr", "operation": "query{shop{staff}}"},
        ]
    }


async def test_shared_root_field_served_whole_by_one_subgraph_stays_one_fetch(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    assert await post(shapes_client, "{ shop { name carriers } }") == {
        "data": {"shop": {"name": "Corner", "carriers": ["post", "bike"]}}
    }
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("depot", "query{shop{name carriers}}")
    ]


async def test_shared_root_split_keeps_client_aliases(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, "{ s: shop { c: carriers n: staff } }")
    assert result == {"data": {"s": {"c": ["post", "bike"], "n": 4}}}
    assert sorted((c.subgraph, c.query) for c in recorder.calls) == [
        ("depot", "query{s:shop{c:carriers}}"),
        ("hr", "query{s:shop{n:staff}}"),
    ]


# -- (c) key-less shared types nested under such roots


async def test_nested_keyless_type_under_a_shared_root(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, "{ shop { carriers location { city dock zone } } }")
    assert result == {
        "data": {
            "shop": {
                "carriers": ["post", "bike"],
                "location": {"city": "Lyon", "dock": "D4", "zone": "Z1"},
            }
        }
    }
    assert sorted((c.subgraph, c.query) for c in recorder.calls) == [
        ("depot", "query{shop{carriers location{city dock}}}"),
        ("hr", "query{shop{location{zone}}}"),
    ]


async def test_nested_and_top_level_fields_of_one_subgraph_share_its_root_fetch(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, "{ shop { carriers staff location { dock zone } } }")
    assert result == {
        "data": {
            "shop": {
                "carriers": ["post", "bike"],
                "staff": 4,
                "location": {"dock": "D4", "zone": "Z1"},
            }
        }
    }
    assert sorted((c.subgraph, c.query) for c in recorder.calls) == [
        ("depot", "query{shop{carriers location{dock}}}"),
        ("hr", "query{shop{staff location{zone}}}"),
    ]


async def test_a_mutation_root_is_never_run_twice_to_reach_a_field(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, 'mutation { renameShop(name: "X") { name carriers } }')
    assert result["data"] is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "QUERY_PLANNING_FAILED"
    assert "Shop.carriers" in error["message"]
    assert recorder.calls == []


# -- the route finder on its own


def test_find_route_prefers_the_nearest_fetchable_ancestor() -> None:
    sg = load_supergraph((FIXTURES / "shapes.graphql").read_text())
    group, other = object(), object()
    frames = [
        Frame(other, "Query", SField("employee", "employee", None), (), None),
        Frame(group, "Employee", SField("company", "company", None), ("employee",), None),
        Frame(group, "Company", SField("hq", "hq", None), ("employee", "company"), None),
        Frame(
            group, "Office", SField("address", "address", None), ("employee", "company", "hq"), None
        ),
    ]

    def resolves(graph: str, type_name: str, field_name: str) -> bool:
        return graph in sg.types[type_name].fields[field_name].resolvers

    route = find_route(sg, frames, group, ["org"], "Query", resolves)
    assert route is not None
    assert (route.graph, route.anchor.parent_type, route.is_root) == ("org", "Company", False)
    assert [(t, f.name) for t, f in route.chain] == [("Company", "hq"), ("Office", "address")]
    # org does not serve Employee.company: nothing above Company is a route
    assert find_route(sg, frames[:2], group, ["org"], "Query", resolves) is None
    # frames of an earlier fetch group are never walked
    assert find_route(sg, frames[:1], group, ["hr"], "Query", resolves) is None


# -- the ancestor route in other positions


async def test_ancestor_route_under_a_list(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, "{ employees { name company { address { zip } } } }")
    company = {"address": {"zip": "69001"}}
    assert result == {
        "data": {
            "employees": [{"name": "Ada", "company": company}, {"name": "Bob", "company": company}]
        }
    }
    assert [(c.subgraph, c.query, c.representations) for c in recorder.calls] == [
        ("hr", "query{employees{name company{id __typename}}}", []),
        (
            "org",
            _ENTITIES + "{...on Company{address{zip}}}}",
            [{"__typename": "Company", "id": "c1"}],
        ),
    ]
    assert plan("{ employees { company { address { zip } } } }")["node"]["sequence"][1][
        "flatten"
    ] == ("employees.@.company")


async def test_ancestor_route_through_an_interface_typed_field(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = (
        '{ employee(id: "e1") { company { venue { floor ... on Office { address { zip } } } } } }'
    )
    result = await post(shapes_client, query)
    assert result == {
        "data": {"employee": {"company": {"venue": {"floor": 3, "address": {"zip": "69001"}}}}}
    }
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        (
            "hr",
            'query{employee(id: "e1"){company{venue{__typename ...on Office{floor}}'
            " id __typename}}}",
        ),
        ("org", _ENTITIES + "{...on Company{venue{__typename ...on Office{address{zip}}}}}}"),
    ]


@pytest.mark.parametrize(
    ("with_zip", "address", "calls"),
    [
        (True, {"city": "Lyon", "zip": "69001"}, ["hr", "org"]),
        (False, {"city": "Lyon"}, ["hr"]),
    ],
)
async def test_ancestor_route_honours_include_and_variables(
    shapes_client: httpx.AsyncClient,
    recorder: Recorder,
    with_zip: bool,
    address: dict[str, str],
    calls: list[str],
) -> None:
    query = """query($id: ID!, $z: Boolean!) {
      employee(id: $id) { company { address { city zip @include(if: $z) } } }
    }"""
    result = await post(shapes_client, query, variables={"id": "e1", "z": with_zip})
    assert result == {"data": {"employee": {"company": {"address": address}}}}
    assert [c.subgraph for c in recorder.calls] == calls
    assert recorder.calls[0].variables == {"id": "e1"}


async def test_ancestor_route_inside_an_entity_fetch_runs_beside_it(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    # org and depot each serve half of the key-less Legal: both fetch Company by the key
    # hr already returned, side by side
    query = '{ employee(id: "e1") { company { legal { form registry } } } }'
    result = await post(shapes_client, query)
    assert result == {
        "data": {"employee": {"company": {"legal": {"form": "SA", "registry": "RCS-c1"}}}}
    }
    assert sorted((c.subgraph, c.query) for c in recorder.calls) == [
        ("depot", _ENTITIES + "{...on Company{legal{registry}}}}"),
        ("hr", 'query{employee(id: "e1"){company{id __typename}}}'),
        ("org", _ENTITIES + "{...on Company{legal{form}}}}"),
    ]
    [first, *rest] = plan(query)["node"]["sequence"]
    assert first["fetch"] == "hr"
    assert [sorted(f["fetch"] for f in r["parallel"]) for r in rest] == [["depot", "org"]]


def test_find_route_falls_back_to_the_root_through_keyless_types() -> None:
    sg = load_supergraph((FIXTURES / "shapes.graphql").read_text())
    group = object()
    frames = [
        Frame(group, "Query", SField("shop", "shop", None), (), None),
        Frame(group, "Shop", SField("location", "location", None), ("shop",), None),
    ]

    def resolves(graph: str, type_name: str, field_name: str) -> bool:
        return graph in sg.types[type_name].fields[field_name].resolvers

    route = find_route(sg, frames, group, ["hr"], "Query", resolves)
    assert route is not None
    assert (route.graph, route.is_root) == ("hr", True)
    assert [(t, f.name) for t, f in route.chain] == [("Query", "shop"), ("Shop", "location")]
    # a subgraph without the root field has no route
    assert find_route(sg, frames, group, ["org"], "Query", resolves) is None


def test_requires_on_a_keyless_type_is_refused_not_routed_through_the_root() -> None:
    link = (
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key",'
        ' "@requires", "@external", "@shareable"])\n'
    )
    sdl = compose(
        [
            SubgraphSource(
                "a",
                "http://a.invalid/graphql",
                link + "type Query { box: Box @shareable } type Box @shareable { w: Int }",
            ),
            SubgraphSource(
                "b",
                "http://b.invalid/graphql",
                link + "type Query { box: Box @shareable }"
                ' type Box @shareable { w: Int @external area: Int @requires(fields: "w") }',
            ),
        ]
    ).supergraph_sdl
    operation = parse("{ box { area } }").definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    with pytest.raises(PlanningError, match=r"Box\.area"):
        QueryPlanner(load_supergraph(sdl)).plan(operation, {}, {})


async def test_shared_root_field_with_variable_arguments_splits_with_them(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = "query($c: String!) { shopIn(city: $c) { name staff carriers } }"
    result = await post(shapes_client, query, variables={"c": "Nice"})
    assert result == {"data": {"shopIn": {"name": "Nice corner", "staff": 4, "carriers": ["Nice"]}}}
    assert sorted((c.subgraph, c.query, str(c.variables)) for c in recorder.calls) == [
        ("depot", "query($c:String!){shopIn(city: $c){name carriers}}", "{'c': 'Nice'}"),
        ("hr", "query($c:String!){shopIn(city: $c){staff}}", "{'c': 'Nice'}"),
    ]


async def test_mutation_result_reaches_a_keyless_field_through_its_entity(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = 'mutation { transfer(id: "e1") { name company { address { zip } } } }'
    result = await post(shapes_client, query)
    assert result == {
        "data": {"transfer": {"name": "Ada", "company": {"address": {"zip": "69001"}}}}
    }
    # the mutation runs once; the ancestor fetch is an ordinary _entities query
    assert [(c.subgraph, c.query) for c in recorder.calls] == [
        ("hr", 'mutation{transfer(id: "e1"){name company{id __typename}}}'),
        ("org", _ENTITIES + "{...on Company{address{zip}}}}"),
    ]
