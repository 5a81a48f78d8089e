"""Time to refuse each hostile request, and `/health` latency while it is sent in a loop.

Run: python -m bench.abuse [--requests N] [--seconds S] [--attackers C]

The router (over canned subgraphs), a kit-built Strawberry subgraph and the real goals
subgraph (on a database of its own, called as a signed-in member) run in their own
processes; each attack in `bench.abuse.attacks.ATTACKS` is sent to each of its targets.
Targets: every rejection within 50 ms, `/health` p99 under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import statistics
import time
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any

import aiohttp

from bench.abuse.attacks import ATTACKS, GOALS, ROUTER, SUBGRAPH, Attack
from bench.abuse.servers import GOALS_AUDIENCE, GOALS_ISSUER, run_goals, run_router, run_subgraph
from bench.kit import cpu_seconds, percentile_ms, wait_ready
from bench.router.servers import run_subgraphs
from common.mongo_server import SecantusServer, free_port
from common.testing.tokens import TestKeys


@dataclass(frozen=True)
class Target:
    name: str
    base: str
    pid: int
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def graphql(self) -> str:
        return f"{self.base}/graphql"

    @property
    def health(self) -> str:
        return f"{self.base}/health"


@dataclass
class Row:
    attack: str
    target: str
    status: int
    error: str
    rejections: list[float]
    health: list[float]
    cpu_ms: float = 0.0


async def _send(session: aiohttp.ClientSession, target: Target, attack: Attack) -> tuple[int, str]:
    headers = {**target.headers, "content-type": attack.content_type}
    try:
        async with session.post(target.graphql, data=attack.body, headers=headers) as response:
            return response.status, _summary(await response.text())
    except aiohttp.ClientError as exc:
        # A server that drops the connection has refused too, if not gracefully.
        return 0, f"connection lost: {type(exc).__name__}"


def _summary(text: str) -> str:
    """The refusal's reason (or code), else the start of the body."""
    try:
        body: Any = json.loads(text)
        extensions = body["errors"][0].get("extensions", {})
        return str(extensions.get("reason") or extensions.get("code") or body["errors"][0])
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return text[:40].replace("\n", " ")


async def _timed(session: aiohttp.ClientSession, target: Target, attack: Attack) -> float:
    start = time.perf_counter()
    await _send(session, target, attack)
    return time.perf_counter() - start


async def _health_while(
    session: aiohttp.ClientSession,
    target: Target,
    attack: Attack | None,
    seconds: float,
    attackers: int,
) -> list[float]:
    """`/health` latencies, polled one after another while `attackers` loops send `attack`."""
    stop = time.monotonic() + seconds

    async def attacker() -> None:
        assert attack is not None
        while time.monotonic() < stop:
            await _send(session, target, attack)

    async def prober() -> list[float]:
        latencies: list[float] = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            async with session.get(target.health) as response:
                await response.read()
            latencies.append(time.perf_counter() - start)
        return latencies

    loops = [asyncio.create_task(attacker()) for _ in range(attackers if attack else 0)]
    latencies = await prober()
    await asyncio.gather(*loops)
    return latencies


async def _row(
    session: aiohttp.ClientSession, target: Target, attack: Attack, args: argparse.Namespace
) -> Row:
    status, error = await _send(session, target, attack)
    cpu_before = cpu_seconds(target.pid)
    rejections = [await _timed(session, target, attack) for _ in range(args.requests)]
    cpu_ms = (cpu_seconds(target.pid) - cpu_before) / args.requests * 1000
    health = await _health_while(session, target, attack, args.seconds, args.attackers)
    return Row(attack.name, target.name, status, error, rejections, health, cpu_ms)


def _start(mongo_url: str) -> tuple[list[BaseProcess], dict[str, Target]]:
    canned, router, subgraph, goals = free_port(), free_port(), free_port(), free_port()
    keys = TestKeys(issuer=GOALS_ISSUER, audience=GOALS_AUDIENCE)
    jwks = keys.key_set.as_dict(private=False)
    run = str(int(time.time()))
    ctx = multiprocessing.get_context("spawn")
    processes: list[BaseProcess] = [
        ctx.Process(target=run_subgraphs, args=(canned,), daemon=True),
        ctx.Process(target=run_router, args=(router, canned), daemon=True),
        ctx.Process(target=run_subgraph, args=(subgraph,), daemon=True),
        ctx.Process(target=run_goals, args=(goals, mongo_url, run, jwks), daemon=True),
    ]
    for process in processes:
        process.start()
    # An hour: the token must outlive the run however slow the machine.
    bearer = keys.bearer("bench", ttl=3600)
    targets = {
        ROUTER: Target(ROUTER, f"http://127.0.0.1:{router}", processes[1].pid or 0),
        SUBGRAPH: Target(SUBGRAPH, f"http://127.0.0.1:{subgraph}", processes[2].pid or 0),
        GOALS: Target(GOALS, f"http://127.0.0.1:{goals}", processes[3].pid or 0, bearer),
    }
    return processes, targets


async def _main(args: argparse.Namespace) -> None:
    with SecantusServer() as database:
        await _attack(args, database.url)


async def _attack(args: argparse.Namespace, mongo_url: str) -> None:
    processes, targets = _start(mongo_url)
    rows: list[Row] = []
    try:
        timeout = aiohttp.ClientTimeout(total=args.timeout)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            for target in targets.values():
                await wait_ready(target.health, within=180.0)
            for target in targets.values():
                idle = await _health_while(session, target, None, args.seconds, 0)
                rows.append(Row("(no attack)", target.name, 0, "", [], idle))
            for attack in ATTACKS:
                for name in attack.targets:
                    rows.append(await _row(session, targets[name], attack, args))
    finally:
        for process in processes:
            process.terminate()
            process.join(5)
    _print(rows, args)


def _print(rows: list[Row], args: argparse.Namespace) -> None:
    print(
        f"{args.requests} sequential rejections per row; /health polled for {args.seconds:g} s"
        f" while {args.attackers} clients repeat the attack\n"
    )
    header = (
        f"{'attack':<38}{'target':<10}{'status':>7}  {'refused with':<26}"
        f"{'reject p50':>11}{'reject max':>11}{'CPU/reject':>11}"
        f"{'health p50':>11}{'health p99':>11}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        reject_p50 = f"{percentile_ms(row.rejections, 0.5):.1f}" if row.rejections else "-"
        reject_max = f"{max(row.rejections) * 1000:.1f}" if row.rejections else "-"
        status = str(row.status) if row.rejections else "-"
        cpu = f"{row.cpu_ms:.1f}" if row.rejections else "-"
        print(
            f"{row.attack:<38}{row.target:<10}{status:>7}  {row.error[:25]:<26}"
            f"{reject_p50:>11}{reject_max:>11}{cpu:>11}"
            f"{percentile_ms(row.health, 0.5):>11.1f}{percentile_ms(row.health, 0.99):>11.1f}"
        )
    print(
        "\nms throughout (CPU/reject: the target process's CPU time per refusal);"
        " targets: every rejection within 50 ms, /health p99 under 100 ms"
    )
    slow = [r for r in rows if r.rejections and statistics.median(r.rejections) > 0.05]
    if slow:
        print("over the rejection target: " + ", ".join(f"{r.attack} ({r.target})" for r in slow))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=30.0, help="per request, seconds")
    asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
