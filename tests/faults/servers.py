"""Private servers for outage tests: never the machine's shared RabbitMQ or Redis.

Each is a child process with its own ports, data directory and configuration,
in its own process group; stopping it signals that group and nothing else.
Every wait is bounded, and a server that fails to start says why (its log tail).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import uuid
from pathlib import Path

import aio_pika
from redis.asyncio import Redis

from common.mongo_server import free_port
from common.testing.waiting import wait_until

# The script itself, not the /usr/sbin wrapper: as root the wrapper re-runs it as
# the `rabbitmq` user, who cannot write the test's data directory.
_RABBIT_SCRIPTS = Path("/usr/lib/rabbitmq/bin/rabbitmq-server")


class ServerMissing(RuntimeError):
    pass


async def kill_group(process: asyncio.subprocess.Process) -> None:
    """SIGKILL the process's whole group and reap it: no goodbye to anyone, as in a crash."""
    os.killpg(process.pid, signal.SIGKILL)
    async with asyncio.timeout(10):
        await process.wait()


class ChildServer:
    """A server process in its own group, restartable on the same ports and data."""

    name = "server"

    def __init__(self, base: Path) -> None:
        self.base = base
        self._process: asyncio.subprocess.Process | None = None

    def _command(self) -> list[str]:
        raise NotImplementedError

    def _env(self) -> dict[str, str]:
        return dict(os.environ)

    async def _answers(self) -> bool:
        raise NotImplementedError

    async def start(self, *, within: float = 60.0) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        log = (self.base / "console.log").open("ab")
        try:
            self._process = await asyncio.create_subprocess_exec(
                *self._command(),
                env=self._env(),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        finally:
            log.close()
        try:
            await wait_until(self._up, within=within, every=0.2)
        except BaseException:
            await self.stop()
            raise

    async def _up(self) -> bool:
        if self._process is None or self._process.returncode is not None:
            raise RuntimeError(f"{self.name} exited while starting:\n{self.log_tail()}")
        return await self._answers()

    async def stop(self, *, within: float = 30.0) -> None:
        """SIGTERM to this server's own process group; SIGKILL if it lingers."""
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        for sig, wait in ((signal.SIGTERM, within), (signal.SIGKILL, 10.0)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                async with asyncio.timeout(wait):
                    await process.wait()
                return
            except TimeoutError:
                continue

    def log_tail(self, lines: int = 30) -> str:
        log = self.base / "console.log"
        if not log.exists():
            return ""
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


class PrivateRabbit(ChildServer):
    """A RabbitMQ node of the test's own: its node name, ports, config and data directory."""

    name = "private RabbitMQ"

    def __init__(self, base: Path) -> None:
        super().__init__(base)
        self.node = f"lgfaults-{uuid.uuid4().hex[:8]}@localhost"
        self.port = free_port()
        self.dist_port = free_port()

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    def _command(self) -> list[str]:
        script = _RABBIT_SCRIPTS if _RABBIT_SCRIPTS.exists() else shutil.which("rabbitmq-server")
        if script is None:
            raise ServerMissing(
                "rabbitmq-server is not installed: `apt-get install -y rabbitmq-server` "
                "(the fault tests start a private node; they never touch a running broker)"
            )
        return [str(script)]

    def _env(self) -> dict[str, str]:
        base = self.base
        (base / "rabbitmq.conf").write_text(
            f"listeners.tcp.1 = 127.0.0.1:{self.port}\n"
            "loopback_users.guest = true\n"
            "disk_free_limit.absolute = 50MB\n"
        )
        (base / "enabled_plugins").write_text("[].\n")
        (base / "rabbitmq-env.conf").write_text("")
        return {
            **os.environ,
            # A private Erlang cookie, and none of the machine's rabbitmq-env.conf.
            "HOME": str(base),
            "RABBITMQ_CONF_ENV_FILE": str(base / "rabbitmq-env.conf"),
            "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq.conf"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": str(base / "advanced.config"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(base / "log"),
            "RABBITMQ_PID_FILE": str(base / "rabbit.pid"),
            "RABBITMQ_PLUGINS_EXPAND_DIR": str(base / "plugins-expand"),
        }

    async def _answers(self) -> bool:
        try:
            connection = await aio_pika.connect(self.url, timeout=2)
        except Exception:
            return False
        await connection.close()
        return True


class PrivateRedis(ChildServer):
    """A redis-server of the test's own on its own port, without persistence."""

    name = "private Redis"

    def __init__(self, base: Path) -> None:
        super().__init__(base)
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _command(self) -> list[str]:
        executable = shutil.which("redis-server")
        if executable is None:
            raise ServerMissing("redis-server is not installed: `apt-get install -y redis-server`")
        return [
            executable,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.base),
            "--save",
            "",
            "--appendonly",
            "no",
        ]

    async def kill(self) -> None:
        """SIGKILL, as a crashed host or the OOM killer would: no goodbye to clients."""
        process, self._process = self._process, None
        assert process is not None
        await kill_group(process)

    async def _answers(self) -> bool:
        client = Redis.from_url(self.url, socket_connect_timeout=1)
        try:
            return bool(await client.ping())
        except Exception:
            return False
        finally:
            await client.aclose()
