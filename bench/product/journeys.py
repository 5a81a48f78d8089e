"""The user journeys the benchmark drives: each what a real app screen or action sends.

A journey runs as one member (`slot` picks who, and which of their habits), and
checks the shape of its answer: a faster but emptier answer fails instead of
looking good.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bench.product.room import Room
from bench.product.seed import Member, Scale, World

HOME = """
query Home {
  me { displayName stats { goalsActive } goals(first: 10) { nodes { id title progress } } }
  followingFeed(first: 10) { nodes { id text author { displayName } goal { title progress } } }
}
"""
GOAL_DETAIL = """
query GoalDetail($id: ID!) {
  goal(id: $id) {
    id title description area status progress dueDate updatedAt
    tasks { id title done doneAt dueDate }
    insights { progress { at value } tasksCompletedPerDay { at value } totalFocusMinutes }
    posts(first: 5) { nodes { id text createdAt author { id displayName avatarUrl } } }
  }
}
"""
FEED = """
query Feed($first: Int!) {
  followingFeed(first: $first) {
    nodes {
      id text category likeCount commentCount viewerHasLiked createdAt
      author { id displayName avatarUrl }
      goal { id title progress }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""
ADD_COMMENT = """
mutation AddComment($i: AddCommentInput!) {
  addComment(input: $i) { id text createdAt author { id displayName avatarUrl } }
}
"""
CHECK_IN = """
mutation CheckIn($i: CheckInInput!) {
  checkInHabit(input: $i) { id currentStreak longestStreak checkedInToday recentCheckIns }
}
"""
UNDO_CHECK_IN = """
mutation UndoCheckIn($i: CheckInInput!) { undoHabitCheckIn(input: $i) { id checkedInToday } }
"""
INBOX = """
query Inbox {
  unreadNotificationCount
  notifications(first: 20) {
    nodes { id kind title body read count actorIds createdAt }
    pageInfo { hasNextPage endCursor }
  }
}
"""


@dataclass
class Stage:
    """What the journeys act on: the seeded world, and the chat room when it is open."""

    world: World
    scale: Scale
    room: Room | None = None

    def member(self, slot: int) -> Member:
        return self.world.members[slot % len(self.world.members)]


@dataclass(frozen=True)
class Journey:
    name: str
    run: Callable[[Stage, int], Awaitable[None]]
    # Distinct slots it can run on at once without two runs sharing state (a habit).
    slots: Callable[[Stage], int] = lambda stage: len(stage.world.members)


async def home_screen(stage: Stage, slot: int) -> None:
    data = await stage.member(slot).client.ok(HOME)
    assert len(data["me"]["goals"]["nodes"]) == 10, data
    assert len(data["followingFeed"]["nodes"]) == 10, data


async def goal_detail(stage: Stage, slot: int) -> None:
    member = stage.member(slot)
    # Goals with posts: the detail shows its tasks, insights and the posts about it.
    goal_id = member.goals[(slot // len(stage.world.members)) % len(member.posts)]
    goal = (await member.client.ok(GOAL_DETAIL, {"id": goal_id}))["goal"]
    assert len(goal["tasks"]) == stage.scale.tasks, goal
    assert goal["insights"] is not None, goal
    assert goal["insights"]["progress"], goal
    assert goal["posts"]["nodes"], goal
    assert goal["posts"]["nodes"][0]["author"]["displayName"], goal


def _feed_page(size: int) -> Callable[[Stage, int], Awaitable[None]]:
    async def feed(stage: Stage, slot: int) -> None:
        data = await stage.member(slot).client.ok(FEED, {"first": size})
        nodes: list[dict[str, Any]] = data["followingFeed"]["nodes"]
        assert len(nodes) == size, data
        assert all(n["author"]["displayName"] and n["goal"]["title"] for n in nodes), data

    return feed


async def post_comment(stage: Stage, slot: int) -> None:
    member = stage.member(slot)
    author = stage.member(slot + 1)  # someone they follow
    comment = {"postId": author.posts[0], "text": f"Keep going! ({slot})"}
    data = await member.client.ok(ADD_COMMENT, {"i": comment})
    assert data["addComment"]["author"]["displayName"], data


async def check_in_habit(stage: Stage, slot: int) -> None:
    """Check in today, then undo it, so the next run finds the day free again."""
    member = stage.member(slot)
    habit = member.habits[(slot // len(stage.world.members)) % len(member.habits)]
    done = (await member.client.ok(CHECK_IN, {"i": {"habitId": habit}}))["checkInHabit"]
    assert done["checkedInToday"], done
    assert done["currentStreak"] >= 1, done
    assert len(done["recentCheckIns"]) > 1, done
    undone = await member.client.ok(UNDO_CHECK_IN, {"i": {"habitId": habit}})
    assert not undone["undoHabitCheckIn"]["checkedInToday"], undone


async def open_notifications(stage: Stage, slot: int) -> None:
    data = await stage.member(slot).client.ok(INBOX)
    nodes: list[dict[str, Any]] = data["notifications"]["nodes"]
    # Follows, comments, likes and messages from seeding: several kinds for everyone.
    assert len({n["kind"] for n in nodes}) >= 2, data
    assert all(n["title"] for n in nodes), data


async def send_chat_message(stage: Stage, slot: int) -> None:
    assert stage.room is not None, "the chat journey needs the room's listeners"
    await stage.room.send(stage.member(slot))


JOURNEYS: tuple[Journey, ...] = (
    Journey("home screen", home_screen),
    Journey("goal detail", goal_detail),
    Journey("feed page 10", _feed_page(10)),
    Journey("feed page 50", _feed_page(50)),
    Journey("post comment", post_comment),
    Journey("chat message", send_chat_message),
    Journey(
        "habit check-in",
        check_in_habit,
        lambda stage: len(stage.world.members) * stage.scale.habits,
    ),
    Journey("notifications", open_notifications),
)
CHAT = "chat message"
