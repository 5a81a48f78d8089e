"""The storage a process's settings select."""

from __future__ import annotations

import secrets

from common.settings import SubgraphSettings
from common.storage.base import ObjectStorage
from common.storage.local import LocalStorage
from common.storage.s3 import S3Location, S3Storage
from common.storage.signing import UrlSigner

# The local backend's routes, under the media subgraph (`lifegraph up` mounts it there).
LOCAL_ROUTE_PREFIX = "/storage"


def local_storage(settings: SubgraphSettings) -> LocalStorage:
    """The directory backend of `settings`, its URLs signed with the media secret."""
    secret = settings.media_signing_secret
    # Without a secret (development, tests) URLs are good for this process only.
    key = secret.get_secret_value().encode() if secret else secrets.token_bytes(32)
    root = settings.media_local_dir or settings.data_dir / "media"
    # By default the address this process serves (`lifegraph up` mounts the media
    # subgraph at /subgraphs/media); set `media_local_base_url` behind a proxy.
    base = settings.media_local_base_url or (
        f"http://{settings.host}:{settings.port}/subgraphs/media{LOCAL_ROUTE_PREFIX}"
    )
    return LocalStorage(root, base_url=base, signer=UrlSigner(key))


async def open_storage(settings: SubgraphSettings) -> ObjectStorage:
    """`media_storage`'s backend, ready; `close()` it when the process stops.

    ```python
    storage = await open_storage(runtime.settings(SubgraphSettings))
    runtime.on_stop(storage.close)
    ```
    """
    if settings.media_storage == "local":
        return local_storage(settings)
    secret = settings.s3_secret_access_key
    storage = await S3Storage.open(
        S3Location(
            bucket=settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=secret.get_secret_value() if secret else None,
        )
    )
    if settings.s3_create_bucket:
        await storage.ensure_bucket()
    return storage
