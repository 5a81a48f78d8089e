"""An S3-compatible service (AWS S3, MinIO, R2) as object storage, through aiobotocore."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from botocore.exceptions import ClientError

from common.storage.base import ObjectInfo, ObjectMissing, PresignedPut, valid_key

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client
    from types_aiobotocore_s3.type_defs import CompletedPartTypeDef

_MISSING = {"404", "NoSuchKey", "NotFound"}
# Parts of a multipart upload: S3 wants at least 5 MiB for every part but the last.
_PART_BYTES = 8 << 20
# LastModified is whole seconds: an object written at 12:00:00.9 reports 12:00:00.
_LAST_MODIFIED_GRAIN = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class S3Location:
    """Where the bucket is and who we are to it."""

    bucket: str
    endpoint_url: str | None = None  # None: AWS itself
    region: str = "us-east-1"
    access_key_id: str | None = None
    secret_access_key: str | None = None


class S3Storage:
    """One bucket; `open()` makes the client, `close()` releases its connections.

    ```python
    storage = await S3Storage.open(S3Location(bucket="media", endpoint_url="http://minio:9000"))
    ```
    """

    def __init__(self, client: S3Client, bucket: str, stack: AsyncExitStack) -> None:
        self._client = client
        self.bucket = bucket
        self._stack = stack

    @classmethod
    async def open(cls, location: S3Location) -> S3Storage:
        stack = AsyncExitStack()
        # Path-style addressing: MinIO and most self-hosted services have no bucket DNS.
        config = AioConfig(signature_version="s3v4", s3={"addressing_style": "path"})
        client: S3Client = await stack.enter_async_context(
            get_session().create_client(
                "s3",
                endpoint_url=location.endpoint_url,
                region_name=location.region,
                aws_access_key_id=location.access_key_id,
                aws_secret_access_key=location.secret_access_key,
                config=config,
            )
        )
        return cls(client, location.bucket, stack)

    async def ensure_bucket(self) -> None:
        """Create the bucket unless it exists (development and tests; production provisions it)."""
        try:
            await self._client.head_bucket(Bucket=self.bucket)
        except ClientError:
            await self._client.create_bucket(Bucket=self.bucket)

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        await self._client.put_object(
            Bucket=self.bucket, Key=_checked(key), Body=data, ContentType=content_type
        )

    async def put_file(self, key: str, path: Path, *, content_type: str) -> None:
        # Multipart: one chunk in memory at a time, whatever the file's size.
        checked = _checked(key)
        started = await self._client.create_multipart_upload(
            Bucket=self.bucket, Key=checked, ContentType=content_type
        )
        upload_id = started["UploadId"]
        try:
            parts: list[CompletedPartTypeDef] = []
            with await asyncio.to_thread(path.open, "rb") as file:
                # S3 wants at least one part, even for an empty file.
                while (chunk := await asyncio.to_thread(file.read, _PART_BYTES)) or not parts:
                    number = len(parts) + 1
                    answer = await self._client.upload_part(
                        Bucket=self.bucket,
                        Key=checked,
                        UploadId=upload_id,
                        PartNumber=number,
                        Body=chunk,
                    )
                    parts.append({"ETag": answer["ETag"], "PartNumber": number})
                    if len(chunk) < _PART_BYTES:
                        break
            await self._client.complete_multipart_upload(
                Bucket=self.bucket,
                Key=checked,
                UploadId=upload_id,
                MultipartUpload={"Parts": parts},
            )
        except BaseException:
            await self._client.abort_multipart_upload(
                Bucket=self.bucket, Key=checked, UploadId=upload_id
            )
            raise

    async def get(self, key: str) -> bytes:
        try:
            answer = await self._client.get_object(Bucket=self.bucket, Key=_checked(key))
        except ClientError as exc:
            if _code(exc) in _MISSING:
                raise ObjectMissing(key) from exc
            raise
        async with answer["Body"] as body:
            data: bytes = await body.read()
        return data

    async def head(self, key: str) -> ObjectInfo | None:
        try:
            answer = await self._client.head_object(Bucket=self.bucket, Key=_checked(key))
        except ClientError as exc:
            if _code(exc) in _MISSING:
                return None
            raise
        return ObjectInfo(
            key=key,
            size=answer["ContentLength"],
            content_type=answer.get("ContentType"),
            stored_by=answer["LastModified"] + _LAST_MODIFIED_GRAIN,
        )

    async def delete(self, key: str) -> None:
        await self._client.delete_object(Bucket=self.bucket, Key=_checked(key))

    async def presign_put(
        self, key: str, *, content_type: str, byte_size: int, expires_in: int
    ) -> PresignedPut:
        params: dict[str, Any] = {
            "Bucket": self.bucket,
            "Key": _checked(key),
            "ContentType": content_type,
        }
        url = await self._client.generate_presigned_url(
            "put_object", Params=params, ExpiresIn=expires_in
        )
        return PresignedPut(
            url=url,
            headers={"Content-Type": content_type},
            expires_at=datetime.fromtimestamp(int(time.time()) + expires_in, UTC),
        )

    async def signed_get(self, key: str, *, expires_in: int) -> str:
        params = {"Bucket": self.bucket, "Key": _checked(key)}
        url: str = await self._client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expires_in
        )
        return url

    async def close(self) -> None:
        await self._stack.aclose()


def _checked(key: str) -> str:
    if not valid_key(key):
        raise ValueError(f"invalid storage key {key!r}")
    return key


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
