"""The shared OpenAI-compatible client: its bearer key, the URL guard, the size cap."""

from __future__ import annotations

import ipaddress

import httpx
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from common.openai_compat import OpenAIClient, ResponseTooLarge
from common.serving import serve_in_loop
from common.settings import OpenAIEndpoint
from common.urlguard import RefusedUrl, UrlGuard

LOOPBACK = UrlGuard(allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))


async def echo(request: Request) -> Response:
    # Echoes the key it got, padded to 100 bytes.
    key = request.headers.get("authorization", "none").encode()
    return Response(key.ljust(100, b"."), status_code=200 if key != b"none" else 401)


def endpoint(url: str, key: str | None = "sk-1") -> OpenAIEndpoint:
    return OpenAIEndpoint(
        base_url=f"{url}/v1/",
        api_key=SecretStr(key) if key else None,
        model="m",
        timeout_seconds=5.0,
    )


async def test_the_key_goes_as_a_bearer_and_the_answer_is_capped() -> None:
    app = Starlette(routes=[Route("/v1/echo", echo, methods=["POST"])])
    async with serve_in_loop(app) as url:
        client = OpenAIClient(endpoint(url), guard=LOOPBACK)
        try:
            body = await client.post_for_bytes("/echo", max_bytes=100)
            assert body.rstrip(b".") == b"Bearer sk-1"
            with pytest.raises(ResponseTooLarge):
                await client.post_for_bytes("/echo", max_bytes=99)
        finally:
            await client.aclose()
        keyless = OpenAIClient(endpoint(url, key=None), guard=LOOPBACK)
        try:
            with pytest.raises(httpx.HTTPStatusError):
                await keyless.post("/echo")
        finally:
            await keyless.aclose()


async def test_a_loopback_provider_is_refused_unless_allowed() -> None:
    app = Starlette(routes=[Route("/v1/echo", echo, methods=["POST"])])
    async with serve_in_loop(app) as url:
        client = OpenAIClient(endpoint(url))
        try:
            with pytest.raises(RefusedUrl):
                await client.post_for_bytes("/echo", max_bytes=1000)
        finally:
            await client.aclose()
