"""Uploads end to end: `python -m bench.media [--runs N]`.

Serves the whole system as `lifegraph up` does (local storage, in-process bus, its own
secantusd), signs up, then times a ~5 MB photo through createUpload, the PUT straight
to storage and completeUpload (verify, strip metadata, two thumbnails); and, in this
process, how many images per second `process_image` cleans and thumbnails.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from PIL import Image

from bench.kit import percentile_ms
from common.mongo_server import SecantusServer, free_port
from common.serving import serve_in_loop
from common.settings import Settings
from lifegraph.discovery import discover_subgraphs
from lifegraph.embedded import create_embedded_app, subgraph_url
from lifegraph.supergraph import compose_lifegraph
from subgraphs.media.domain.images import THUMBNAILS, process_image

CREATE = """mutation($i: CreateUploadInput!) {
  createUpload(input: $i) { uploadId url headers }
}"""
COMPLETE = "mutation($id: ID!) { completeUpload(input: {uploadId: $id}) { id width } }"
PASSWORD = "violet-harbour-lantern-42"  # noqa: S105 (a throwaway bench account)


def photo(target_bytes: int = 5 << 20) -> bytes:
    """A JPEG of about `target_bytes`: noise does not compress, like a real photo's detail."""
    rng = random.Random(7)
    side = 1600
    while True:
        pixels = bytes(rng.getrandbits(8) for _ in range(side * side * 3 // 4))
        image = Image.frombytes("RGB", (side, side // 4), pixels).resize((side, side))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=97)
        if out.tell() >= target_bytes * 0.9:
            return out.getvalue()
        side = int(side * 1.25)


async def call(
    http: httpx.AsyncClient,
    url: str,
    query: str,
    variables: dict[str, Any],
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    answer = await http.post(
        f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body: dict[str, Any] = answer.json()
    if "errors" in body:
        raise RuntimeError(body["errors"])
    data: dict[str, Any] = body["data"]
    return data


async def sign_up(http: httpx.AsyncClient, url: str) -> str:
    account = {"email": "bench@example.com", "password": PASSWORD, "displayName": "Bench"}
    await call(
        http,
        url,
        "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
        {"i": account},
    )
    login = await call(
        http,
        url,
        "mutation($i: LoginInput!) { login(input: $i) { accessToken } }",
        {"i": {"email": account["email"], "password": PASSWORD}},
    )
    token: str = login["login"]["accessToken"]
    return token


async def upload_runs(settings: Settings, data: bytes, runs: int) -> list[float]:
    definitions = discover_subgraphs()
    supergraph = await compose_lifegraph(definitions, lambda n: subgraph_url(settings, n))
    app = create_embedded_app(settings, definitions, supergraph_sdl=supergraph)
    upload = {
        "purpose": "POST_MEDIA",
        "contentType": "image/jpeg",
        "byteSize": len(data),
        "checksumSha256": hashlib.sha256(data).hexdigest(),
    }
    times: list[float] = []
    async with serve_in_loop(app, port=settings.port) as url, httpx.AsyncClient(timeout=60) as http:
        token = await sign_up(http, url)
        for _ in range(runs):
            started = time.perf_counter()
            ticket = (await call(http, url, CREATE, {"i": upload}, token))["createUpload"]
            put = await http.put(ticket["url"], content=data, headers=ticket["headers"])
            put.raise_for_status()
            await call(http, url, COMPLETE, {"id": ticket["uploadId"]}, token)
            times.append(time.perf_counter() - started)
    return times


def thumbnails_per_second(data: bytes, runs: int) -> float:
    started = time.perf_counter()
    for _ in range(runs):
        process_image(data, "image/jpeg")
    return runs * len(THUMBNAILS) / (time.perf_counter() - started)


async def main(runs: int) -> None:
    data = photo()
    with tempfile.TemporaryDirectory() as tmp, SecantusServer() as mongo:
        port = free_port()
        settings = Settings(
            environment="development",
            data_dir=Path(tmp),
            mongodb_url=mongo.url,
            database_prefix="benchmedia",
            amqp_url=None,
            redis_url=None,
            port=port,
            jwks_url=f"http://127.0.0.1:{port}/subgraphs/users/.well-known/jwks.json",
            log_level="WARNING",
            log_json=False,
        )
        times = await upload_runs(settings, data, runs)
    rate = thumbnails_per_second(data, runs)
    print(f"photo: {len(data) / (1 << 20):.1f} MB JPEG, {runs} runs")
    print(f"{'measure':<46} {'p50':>9} {'max':>9}")
    print(
        f"{'createUpload + PUT + completeUpload (ms)':<46} "
        f"{percentile_ms(times, 0.5):>9.0f} {max(times) * 1000:>9.0f}"
    )
    print(f"{'thumbnails per second (one core, 2 per image)':<46} {rate:>9.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    asyncio.run(main(parser.parse_args().runs))
