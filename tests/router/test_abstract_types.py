from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_interface_field_from_an_interface_object_subgraph(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(catalog_client, "{ media { __typename id title rating } }")
    assert result == {
        "data": {
            "media": [
                {"__typename": "Book", "id": "b1", "title": "Dune", "rating": 5},
                {"__typename": "Book", "id": "b2", "title": "Emma", "rating": 3},
                {"__typename": "Movie", "id": "m1", "title": "Alien", "rating": 4},
                {"__typename": "Movie", "id": "m2", "title": "Amelie", "rating": 5},
            ]
        }
    }
    assert recorder.summary() == [("media", False), ("ratings", True)]
    assert recorder.to("ratings")[0].representations == [
        {"__typename": "Media", "id": "b1"},
        {"__typename": "Media", "id": "b2"},
        {"__typename": "Media", "id": "m1"},
        {"__typename": "Media", "id": "m2"},
    ]


async def test_interface_object_root_resolves_concrete_types_elsewhere(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        catalog_client,
        "{ topRated { id rating title ... on Book { pages } ... on Movie { runtime } } }",
    )
    assert result == {
        "data": {
            "topRated": [
                {"id": "m2", "rating": 5, "title": "Amelie", "runtime": 122},
                {"id": "b1", "rating": 5, "title": "Dune", "pages": 412},
            ]
        }
    }
    assert recorder.summary() == [("media", True), ("ratings", False)]
    assert recorder.to("media")[0].representations == [
        {"__typename": "Media", "id": "m2"},
        {"__typename": "Media", "id": "b1"},
    ]
    assert "rating" not in recorder.to("media")[0].query


async def test_interface_object_typename_is_the_concrete_type(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(catalog_client, "{ topRated { __typename rating } }")
    assert result == {
        "data": {
            "topRated": [
                {"__typename": "Movie", "rating": 5},
                {"__typename": "Book", "rating": 5},
            ]
        }
    }
    assert recorder.summary() == [("media", True), ("ratings", False)]


async def test_union_members_resolved_across_subgraphs(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = """{ search(term: "a") {
      __typename
      ... on Book { title }
      ... on Movie { title runtime }
      ... on Person { name }
    } }"""
    result = await post(catalog_client, query)
    assert result == {
        "data": {
            "search": [
                {"__typename": "Book", "title": "Dune"},
                {"__typename": "Movie", "title": "Amelie", "runtime": 122},
                {"__typename": "Person", "name": "Frank Herbert"},
            ]
        }
    }
    assert recorder.summary() == [("media", False), ("people", True)]
    assert recorder.to("people")[0].representations == [{"__typename": "Person", "id": "p1"}]


async def test_partial_union_only_asks_a_subgraph_for_its_members(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = """{ legacySearch {
      __typename
      ... on Magazine { issue }
      ... on Book { title price }
      ... on Movie { runtime }
    } }"""
    result = await post(catalog_client, query)
    assert result == {
        "data": {
            "legacySearch": [
                {"__typename": "Book", "title": "Emma", "price": 12},
                {"__typename": "Magazine", "issue": 7},
            ]
        }
    }
    assert recorder.summary() == [("legacy", False), ("media", True)]
    assert "Movie" not in recorder.to("legacy")[0].query


async def test_fragment_on_interface_inside_union_and_aliases(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = """{ search(term: "a") { ... on Media { mediaId: id name: title } } }"""
    result = await post(catalog_client, query)
    assert result == {
        "data": {
            "search": [
                {"mediaId": "b1", "name": "Dune"},
                {"mediaId": "m2", "name": "Amelie"},
                {},
            ]
        }
    }
    assert recorder.summary() == [("media", False)]


async def test_enum_value_hidden_by_inaccessible_is_an_error(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        catalog_client, '{ media(filter: {titlePrefix: "A"}) { title ... on Movie { genre } } }'
    )
    assert result["data"] == {
        "media": [{"title": "Alien", "genre": None}, {"title": "Amelie", "genre": "COMEDY"}]
    }
    assert [e["path"] for e in result["errors"]] == [["media", 0, "genre"]]


async def test_input_and_enum_arguments_pass_through(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    by_enum = await post(catalog_client, "{ media(filter: {genre: COMEDY}) { title } }")
    assert by_enum == {"data": {"media": [{"title": "Amelie"}]}}
    by_variable = await post(
        catalog_client,
        "query ($f: MediaFilter) { media(filter: $f) { title } }",
        variables={"f": {"titlePrefix": "D"}},
    )
    assert by_variable == {"data": {"media": [{"title": "Dune"}]}}
    assert recorder.to("media")[-1].variables == {"f": {"titlePrefix": "D"}}
    hidden_value = await post(catalog_client, "{ media(filter: {genre: HORROR}) { title } }")
    assert hidden_value["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    hidden_field = await post(catalog_client, "{ media(filter: {internalFlag: true}) { title } }")
    assert hidden_field["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
