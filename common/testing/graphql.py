"""A GraphQL-over-HTTP call for tests, as any client would make it."""

from __future__ import annotations

from typing import Any

import httpx


async def gql(
    url: str,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """POST to `{url}/graphql` and return the response body, errors included."""
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(
            f"{url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
    body: dict[str, Any] = response.json()
    return body
