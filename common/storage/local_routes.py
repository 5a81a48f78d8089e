"""The HTTP side of `LocalStorage`: PUT and GET on its signed URLs, as S3 would serve them.

An upload is streamed to a temporary file and capped at the signed size, so a client
cannot store more than it asked for; it becomes the object only once complete.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from common.storage.local import LocalStorage
from common.storage.signing import Grant


def _missing() -> Response:
    return PlainTextResponse("No such object.", 404)


def local_storage_routes(
    current: Callable[[], LocalStorage | None], *, prefix: str = "/storage"
) -> Sequence[BaseRoute]:
    """Routes serving the signed URLs of `current()` under `prefix` (its `base_url`'s path).

    `current` is asked per request: the storage exists once the subgraph started, and
    is None when the process stores media elsewhere (S3), which makes every URL a 404.

    ```python
    routes = local_storage_routes(lambda: storage)
    ```
    """

    async def put(request: Request) -> Response:
        storage = current()
        if storage is None:
            return _missing()
        key = str(request.path_params["key"])
        grant = _grant(storage, request, "PUT", key)
        if isinstance(grant, Response):
            return grant
        if request.headers.get("content-type") != grant.content_type:
            return PlainTextResponse("Content-Type differs from the signed one.", 403)
        return await _receive(request, storage, grant)

    async def get(request: Request) -> Response:
        storage = current()
        if storage is None:
            return _missing()
        key = str(request.path_params["key"])
        grant = _grant(storage, request, "GET", key)
        if isinstance(grant, Response):
            return grant
        info = await storage.head(key)
        if info is None:
            return PlainTextResponse("No such object.", 404)
        return FileResponse(
            storage.path(key),
            media_type=info.content_type or "application/octet-stream",
            headers={"Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff"},
        )

    def _grant(storage: LocalStorage, request: Request, method: str, key: str) -> Grant | Response:
        query = request.query_params
        try:
            expires = int(query.get("exp", ""))
            size = int(query["len"]) if method == "PUT" else None
        except (KeyError, ValueError):
            return PlainTextResponse("Malformed signed URL.", 403)
        grant = Grant(method, key, expires, size, query.get("ct") if method == "PUT" else None)
        try:
            storage.path(key)
        except ValueError:
            return PlainTextResponse("No such object.", 404)
        if not storage.signer.valid(grant, query.get("sig", "")):
            return PlainTextResponse("Signature does not match.", 403)
        if time.time() >= expires:
            return PlainTextResponse("Request has expired.", 403)
        return grant

    return [
        Route(f"{prefix}/{{key:path}}", put, methods=["PUT"]),
        Route(f"{prefix}/{{key:path}}", get, methods=["GET", "HEAD"]),
    ]


async def _receive(request: Request, storage: LocalStorage, grant: Grant) -> Response:
    limit = grant.byte_size or 0
    declared = request.headers.get("content-length")
    if declared is not None and declared != str(limit):
        return PlainTextResponse("Content-Length differs from the signed size.", 403)
    partial = await asyncio.to_thread(storage.write_stream_target, grant.key)
    received = 0
    try:
        with await asyncio.to_thread(partial.open, "wb") as file:
            async for chunk in request.stream():
                received += len(chunk)
                if received > limit:
                    return PlainTextResponse("Body exceeds the signed size.", 413)
                await asyncio.to_thread(file.write, chunk)
        if received != limit:
            return PlainTextResponse("Body is shorter than the signed size.", 400)
        await asyncio.to_thread(storage.commit_upload, grant.key, partial, grant.content_type or "")
    finally:
        await asyncio.to_thread(_discard, partial)
    return Response(status_code=200)


def _discard(partial: Path) -> None:
    partial.unlink(missing_ok=True)
