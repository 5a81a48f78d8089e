"""Both storage backends, each behind its real HTTP side: a moto S3 server, our local route.

Enabled in the root conftest (`pytest_plugins`). A test taking `storage` runs once per
backend:

```python
async def test_round_trip(storage: ObjectStorage) -> None:
    await storage.put("u/1/a", b"hi", content_type="text/plain")
```
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer
from starlette.applications import Starlette

from common.mongo_server import free_port
from common.serving import serve_in_loop
from common.storage import ObjectStorage
from common.storage.local import LocalStorage
from common.storage.local_routes import local_storage_routes
from common.storage.s3 import S3Location, S3Storage
from common.storage.signing import UrlSigner


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A real S3-compatible server (moto's), for the whole session."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


async def s3_storage(endpoint: str) -> S3Storage:
    storage = await S3Storage.open(
        S3Location(
            bucket=f"test-{secrets.token_hex(4)}",
            endpoint_url=endpoint,
            access_key_id="testing",
            secret_access_key="testing",  # noqa: S106 - moto accepts any key
        )
    )
    await storage.ensure_bucket()
    return storage


@pytest.fixture
async def storage_local(tmp_path: Path) -> AsyncIterator[LocalStorage]:
    """The directory backend, its signed URLs served on a real port."""
    port = free_port()
    local = LocalStorage(
        tmp_path, base_url=f"http://127.0.0.1:{port}/storage", signer=UrlSigner(b"k" * 32)
    )
    async with serve_in_loop(
        Starlette(routes=list(local_storage_routes(lambda: local))), port=port
    ):
        yield local


@pytest.fixture
async def storage_s3(s3_endpoint: str) -> AsyncIterator[S3Storage]:
    """A fresh bucket on the session's S3 server."""
    s3 = await s3_storage(s3_endpoint)
    yield s3
    await s3.close()


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest) -> ObjectStorage:
    backend: ObjectStorage = request.getfixturevalue(f"storage_{request.param}")
    return backend
