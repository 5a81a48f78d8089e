"""The whole system with its media on each storage backend, for suites that must hold on both.

A test module imports `lifegraph` from here (it replaces the conftest's fixture of that
name), and every test taking `new_client` runs twice: on the local directory backend, then
on S3 (moto's server, `s3_endpoint`).
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr

from common.settings import Settings
from tests.e2e.conftest import serve_lifegraph


def s3_settings(endpoint: str) -> dict[str, Any]:
    """Media on a bucket of its own on moto's S3 server."""
    return {
        "media_storage": "s3",
        "s3_endpoint_url": endpoint,
        "s3_bucket": f"e2e-{secrets.token_hex(4)}",
        "s3_access_key_id": "testing",
        "s3_secret_access_key": SecretStr("testing"),
        "s3_create_bucket": True,
    }


@pytest.fixture(params=["local", "s3"])
async def lifegraph(settings: Settings, request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """The whole system, its media on the local backend, then on S3."""
    backend = {}
    if request.param == "s3":
        backend = s3_settings(request.getfixturevalue("s3_endpoint"))
    async with serve_lifegraph(settings, **backend) as url:
        yield url
