"""What only the local route must enforce itself: the signed size and type of an upload."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from common.storage.local import LocalStorage


async def test_body_larger_than_signed_is_refused(storage_local: LocalStorage) -> None:
    put = await storage_local.presign_put(
        "u/1/a", content_type="text/plain", byte_size=3, expires_in=60
    )
    async with httpx.AsyncClient() as http:
        answer = await http.put(put.url, content=b"abcd", headers=put.headers)
    assert answer.status_code == 403
    assert await storage_local.head("u/1/a") is None


async def test_other_content_type_is_refused(storage_local: LocalStorage) -> None:
    put = await storage_local.presign_put(
        "u/1/a", content_type="image/png", byte_size=1, expires_in=60
    )
    async with httpx.AsyncClient() as http:
        answer = await http.put(put.url, content=b"a", headers={"Content-Type": "text/html"})
    assert answer.status_code == 403
    assert await storage_local.head("u/1/a") is None


async def test_streamed_body_past_the_size_is_cut_off(storage_local: LocalStorage) -> None:
    put = await storage_local.presign_put(
        "u/1/a", content_type="text/plain", byte_size=3, expires_in=60
    )

    async def body() -> AsyncIterator[bytes]:
        yield b"ab"
        yield b"cd"

    async with httpx.AsyncClient() as http:
        answer = await http.put(put.url, content=body(), headers=put.headers)
    assert answer.status_code == 413
    assert await storage_local.head("u/1/a") is None


# moto checks neither the expiry nor the signature of presigned URLs (real S3 does), so
# these run on ours only;
# completeUpload refuses an upload past its expiry on either backend.
async def test_expired_urls_are_refused(storage_local: LocalStorage) -> None:
    await storage_local.put("u/1/c", b"x", content_type="text/plain")
    put = await storage_local.presign_put(
        "u/1/d", content_type="text/plain", byte_size=1, expires_in=0
    )
    async with httpx.AsyncClient() as http:
        assert (await http.put(put.url, content=b"x", headers=put.headers)).status_code == 403
        url = await storage_local.signed_get("u/1/c", expires_in=0)
        assert (await http.get(url)).status_code == 403
    assert await storage_local.head("u/1/d") is None


async def test_tampered_url_is_refused(storage_local: LocalStorage) -> None:
    await storage_local.put("u/1/e", b"secret", content_type="text/plain")
    await storage_local.put("u/2/e", b"other", content_type="text/plain")
    url = await storage_local.signed_get("u/1/e", expires_in=60)
    async with httpx.AsyncClient() as http:
        assert (await http.get(url.replace("u/1/e", "u/2/e"))).status_code == 403
