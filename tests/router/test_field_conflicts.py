"""Class 4: same-named fields of different members that a subgraph cannot merge are
aliased in the subgraph operation and read back under the client's key."""

from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post

_ITEMS = [{"id": None, "title": "Dune"}, {"id": "p1", "colour": "blue"}]


async def test_nullable_and_non_null_id_on_two_union_members(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        conformance_client, "{ items { ... on Book { id title } ... on Pen { id colour } } }"
    )
    assert result == {"data": {"items": _ITEMS}}
    assert [c.query for c in recorder.calls] == [
        "query{items{__typename ...on Book{id title} ...on Pen{_lg_Pen__id:id colour}}}"
    ]


async def test_conflict_through_named_fragments_and_client_aliases(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        conformance_client,
        "{ items { ...P ... on Book { key: id title } } } fragment P on Pen { key: id colour }",
    )
    assert result == {
        "data": {"items": [{"key": None, "title": "Dune"}, {"key": "p1", "colour": "blue"}]}
    }
    assert [c.query for c in recorder.calls] == [
        "query{items{__typename ...on Book{_lg_Book__key:id title} ...on Pen{key:id colour}}}"
    ]


async def test_same_shape_is_left_alone(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        conformance_client, "{ items { ... on Book { title } ... on Pen { title: colour } } }"
    )
    assert result == {"data": {"items": [{"title": "Dune"}, {"title": "blue"}]}}
    assert [c.query for c in recorder.calls] == [
        "query{items{__typename ...on Book{title} ...on Pen{_lg_title:colour}}}"
    ]


async def test_interface_field_whose_members_disagree_in_the_subgraph(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        conformance_client, "{ things { __typename code ... on Pen { code colour } } }"
    )
    assert result == {
        "data": {
            "things": [
                {"__typename": "Book", "code": None},
                {"__typename": "Pen", "code": "P-1", "colour": "blue"},
            ]
        }
    }
    assert [c.query for c in recorder.calls] == [
        "query{things{__typename ...on Book{code} ...on Pen{_lg_Pen__code:code colour}}}"
    ]


async def test_interface_field_alone(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(conformance_client, "{ things { code } }")
    assert result == {"data": {"things": [{"code": None}, {"code": "P-1"}]}}
    assert [c.query for c in recorder.calls] == [
        "query{things{__typename ...on Book{code} ...on Pen{_lg_Pen__code:code}}}"
    ]


async def test_conflict_nested_under_same_named_fields_of_two_members(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        conformance_client,
        "{ items { ... on Book { meta { label } } ... on Pen { meta { label } } } }",
    )
    assert result == {"data": {"items": [{"meta": {"label": None}}, {"meta": {"label": "ink"}}]}}
    assert [c.query for c in recorder.calls] == [
        "query{items{__typename ...on Book{meta{label}} ...on Pen{meta{_lg_PenMeta__label:label}}}}"
    ]
