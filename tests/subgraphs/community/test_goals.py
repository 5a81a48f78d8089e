"""Posts about goals: only the owner links a goal, and only those who may see it see the link."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import pytest

from common.events import Event
from common.events.amqp import AmqpEventBus
from common.events.catalog import GoalChanged
from common.testing.waiting import wait_until
from subgraphs.community.models import Category
from subgraphs.community.service.container import CommunityServices
from subgraphs.community.service.posts import PostDraft
from subgraphs.community.service.scope import Viewer
from tests.subgraphs.community.conftest import Api

pytestmark = pytest.mark.rabbitmq

GOAL = """query($id: ID!) { _entities(representations: [{__typename: "Goal", id: $id}]) {
  ... on Goal { posts { edges { node { id goal { id } } } } } } }"""
POST = "query($id: ID!) { post(id: $id) { id goal { id } } }"
CREATE = """mutation($input: CreatePostInput!) { createPost(input: $input) { id goal { id } } }"""


def goal_event(
    type: str = "goals.goal.created",
    *,
    goal_id: str,
    owner_id: str,
    visibility: Literal["public", "followers", "private"] = "public",
    title: str = "Run a 5k",
    time: datetime | None = None,
) -> Event:
    data = GoalChanged(
        goal_id=goal_id,
        owner_id=owner_id,
        title=title,
        area="health",
        status="active",
        progress=0,
        visibility=visibility,
    )
    event = Event.of(type, user_id=owner_id, data=data)
    return event.model_copy(update={"time": time}) if time else event


async def _goal_posts(api: Api, goal_id: str, user: str | None) -> list[dict[str, Any]]:
    data = await api.data(GOAL, {"id": goal_id}, user=user)
    return [e["node"] for e in data["_entities"][0]["posts"]["edges"]]


async def _link(api: Api, post_id: str, user: str | None) -> Any:
    return (await api.data(POST, {"id": post_id}, user=user))["post"]["goal"]


async def _known(api: Api, goal_id: str) -> None:
    """Wait until the subgraph's goal projection has applied the goal's event."""
    probes = itertools.count()

    async def projected() -> bool:
        # A stranger linking a known goal is refused; an unknown one is accepted.
        # A new stranger each time, so no probe runs into the posting rate limit.
        probe = await api.call(
            CREATE,
            {"input": {"text": "probe", "category": "GENERAL", "goalId": goal_id}},
            user=f"stranger-{next(probes)}",
        )
        return bool(probe.get("errors"))

    await wait_until(projected)


async def test_a_goal_not_yet_projected_is_linked_for_its_author_alone(api: Api) -> None:
    post = await api.post(user="ana", text="Week one done", goal_id="goal-1")
    assert post["goal"] == {"id": "goal-1"}
    assert await _link(api, post["id"], "ana") == {"id": "goal-1"}
    assert await _link(api, post["id"], "bob") is None
    assert await _link(api, post["id"], None) is None
    assert await _goal_posts(api, "goal-1", "ana") == [{"id": post["id"], "goal": {"id": "goal-1"}}]
    assert await _goal_posts(api, "goal-1", "bob") == []


async def test_once_projected_a_public_goal_shows_its_owners_posts_to_everyone(
    api: Api, bus: AmqpEventBus
) -> None:
    mine = await api.post(user="ana", text="Week one done", goal_id="goal-2")
    # Linked before the projection knew whose goal it is: dropped once it does.
    squatter = await api.post(user="bob", text="me too", goal_id="goal-2")
    await bus.publish(goal_event(goal_id="goal-2", owner_id="ana"))
    await _known(api, "goal-2")

    shown = [{"id": mine["id"], "goal": {"id": "goal-2"}}]
    for viewer in ("ana", "bob", None):
        assert await _goal_posts(api, "goal-2", viewer) == shown
        assert await _link(api, mine["id"], viewer) == {"id": "goal-2"}
    assert await _link(api, squatter["id"], "bob") is None

    refused = await api.error(
        CREATE, {"input": {"text": "x", "category": "GENERAL", "goalId": "goal-2"}}, user="bob"
    )
    assert refused["extensions"] == {"code": "FORBIDDEN", "field": "goalId"}
    again = await api.post(user="ana", text="Week two", goal_id="goal-2")
    assert again["goal"] == {"id": "goal-2"}


async def test_private_and_followers_goals_hide_their_links(api: Api, bus: AmqpEventBus) -> None:
    post = await api.post(user="ana", text="Secret progress", goal_id="goal-3")
    await bus.publish(goal_event(goal_id="goal-3", owner_id="ana", visibility="private"))
    await _known(api, "goal-3")
    assert await _link(api, post["id"], "ana") == {"id": "goal-3"}
    assert await _link(api, post["id"], "bob") is None
    assert await _goal_posts(api, "goal-3", "bob") == []
    # Someone else's private goal is not even there for them.
    hidden = await api.error(
        CREATE, {"input": {"text": "x", "category": "GENERAL", "goalId": "goal-3"}}, user="bob"
    )
    assert hidden["extensions"] == {"code": "NOT_FOUND", "field": "goalId"}

    await bus.publish(
        goal_event("goals.goal.updated", goal_id="goal-3", owner_id="ana", visibility="followers")
    )
    await api.follow("carl", "ana")

    async def followers_see_it() -> bool:
        link: dict[str, str] | None = await _link(api, post["id"], "carl")
        return link == {"id": "goal-3"}

    await wait_until(followers_see_it)
    assert await _goal_posts(api, "goal-3", "carl") == [
        {"id": post["id"], "goal": {"id": "goal-3"}}
    ]
    assert await _link(api, post["id"], "bob") is None


async def test_a_deleted_goal_takes_its_links_along(api: Api, bus: AmqpEventBus) -> None:
    post = await api.post(user="ana", text="Done with this", goal_id="goal-4")
    await bus.publish(goal_event(goal_id="goal-4", owner_id="ana"))
    await _known(api, "goal-4")
    await bus.publish(goal_event("goals.goal.deleted", goal_id="goal-4", owner_id="ana"))

    async def unlinked() -> bool:
        return await _link(api, post["id"], "ana") is None

    await wait_until(unlinked)
    assert await _goal_posts(api, "goal-4", "ana") == []
    gone = await api.error(
        CREATE, {"input": {"text": "x", "category": "GENERAL", "goalId": "goal-4"}}, user="ana"
    )
    assert gone["extensions"] == {"code": "NOT_FOUND", "field": "goalId"}


async def test_goal_events_apply_newest_first_and_only_a_restore_undoes_a_deletion(
    services: CommunityServices,
) -> None:
    now = datetime.now(UTC)
    goals, repo = services.goals, services.repos.goals

    async def apply(event: Event, *, deleted: bool = False) -> None:
        payload = event.payload()
        assert isinstance(payload, GoalChanged)
        restored = event.type == "goals.goal.restored"
        await goals.apply(payload, event.time, deleted=deleted, restored=restored, session=None)

    await apply(goal_event(goal_id="g", owner_id="ana", visibility="public", time=now))
    stale = goal_event(
        "goals.goal.updated",
        goal_id="g",
        owner_id="ana",
        visibility="private",
        time=now - timedelta(minutes=5),
    )
    await apply(stale)
    stored = await repo.by_goal("g")
    assert stored is not None
    assert stored.visibility == "public"

    post = await services.posts.create(
        Viewer("ana"), PostDraft(text="hi", category=Category.GENERAL, goal_id="g")
    )
    await apply(
        goal_event("goals.goal.deleted", goal_id="g", owner_id="ana", time=now), deleted=True
    )
    late = goal_event("goals.goal.reopened", goal_id="g", owner_id="ana", time=now + timedelta(1))
    await apply(late)
    stored = await repo.by_goal("g")
    assert stored is not None
    assert (stored.deleted, stored.title) == (True, "")
    # The owner's link is kept, hidden while the goal is deleted (it may come back).
    kept = await services.repos.posts.get(str(post.id))
    assert kept is not None
    assert kept.goal_id == "g"
    assert not Viewer("ana").shows_goal_link("ana", stored)

    older = goal_event("goals.goal.restored", goal_id="g", owner_id="ana", time=now)
    await apply(older)
    assert (await repo.by_goal("g") or stored).deleted is True
    back = goal_event("goals.goal.restored", goal_id="g", owner_id="ana", time=now + timedelta(2))
    await apply(back)
    restored = await repo.by_goal("g")
    assert restored is not None
    assert (restored.deleted, restored.title) == (False, "Run a 5k")
    assert Viewer("ana").shows_goal_link("ana", restored)
    # A deletion retried late, older than the restore, leaves it restored.
    await apply(
        goal_event("goals.goal.deleted", goal_id="g", owner_id="ana", time=now), deleted=True
    )
    assert (await repo.by_goal("g") or stored).deleted is False
