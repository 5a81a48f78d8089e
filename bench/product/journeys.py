"""The user journeys the benchmark drives: each one request a real app screen makes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bench.product.client import Client

HOME = """
query Home {
  me { displayName stats { goalsActive } goals(first: 10) { nodes { id title progress } } }
  followingFeed(first: 10) { nodes { id text author { displayName } goal { title progress } } }
}
"""


@dataclass(frozen=True)
class Journey:
    name: str
    run: Callable[[Client], Awaitable[None]]


async def home_screen(client: Client) -> None:
    data = await client.ok(HOME)
    # A journey that silently returns less is not the same journey: check its shape.
    assert len(data["me"]["goals"]["nodes"]) == 10, data
    assert len(data["followingFeed"]["nodes"]) == 10, data


JOURNEYS: tuple[Journey, ...] = (Journey("home screen", home_screen),)
