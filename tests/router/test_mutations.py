from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_mutations_run_serially_in_document_order(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = """mutation {
      first: addBook(title: "Solaris") { title price }
      same: setPrice(id: "b2", price: 12) { price }
      second: addBook(title: "Ubik") { title }
    }"""
    result = await post(catalog_client, query)
    data = result["data"]
    assert data["first"]["title"] == "Solaris"
    assert data["same"] == {"price": 12}
    assert data["second"] == {"title": "Ubik"}
    assert "errors" not in result
    assert [(c.subgraph, c.is_entities) for c in recorder.calls] == [
        ("media", False),
        ("legacy", True),
        ("legacy", False),
        ("media", False),
    ]
    assert recorder.calls[0].query.startswith("mutation")
    assert recorder.calls[1].query.startswith("query")


async def test_mutations_are_refused_over_get(catalog_client: httpx.AsyncClient) -> None:
    response = await catalog_client.get(
        "/graphql", params={"query": 'mutation { addBook(title: "x") { id } }'}
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["errors"][0]["message"] == "Mutations are only accepted over POST"
