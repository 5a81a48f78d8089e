"""Browsers on an allowed origin can send trace context and read our edge headers."""

from __future__ import annotations

from tests.router.edge.conftest import EdgeRouter

ORIGIN = "https://app.example"
ME = {"query": "{ me { id } }"}


async def test_preflight_allows_trace_context_headers(edge_router: EdgeRouter) -> None:
    async with edge_router(cors_origins=(ORIGIN,)) as client:
        response = await client.options(
            "/graphql",
            headers={
                "origin": ORIGIN,
                "access-control-request-method": "POST",
                "access-control-request-headers": (
                    "content-type,authorization,traceparent,tracestate,x-request-id"
                ),
            },
        )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"traceparent", "tracestate", "authorization", "x-request-id"} <= allowed


async def test_a_foreign_origin_is_not_allowed(edge_router: EdgeRouter) -> None:
    async with edge_router(cors_origins=(ORIGIN,)) as client:
        response = await client.options(
            "/graphql",
            headers={
                "origin": "https://evil.example",
                "access-control-request-method": "POST",
                "access-control-request-headers": "traceparent",
            },
        )
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_throttled_responses_expose_retry_after_and_request_id(
    edge_router: EdgeRouter,
) -> None:
    async with edge_router(cors_origins=(ORIGIN,), rate_limit=1) as client:
        headers = {"origin": ORIGIN, "x-request-id": "cors-1"}
        first = await client.post("/graphql", json=ME, headers=headers)
        throttled = await client.post("/graphql", json=ME, headers=headers)
    assert first.status_code == 200
    assert throttled.status_code == 429
    assert throttled.headers["access-control-allow-origin"] == ORIGIN
    exposed = {
        h.strip().lower() for h in throttled.headers["access-control-expose-headers"].split(",")
    }
    assert {"retry-after", "x-request-id"} <= exposed
    assert int(throttled.headers["retry-after"]) >= 1
    assert throttled.headers["x-request-id"] == "cors-1"


async def test_preflight_allows_apollo_client_awareness_headers(edge_router: EdgeRouter) -> None:
    async with edge_router(cors_origins=(ORIGIN,)) as client:
        response = await client.options(
            "/graphql",
            headers={
                "origin": ORIGIN,
                "access-control-request-method": "POST",
                "access-control-request-headers": (
                    "content-type,apollographql-client-name,apollographql-client-version"
                ),
            },
        )
    assert response.status_code == 200, response.text
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"apollographql-client-name", "apollographql-client-version"} <= allowed
