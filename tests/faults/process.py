"""Fault-test processes: start one, wait for what it prints, SIGKILL it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from types import TracebackType

from common.settings import Settings

from .worker import SETTINGS_ENV

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    def __init__(self, mode: str, settings: Settings) -> None:
        self.mode = mode
        self._settings = settings
        self._process: asyncio.subprocess.Process | None = None

    async def start(self) -> Worker:
        env = {**os.environ, SETTINGS_ENV: self._settings.model_dump_json()}
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.faults.worker",
            self.mode,
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
        )
        return self

    async def expect(self, prefix: str, *, within: float = 30.0) -> str:
        """The rest of the first line starting with `prefix`; fails if the process exits first."""
        assert self._process is not None
        assert self._process.stdout is not None
        async with asyncio.timeout(within):
            while True:
                raw = await self._process.stdout.readline()
                if not raw:
                    code = await self._process.wait()
                    raise AssertionError(f"worker {self.mode} exited with {code} before {prefix!r}")
                line = raw.decode().strip()
                if line.startswith(prefix):
                    return line[len(prefix) :].strip()

    async def kill(self) -> None:
        """SIGKILL: no finally blocks, no lease release, no acks; as a crashed machine would."""
        assert self._process is not None
        self._process.send_signal(signal.SIGKILL)
        code = await self._reap()
        assert code == -signal.SIGKILL

    def pause(self) -> None:
        """SIGSTOP: alive to the kernel and its peers, doing nothing; as a hung process would."""
        assert self._process is not None
        self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGCONT)

    async def __aenter__(self) -> Worker:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is None:
            return
        if self._process.returncode is None:
            self._process.kill()
        await self._reap()

    async def _reap(self) -> int:
        # Read stdout to its end as well as waiting: asyncio closes the
        # subprocess transport only once every pipe has seen EOF, and an open
        # one is a ResourceWarning (an error here) whenever it is collected.
        assert self._process is not None
        await self._process.communicate()
        return await self._process.wait()
