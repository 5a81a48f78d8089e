"""The web app's Content-Security-Policy: its own files only, plus where media lives when
storage is elsewhere (an S3 bucket), so photos load and uploads go out there and nowhere else."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from lifegraph.webapp import web_routes

BUCKET = "https://s3.eu-west-1.amazonaws.com"


async def _policy(app: Starlette) -> dict[str, list[str]]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://app"
    ) as client:
        response = await client.get("/")
    assert response.status_code == 200
    directives = response.headers["content-security-policy"].split("; ")
    return {d.split(" ")[0]: d.split(" ")[1:] for d in directives}


async def test_by_default_the_app_loads_and_sends_to_its_own_origin_only() -> None:
    policy = await _policy(Starlette(routes=web_routes()))
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'"]


async def test_a_media_origin_is_allowed_for_images_and_uploads_and_nothing_else() -> None:
    policy = await _policy(Starlette(routes=web_routes(media_origins=[BUCKET])))
    assert policy["img-src"] == ["'self'", "data:", BUCKET]
    assert policy["connect-src"] == ["'self'", BUCKET]
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
