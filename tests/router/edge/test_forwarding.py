from __future__ import annotations

from tests.router.edge.conftest import EdgeRouter
from tests.router.kit import Recorder


async def test_client_address_is_appended_to_x_forwarded_for(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router() as client:
        await client.post(
            "/graphql",
            json={"query": "{ me { id } }"},
            headers={
                "x-forwarded-for": "203.0.113.7",
                "connection": "keep-alive, x-private",
                "x-private": "secret",
                "proxy-authorization": "Basic abc",
                "cookie": "session=1",
            },
        )
        await client.post("/graphql", json={"query": "{ me { id } }"})
    first, second = (call.headers for call in recorder.to("accounts"))
    assert first["x-forwarded-for"] == "203.0.113.7, 127.0.0.1"
    assert second["x-forwarded-for"] == "127.0.0.1"
    for header in ("x-private", "proxy-authorization", "cookie", "te", "upgrade"):
        assert header not in first
