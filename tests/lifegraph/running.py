"""`lifegraph up` as a subprocess, started, probed and stopped the way an operator would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import httpx

Process = subprocess.Popen[bytes]


def processes_using(path: Path) -> list[int]:
    """Pids of `secantusd-py` processes whose command line names `path`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if str(path) in cmdline and "secantusd" in cmdline:
            found.append(int(entry.name))
    return found


def wait_healthy(url: str, process: Process, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"lifegraph up exited early with {process.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)  # polling a readiness condition, bounded by the deadline
    raise AssertionError("lifegraph up did not become healthy")


@contextmanager
def running_up(
    tmp_path: Path,
    port: int,
    *,
    args: Sequence[str] = (),
    port_flag: bool = False,
    stderr: IO[bytes] | None = None,
    own_session: bool = False,
    env: dict[str, str] | None = None,
) -> Iterator[Process]:
    """`lifegraph up` on `port` with its data under `tmp_path/data`; killed if still running.

    The port is given as `--port` with `port_flag`, else as LIFEGRAPH_PORT.
    `own_session` starts it as a service manager would: leader of its own
    process group, so a signal to that group cannot reach the test. `env`
    adds settings.
    """
    clean = ("MONGODB_URL", "AMQP_URL", "REDIS_URL")
    env = {k: v for k, v in os.environ.items() if k not in clean} | (env or {})
    env["LIFEGRAPH_DATA_DIR"] = str(tmp_path / "data")
    command = [str(Path(sys.executable).parent / "lifegraph"), "up", *args]
    if port_flag:
        command += ["--port", str(port)]
    else:
        env["LIFEGRAPH_PORT"] = str(port)
    with subprocess.Popen(  # noqa: S603
        command,
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=stderr,
        start_new_session=own_session,
    ) as process:
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def graphql(
    url: str, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
) -> dict[str, Any]:
    """POST to the router; fails on any GraphQL error."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
        timeout=30,
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


def register(url: str, email: str) -> str:
    """A new account's access token."""
    body = graphql(
        url,
        "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }",
        {"i": {"email": email, "password": "violet-harbour-lantern-42", "displayName": "Ada"}},
    )
    token: str = body["data"]["register"]["accessToken"]
    return token
