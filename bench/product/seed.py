"""Realistic data for one viewer: their goals and posts, and people they follow who post."""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp

from bench.product.client import Client

CREATE_GOAL = "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }"
CREATE_POST = "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }"
FOLLOW = "mutation($i: UserInput!) { followUser(input: $i) { id } }"
AREAS = ("HEALTH", "FINANCE", "FAMILY", "CAREER", "LEARNING", "CREATIVITY")


@dataclass(frozen=True)
class Scale:
    goals: int = 10
    posts: int = 10
    followed: int = 3


async def _author(client: Client, name: str, scale: Scale) -> None:
    await client.sign_up(name)
    for n in range(scale.goals):
        area = AREAS[n % len(AREAS)]
        goal = await client.ok(
            CREATE_GOAL,
            {
                "i": {
                    "title": f"{name} goal {n}",
                    "area": area,
                    "visibility": "PUBLIC",
                    "tasks": [{"title": f"step {t}"} for t in range(3)],
                }
            },
        )
        if n < scale.posts:
            text = f"{name} made progress on goal {n}"
            post = {"text": text, "category": area, "goalId": goal["createGoal"]["id"]}
            await client.ok(CREATE_POST, {"i": post})


async def seed_viewer(session: aiohttp.ClientSession, url: str, scale: Scale) -> Client:
    """The viewer has `scale.goals` goals and posts and follows `scale.followed` authors."""
    viewer = Client(session, url)
    await _author(viewer, "Viewer", scale)
    for n in range(scale.followed):
        author = Client(session, url)
        await _author(author, f"Author{n}", scale)
        author_id = (await author.ok("{ me { id } }"))["me"]["id"]
        await viewer.ok(FOLLOW, {"i": {"userId": author_id}})
    return viewer
