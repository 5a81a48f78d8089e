"""LifeGraph as separate processes, as `lifegraph serve <name>` and `lifegraph router` run it.

`python -m tests.faults.stack serve <subgraph> <port>` or `... router <port> <sdl file>
<name=url>...`, with Settings as JSON in LIFEGRAPH_FAULT_SETTINGS (the fault tests'
settings are built in the test, not read from the environment). Each process is
built by the same factories as the CLI's commands and served by uvicorn, so a
test can SIGSTOP, SIGCONT or SIGKILL one of them.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import uvicorn
from pydantic import SecretStr
from starlette.types import ASGIApp

from common.app import create_subgraph_app
from common.settings import Settings
from common.testing.waiting import wait_until
from lifegraph.discovery import discover_subgraphs
from lifegraph.router_setup import create_lifegraph_router

from .servers import kill_group
from .worker import SETTINGS_ENV

ROOT = Path(__file__).resolve().parents[2]


class Process:
    """One served process, in its own process group so signals reach only it."""

    def __init__(self, name: str, port: int, args: list[str], settings: Settings) -> None:
        self.name = name
        self.url = f"http://127.0.0.1:{port}"
        self._args = args
        self._settings = settings
        self._process: asyncio.subprocess.Process | None = None

    async def start(self, *, within: float = 60.0) -> None:
        env = {**os.environ, SETTINGS_ENV: _with_secrets(self._settings)}
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.faults.stack",
            *self._args,
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )
        await wait_until(self._answers, within=within, every=0.2)

    async def _answers(self) -> bool:
        assert self._process is not None
        if self._process.returncode is not None:
            raise AssertionError(f"{self.name} exited with {self._process.returncode}")
        try:
            async with httpx.AsyncClient(timeout=2) as http:
                return (await http.get(f"{self.url}/health")).status_code < 500
        except httpx.HTTPError:
            return False

    def signal(self, sig: signal.Signals) -> None:
        assert self._process is not None
        os.killpg(self._process.pid, sig)

    async def kill(self) -> None:
        """SIGKILL and wait: the port closes, connections are refused; `start` runs it again."""
        process, self._process = self._process, None
        assert process is not None
        await kill_group(process)

    async def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        for sig in (signal.SIGCONT, signal.SIGKILL):  # a stopped process ignores the rest
            os.killpg(process.pid, sig)
        async with asyncio.timeout(10):
            await process.wait()


@asynccontextmanager
async def running(*processes: Process) -> AsyncIterator[None]:
    """Start in order (users first: the others fetch its keys); always stop all."""
    try:
        for process in processes:
            await process.start()
        yield
    finally:
        await asyncio.gather(*(p.stop() for p in processes))


def subgraph(name: str, port: int, settings: Settings) -> Process:
    return Process(name, port, ["serve", name, str(port)], settings)


def router(port: int, sdl: Path, urls: dict[str, str], settings: Settings) -> Process:
    overrides = [f"{name}={url}" for name, url in urls.items()]
    return Process("router", port, ["router", str(port), str(sdl), *overrides], settings)


def _with_secrets(settings: Settings) -> str:
    """Settings as JSON, secrets included (pydantic masks them): the child signs tokens."""
    data = settings.model_dump(mode="json")
    for name, value in settings:
        if isinstance(value, SecretStr):
            data[name] = value.get_secret_value()
    return json.dumps(data)


def _app(settings: Settings, args: list[str]) -> tuple[ASGIApp, int]:
    match args:
        case ["serve", name, port]:
            return create_subgraph_app(discover_subgraphs()[name], settings), int(port)
        case ["router", port, sdl, *overrides]:
            urls = dict(item.split("=", 1) for item in overrides)
            return create_lifegraph_router(settings, Path(sdl).read_text(), urls), int(port)
    raise SystemExit(f"usage: serve NAME PORT | router PORT SDL NAME=URL...; got {args}")


def main() -> None:
    settings = Settings.model_validate_json(os.environ[SETTINGS_ENV])
    application, port = _app(settings, sys.argv[1:])
    uvicorn.run(application, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
