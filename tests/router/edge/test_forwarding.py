from __future__ import annotations

from tests.router.edge.conftest import EdgeRouter
from tests.router.kit import Recorder


async def test_subgraphs_get_the_computed_client_address_not_the_clients_chain(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router(trusted_proxies=("127.0.0.1",)) as client:
        await client.post(
            "/graphql",
            json={"query": "{ me { id } }"},
            headers={
                "x-forwarded-for": "6.6.6.6, 203.0.113.7",
                "x-lifegraph-client-ip": "6.6.6.6",
                "connection": "keep-alive, x-private",
                "x-private": "secret",
                "proxy-authorization": "Basic abc",
                "cookie": "session=1",
            },
        )
        await client.post("/graphql", json={"query": "{ me { id } }"})
    first, second = (call.headers for call in recorder.to("accounts"))
    assert first["x-lifegraph-client-ip"] == "203.0.113.7"
    assert second["x-lifegraph-client-ip"] == "127.0.0.1"
    for header in (
        "x-private",
        "proxy-authorization",
        "cookie",
        "te",
        "upgrade",
        "x-forwarded-for",
    ):
        assert header not in first
