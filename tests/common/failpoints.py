"""A private database server whose commands can be made to fail (`configureFailPoint`).

The fixture lives in `tests/common/conftest.py`; a test fails only the commands of
a client whose `appname` is `VICTIM`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pymongo import AsyncMongoClient, MongoClient
from pymongo.errors import PyMongoError

from common.mongo_server import free_port

VICTIM = "lifegraph-failpoint-victim"


@contextmanager
def failpoint_server() -> Iterator[str]:
    """A private secantusd-py with test commands on: `configureFailPoint` is server-wide."""
    executable = Path(sys.executable).parent / "secantusd-py"
    port = free_port()
    command = [str(executable), "--port", str(port), "--storage-path", ":memory:"]
    command += ["--enable-test-commands", "--log-level", "WARNING"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
    url = f"mongodb://127.0.0.1:{port}/?directConnection=true"
    try:
        deadline = time.monotonic() + 30
        while True:
            probe: MongoClient[dict[str, Any]] = MongoClient(url, serverSelectionTimeoutMS=250)
            try:
                probe.admin.command("ping")
                break
            except PyMongoError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
            finally:
                probe.close()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


async def fail_next(url: str, command: str, data: dict[str, Any], *, times: int = 1) -> None:
    admin: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(url)
    try:
        await admin.admin.command(
            {
                "configureFailPoint": "failCommand",
                "mode": {"times": times} if times else "alwaysOn",
                "data": {"failCommands": [command], "appName": VICTIM, **data},
            }
        )
    finally:
        await admin.close()


async def clear_failpoints(url: str) -> None:
    admin: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(url)
    try:
        await admin.admin.command({"configureFailPoint": "failCommand", "mode": "off"})
    finally:
        await admin.close()
