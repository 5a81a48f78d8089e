"""Class 6: a sub-selection with nothing left for a subgraph is sent as `__typename`."""

from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_only_typename_under_an_object_field(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, '{ product(upc: "1") { __typename } }')
    assert result == {"data": {"product": {"__typename": "Product"}}}
    assert [c.query for c in recorder.calls] == ['query{product(upc: "1"){__typename}}']


async def test_every_field_skipped(shop_client: httpx.AsyncClient, recorder: Recorder) -> None:
    result = await post(
        shop_client,
        'query($no: Boolean!) { product(upc: "1") { name @skip(if: true) upc @include(if: $no) } }',
        variables={"no": False},
    )
    assert result == {"data": {"product": {}}}
    assert [c.query for c in recorder.calls] == ['query{product(upc: "1"){__typename}}']


async def test_nested_typename_only_and_skipped_fragment(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shop_client,
        '{ review(id: "r1") { product { __typename } author { ... @skip(if: true) { id } } } }',
    )
    assert result == {"data": {"review": {"product": {"__typename": "Product"}, "author": {}}}}
    assert [c.query for c in recorder.calls] == [
        'query{review(id: "r1"){product{__typename} author{__typename}}}'
    ]
