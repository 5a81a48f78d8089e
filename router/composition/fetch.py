"""Fetches a running subgraph's SDL with the standard `_service { sdl }` query."""

import asyncio
from collections.abc import Sequence

import httpx

from router.composition.compose import compose
from router.composition.source import CompositionResult, SubgraphSource

SERVICE_QUERY = "query __ApolloGetServiceDefinition__ { _service { sdl } }"


class SubgraphFetchError(Exception):
    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"Could not fetch the SDL of the subgraph at {url}: {reason}")


async def fetch_subgraph_sdl(url: str, client: httpx.AsyncClient) -> str:
    try:
        response = await client.post(url, json={"query": SERVICE_QUERY})
    except httpx.HTTPError as error:
        raise SubgraphFetchError(url, f"{type(error).__name__}: {error}") from error
    if response.status_code != 200:
        raise SubgraphFetchError(url, f"HTTP {response.status_code}")
    try:
        body = response.json()
    except ValueError as error:
        raise SubgraphFetchError(url, "the response is not JSON") from error
    errors = body.get("errors") if isinstance(body, dict) else None
    if errors:
        messages = "; ".join(
            str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors
        )
        raise SubgraphFetchError(url, f"GraphQL errors: {messages}")
    data = body.get("data") if isinstance(body, dict) else None
    service = data.get("_service") if isinstance(data, dict) else None
    sdl = service.get("sdl") if isinstance(service, dict) else None
    if not isinstance(sdl, str):
        raise SubgraphFetchError(url, "the response has no data._service.sdl string")
    return sdl


async def compose_services(
    services: Sequence[tuple[str, str]], client: httpx.AsyncClient
) -> CompositionResult:
    """Fetches every (name, url) subgraph's SDL concurrently, then composes them."""
    sdls = await asyncio.gather(*(fetch_subgraph_sdl(url, client) for _, url in services))
    return compose(
        [SubgraphSource(name, url, sdl) for (name, url), sdl in zip(services, sdls, strict=True)]
    )
