"""Class 3: a `@requires` field with arguments is a different field from the client's
same-named field with other arguments; both are fetched (aliased) and mapped back."""

from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_client_limit_differs_from_the_required_limit(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    for query in (
        '{ post(id: "1") { comments(limit: 1) { text } summary } }',
        '{ post(id: "1") { summary comments(limit: 1) { text } } }',
    ):
        recorder.clear()
        result = await post(conformance_client, query)
        assert result == {
            "data": {"post": {"comments": [{"text": "comment 1"}], "summary": "3 comments"}}
        }, query
        assert recorder.summary() == [("blog", False), ("stats", True)]
        assert len(recorder.to("stats")[0].representations[0]["comments"]) == 3
    assert recorder.to("blog")[0].query == (
        'query{post(id: "1"){id comments(limit: 3){text} __typename '
        "_lg_comments:comments(limit: 1){text}}}"
    )


async def test_same_arguments_still_read_back_correctly(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        conformance_client, '{ post(id: "1") { comments(limit: 3) { id } summary } }'
    )
    assert result == {
        "data": {
            "post": {
                "comments": [{"id": "c1"}, {"id": "c2"}, {"id": "c3"}],
                "summary": "3 comments",
            }
        }
    }
    assert recorder.to("blog")[0].query == (
        'query{post(id: "1"){_lg_comments:comments(limit: 3){id} id comments(limit: 3){text} '
        "__typename}}"
    )


async def test_price_in_another_currency_than_the_required_one(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        conformance_client, '{ post(id: "1") { price(currency: "EUR") priceLabel } }'
    )
    assert result == {"data": {"post": {"price": 5.0, "priceLabel": "$10.0"}}}
    assert recorder.to("stats")[0].representations == [
        {"__typename": "Post", "id": "1", "price": 10.0}
    ]


async def test_arguments_given_as_variables(
    conformance_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        conformance_client,
        'query($c: String!, $n: Int!) { post(id: "1") { priceLabel price(currency: $c) '
        'usd: price(currency: "USD") comments(limit: $n) { id } summary } }',
        variables={"c": "EUR", "n": 2},
    )
    assert result == {
        "data": {
            "post": {
                "priceLabel": "$10.0",
                "price": 5.0,
                "usd": 10.0,
                "comments": [{"id": "c1"}, {"id": "c2"}],
                "summary": "3 comments",
            }
        }
    }
    [rep] = recorder.to("stats")[0].representations
    assert rep["price"] == 10.0
    assert len(rep["comments"]) == 3
