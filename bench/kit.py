"""What every benchmark needs: a server that answers, its latencies, its process's costs.

Free ports come from `common.mongo_server.free_port`, as in the tests.
Percentiles are nearest-rank over the sorted samples (no interpolation), in
milliseconds, the way every table here reports them.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Sequence
from pathlib import Path

import httpx


async def wait_ready(
    url: str,
    *,
    within: float,
    process: asyncio.subprocess.Process | None = None,
    every: float = 0.05,
) -> None:
    """Poll `url` until it answers without a server error; fail after `within` seconds.

    With `process`, fail at once when it exits instead of waiting the time out.
    """
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=5.0) as client:
        while True:
            if process is not None and process.returncode is not None:
                raise RuntimeError(f"the server for {url} exited with {process.returncode}")
            try:
                if (await client.get(url)).status_code < 500:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not become ready within {within:g}s")
            await asyncio.sleep(every)


def percentile_ms(seconds: Sequence[float], q: float) -> float:
    """The `q` quantile (0..1) of latencies in seconds, in ms; 0.0 when there are none."""
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used: steadier than latency on a busy machine."""
    with open(f"/proc/{pid}/stat") as stat:
        # The command name (field 2) may hold spaces: split after its closing parenthesis.
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """The process's resident memory in MiB (0.0 if the kernel does not say)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def process_tree(pid: int) -> list[int]:
    """`pid` and every descendant (workers, forks)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def tree_cpu_seconds(pid: int) -> float:
    """`cpu_seconds` of `pid` and its descendants alive now (a supervisor and its workers)."""
    total = 0.0
    for each in process_tree(pid):
        try:
            total += cpu_seconds(each)
        except OSError:
            continue
    return total


def tree_rss_mb(pid: int) -> float:
    """`rss_mb` of `pid` and its descendants."""
    total = 0.0
    for each in process_tree(pid):
        try:
            total += rss_mb(each)
        except OSError:
            continue
    return total
