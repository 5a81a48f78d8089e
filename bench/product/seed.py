"""Realistic data for N users, written through the router as the apps write it.

Every write goes through the public API (so the services' invariants, events
and projections hold, and analytics and notifications build their own rows from
the events): users with goals and tasks (some done), habits with months of
check-ins (back-dated with `checkInHabit(day:)`), follows, posts on their goals,
comments and likes on the people they follow (which notify the authors), a
direct conversation with messages, and one group conversation every user is in
(the chat journey's room).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

import aiohttp

from bench.product.client import Client

CREATE_GOAL = """mutation($i: CreateGoalInput!) {
  createGoal(input: $i) { id tasks { id } }
}"""
UPDATE_TASK = "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id progress } }"
CREATE_POST = "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }"
CREATE_HABIT = "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }"
CHECK_IN = "mutation($i: CheckInInput!) { checkInHabit(input: $i) { id currentStreak } }"
FOLLOW = "mutation($i: UserInput!) { followUser(input: $i) { id } }"
LIKE = "mutation($i: PostInput!) { likePost(input: $i) { id } }"
COMMENT = "mutation($i: AddCommentInput!) { addComment(input: $i) { id } }"
DIRECT = """mutation($i: StartDirectConversationInput!) {
  startDirectConversation(input: $i) { id }
}"""
GROUP = "mutation($i: CreateGroupConversationInput!) { createGroupConversation(input: $i) { id } }"
SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"
AREAS = ("HEALTH", "FINANCE", "FAMILY", "CAREER", "LEARNING", "CREATIVITY")
GROUP_LIMIT = 256  # members of a group conversation (chat's limit)


@dataclass(frozen=True)
class Scale:
    """What each of `users` users has; the defaults make the journeys' pages full."""

    users: int = 12
    goals: int = 10
    tasks: int = 4
    habits: int = 2
    history_days: int = 60
    posts: int = 8
    followed: int = 6
    messages: int = 10


@dataclass
class Member:
    """One seeded user as the journeys use them: signed in, with their ids."""

    client: Client
    user_id: str
    goals: list[str] = field(default_factory=list)
    habits: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)


@dataclass
class World:
    members: list[Member]
    group: str  # a conversation every member is in


async def _bounded(limit: int, jobs: Sequence[Callable[[], Awaitable[None]]]) -> None:
    gate = asyncio.Semaphore(limit)

    async def run(job: Callable[[], Awaitable[None]]) -> None:
        async with gate:
            await job()

    await asyncio.gather(*(run(job) for job in jobs))


async def _goals(member: Member, scale: Scale, n: int) -> None:
    for g in range(scale.goals):
        area = AREAS[(n + g) % len(AREAS)]
        goal = await member.client.ok(
            CREATE_GOAL,
            {
                "i": {
                    "title": f"User{n} goal {g}",
                    "area": area,
                    "description": "A goal the benchmark made, with a few steps.",
                    "visibility": "PUBLIC",
                    "tasks": [{"title": f"step {t}"} for t in range(scale.tasks)],
                }
            },
        )
        goal_id: str = goal["createGoal"]["id"]
        member.goals.append(goal_id)
        # Some progress, so insights and the feed's goals have something to show.
        for task in goal["createGoal"]["tasks"][: g % scale.tasks]:
            update = {"goalId": goal_id, "taskId": task["id"], "done": True}
            await member.client.ok(UPDATE_TASK, {"i": update})
        if g < scale.posts:
            post = {"text": f"User{n} made progress on goal {g}", "category": area}
            created = await member.client.ok(CREATE_POST, {"i": post | {"goalId": goal_id}})
            member.posts.append(created["createPost"]["id"])


async def _habits(member: Member, scale: Scale, today: date) -> None:
    for h in range(scale.habits):
        habit = await member.client.ok(CREATE_HABIT, {"i": {"title": f"habit {h}"}})
        habit_id: str = habit["createHabit"]["id"]
        member.habits.append(habit_id)
        # Months of history with gaps (every seventh day missed); today stays free
        # for the check-in journey.
        for back in range(scale.history_days, 0, -1):
            if back % 7 != 3:
                day = (today - timedelta(days=back)).isoformat()
                await member.client.ok(CHECK_IN, {"i": {"habitId": habit_id, "day": day}})


async def _follows(member: Member, members: list[Member], n: int, scale: Scale) -> None:
    for k in range(1, scale.followed + 1):
        other = members[(n + k) % len(members)]
        await member.client.ok(FOLLOW, {"i": {"userId": other.user_id}})


async def _social(member: Member, members: list[Member], n: int, scale: Scale) -> None:
    for k in range(1, scale.followed + 1):
        other = members[(n + k) % len(members)]
        text = f"Well done, from User{n}!"
        await member.client.ok(COMMENT, {"i": {"postId": other.posts[0], "text": text}})
        await member.client.ok(LIKE, {"i": {"postId": other.posts[k % len(other.posts)]}})
    peer = members[(n + 1) % len(members)]
    direct = await member.client.ok(DIRECT, {"i": {"userId": peer.user_id}})
    conversation = direct["startDirectConversation"]["id"]
    for m in range(scale.messages):
        message = {"conversationId": conversation, "text": f"message {m} from User{n}"}
        await member.client.ok(SEND, {"i": message})


async def seed(session: aiohttp.ClientSession, url: str, scale: Scale) -> World:
    """`scale.users` users with their data; the first `followed` follows need that many others."""
    assert scale.users > scale.followed, "each user follows `followed` others"
    members: list[Member] = []

    async def sign_up(n: int) -> None:
        client = Client(session, url)
        members.append(Member(client, await client.sign_up(f"User{n}")))

    # Sign-ups first (everyone needs the others' ids), in order: user n is members[n].
    for n in range(scale.users):
        await sign_up(n)
    today = datetime.now(UTC).date()  # users are on UTC: their "today" is the server's
    goals = [partial(_goals, m, scale, n) for n, m in enumerate(members)]
    habits = [partial(_habits, m, scale, today) for m in members]
    await _bounded(12, [*goals, *habits])
    # Concurrent follows around the ring once livelocked on the profiles they share
    # (docs/performance.md, "Found by the journeys"); now they queue per profile.
    await _bounded(8, [partial(_follows, m, members, n, scale) for n, m in enumerate(members)])
    await _bounded(8, [partial(_social, m, members, n, scale) for n, m in enumerate(members)])
    owner, others = members[0], members[1:GROUP_LIMIT]
    room: dict[str, Any] = await owner.client.ok(
        GROUP, {"i": {"title": "Bench room", "memberIds": [m.user_id for m in others]}}
    )
    return World(members, room["createGroupConversation"]["id"])
