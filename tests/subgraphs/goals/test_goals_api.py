"""Goals over GraphQL on a served subgraph: hierarchy, roll-up, status, access, templates."""

from __future__ import annotations

from typing import Any

import pytest

from common.events import Event
from common.events.amqp import AmqpEventBus
from common.events.catalog import UserFollowed, UserUpdated
from common.testing.waiting import eventually

from .conftest import Api, Recorder

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

GOAL_FIELDS = "id title status progress progressMode depth visibility completedAt tasks { id done }"
CREATE = f"mutation($input: CreateGoalInput!) {{ createGoal(input: $input) {{ {GOAL_FIELDS} }} }}"
UPDATE = f"mutation($input: UpdateGoalInput!) {{ updateGoal(input: $input) {{ {GOAL_FIELDS} }} }}"
STATUS = (
    f"mutation($input: SetGoalStatusInput!) {{ setGoalStatus(input: $input) {{ {GOAL_FIELDS} }} }}"
)
TASK = f"mutation($input: UpdateTaskInput!) {{ updateTask(input: $input) {{ {GOAL_FIELDS} }} }}"
GET = f"query($id: ID!) {{ goal(id: $id) {{ {GOAL_FIELDS} }} }}"


async def create_goal(
    api: Api,
    *,
    user: str = "alice",
    title: str = "Get fit",
    area: str = "HEALTH",
    parent: str | None = None,
    tasks: list[str] = (),  # type: ignore[assignment]
    visibility: str = "PRIVATE",
) -> dict[str, Any]:
    data = await api.ok(
        CREATE,
        {
            "input": {
                "title": title,
                "area": area,
                "parentId": parent,
                "visibility": visibility,
                "tasks": [{"title": t} for t in tasks],
            }
        },
        user=user,
    )
    goal: dict[str, Any] = data["createGoal"]
    return goal


async def progress_of(api: Api, goal_id: str, user: str = "alice") -> int:
    data = await api.ok(GET, {"id": goal_id}, user=user)
    value: int = data["goal"]["progress"]
    return value


async def test_create_goal_publishes_after_the_write(api: Api, recorder: Recorder) -> None:
    goal = await create_goal(api, tasks=["Buy shoes"])
    assert goal["status"] == "ACTIVE"
    assert goal["depth"] == 1
    assert len(goal["tasks"]) == 1
    [event] = await recorder.wait_count("goals.goal.created", 1)
    assert event.data["goal_id"] == goal["id"]
    assert event.data["status"] == "active"
    assert event.user_id == "alice"


async def test_progress_rolls_up_through_several_levels(api: Api, recorder: Recorder) -> None:
    root = await create_goal(api, title="Root")
    middle = await create_goal(api, title="Middle", parent=root["id"])
    leaf = await create_goal(api, title="Leaf", parent=middle["id"], tasks=["a", "b", "c", "d"])
    sibling = await create_goal(api, title="Sibling", parent=root["id"])
    assert leaf["depth"] == 3

    task_ids = [t["id"] for t in leaf["tasks"]]
    for task_id in task_ids[:2]:
        await api.ok(
            TASK, {"input": {"goalId": leaf["id"], "taskId": task_id, "done": True}}, user="alice"
        )
    # Leaf: 2 of 4 tasks = 50; Middle: its only child = 50; Root: mean(50, sibling 0) = 25.
    assert await progress_of(api, leaf["id"]) == 50
    assert await progress_of(api, middle["id"]) == 50
    assert await progress_of(api, root["id"]) == 25

    # A manual value on the sibling feeds its parent's derived progress.
    await api.ok(UPDATE, {"input": {"id": sibling["id"], "progress": 75}}, user="alice")
    assert await progress_of(api, root["id"]) == 63  # round((50 + 75) / 2)

    # Completing the leaf counts as 100 all the way up.
    done = await api.ok(STATUS, {"input": {"id": leaf["id"], "status": "COMPLETED"}}, user="alice")
    assert done["setGoalStatus"]["completedAt"] is not None
    assert await progress_of(api, middle["id"]) == 100
    assert await progress_of(api, root["id"]) == 88
    await recorder.wait_count("goals.task.completed", 2)
    await recorder.wait_count("goals.goal.completed", 1)

    reopened = await api.ok(STATUS, {"input": {"id": leaf["id"], "status": "ACTIVE"}}, user="alice")
    assert reopened["setGoalStatus"]["completedAt"] is None
    assert reopened["setGoalStatus"]["progress"] == 50
    assert await progress_of(api, root["id"]) == 63
    await recorder.wait_count("goals.goal.reopened", 1)


async def test_nesting_stops_at_five_levels_and_cycles_are_refused(api: Api) -> None:
    chain = [await create_goal(api, title="L1")]
    for level in range(2, 6):
        chain.append(await create_goal(api, title=f"L{level}", parent=chain[-1]["id"]))
    assert chain[-1]["depth"] == 5
    error = await api.error(
        CREATE,
        {"input": {"title": "L6", "area": "HEALTH", "parentId": chain[-1]["id"]}},
        user="alice",
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "parentId"}

    cycle = await api.error(
        UPDATE, {"input": {"id": chain[0]["id"], "parentId": chain[2]["id"]}}, user="alice"
    )
    assert cycle["extensions"]["field"] == "parentId"
    # Moving L3 (with L4, L5 under it) under a fresh root gives depth 2..4.
    other = await create_goal(api, title="Other")
    moved = await api.ok(
        UPDATE, {"input": {"id": chain[2]["id"], "parentId": other["id"]}}, user="alice"
    )
    assert moved["updateGoal"]["depth"] == 2
    assert (await api.ok(GET, {"id": chain[4]["id"]}, user="alice"))["goal"]["depth"] == 4


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"title": "   "}, "title"),
        ({"progress": 101}, "progress"),
        ({"progress": -1}, "progress"),
        ({"title": None}, "title"),
    ],
)
async def test_bad_updates_name_the_field_and_change_nothing(
    api: Api, patch: dict[str, Any], field: str
) -> None:
    goal = await create_goal(api, title="Keep me")
    error = await api.error(
        UPDATE, {"input": {"id": goal["id"], "visibility": "PUBLIC", **patch}}, user="alice"
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    after = (await api.ok(GET, {"id": goal["id"]}, user="alice"))["goal"]
    assert (after["title"], after["visibility"], after["progress"]) == ("Keep me", "PRIVATE", 0)


async def test_empty_title_is_refused(api: Api) -> None:
    error = await api.error(CREATE, {"input": {"title": "", "area": "HEALTH"}}, user="alice")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "title"}
    mine = await api.ok("{ myGoals { edges { node { id } } } }", user="alice")
    assert mine["myGoals"]["edges"] == []


async def test_visibility_for_owner_follower_and_stranger(
    api: Api, bus: AmqpEventBus, recorder: Recorder
) -> None:
    private = await create_goal(api, title="Private")
    followers = await create_goal(api, title="Followers", visibility="FOLLOWERS")
    public = await create_goal(api, title="Public", visibility="PUBLIC")
    await bus.publish(
        Event.of(
            "community.user.followed",
            user_id="bob",
            data=UserFollowed(follower_id="bob", followee_id="alice"),
        )
    )
    listing = """query($id: ID!) { _entities(representations: [{__typename: "User", id: $id}]) {
        ... on User { goals { edges { node { title } } } } } }"""

    async def titles(viewer: str | None) -> set[str]:
        data = await api.ok(listing, {"id": "alice"}, user=viewer)
        return {e["node"]["title"] for e in data["_entities"][0]["goals"]["edges"]}

    assert await titles("alice") == {"Private", "Followers", "Public"}
    assert await titles("carol") == {"Public"}
    assert await titles(None) == {"Public"}
    # The follow arrives asynchronously: poll for its observable effect, bounded.
    await eventually(lambda: titles("bob"), lambda seen: seen == {"Followers", "Public"})
    for goal, bob_sees in ((private, False), (followers, True), (public, True)):
        body = await api.call(GET, {"id": goal["id"]}, user="bob")
        if bob_sees:
            assert body["data"]["goal"]["id"] == goal["id"]
        else:
            assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        stranger = await api.call(GET, {"id": goal["id"]}, user="carol")
        assert ("errors" in stranger) is (goal is not public)
    # Others cannot write, and are told the goal does not exist.
    error = await api.error(UPDATE, {"input": {"id": public["id"], "title": "Mine"}}, user="bob")
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_entities_resolve_many_goals_and_hide_unreadable(api: Api) -> None:
    public = await create_goal(api, title="Public", visibility="PUBLIC")
    private = await create_goal(api, title="Private")
    data = await api.ok(
        "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Goal { id title } } }",
        {
            "reps": [
                {"__typename": "Goal", "id": public["id"]},
                {"__typename": "Goal", "id": private["id"]},
            ]
        },
        user="carol",
    )
    assert data["_entities"] == [{"id": public["id"], "title": "Public"}, None]


async def test_delete_removes_the_subtree_and_updates_the_parent(
    api: Api, recorder: Recorder
) -> None:
    root = await create_goal(api, title="Root")
    done_child = await create_goal(api, title="Done", parent=root["id"])
    doomed = await create_goal(api, title="Doomed", parent=root["id"])
    await create_goal(api, title="Grandchild", parent=doomed["id"])
    await api.ok(STATUS, {"input": {"id": done_child["id"], "status": "COMPLETED"}}, user="alice")
    assert await progress_of(api, root["id"]) == 50
    data = await api.ok(
        "mutation($id: ID!) { deleteGoal(input: {id: $id}) { deletedIds } }",
        {"id": doomed["id"]},
        user="alice",
    )
    assert len(data["deleteGoal"]["deletedIds"]) == 2
    assert await progress_of(api, root["id"]) == 100
    await recorder.wait_count("goals.goal.deleted", 2)


async def test_templates_instantiate_with_tasks_and_sub_goals(api: Api) -> None:
    templates = await api.ok(
        "{ goalTemplates(area: HEALTH) { id builtIn goal { title } } }", user="alice"
    )
    assert {"id": "builtin-run-5k", "builtIn": True, "goal": {"title": "Run a 5k"}} in templates[
        "goalTemplates"
    ]
    created = await api.ok(
        """mutation { instantiateGoalTemplate(
              input: {templateId: "builtin-run-5k", startDate: "2025-01-01"}) {
            id title dueDate templateId tasks { title dueDate }
            subGoals { title depth tasks { title } } } }""",
        user="alice",
    )
    goal = created["instantiateGoalTemplate"]
    assert goal["dueDate"] == "2025-03-05"  # 63 days on
    assert goal["tasks"][0] == {"title": "Buy running shoes", "dueDate": "2025-01-08"}
    assert [s["title"] for s in goal["subGoals"]] == ["Build the base", "Go the distance"]
    assert all(s["depth"] == 2 and s["tasks"] for s in goal["subGoals"])

    own = await api.ok(
        """mutation { createGoalTemplate(input: {area: CREATIVITY, goal: {title: "Album",
            tasks: [{title: "Write songs", dueInDays: 30}], subGoals: [{title: "Record"}]}})
            { id builtIn } }""",
        user="alice",
    )
    template_id = own["createGoalTemplate"]["id"]
    assert own["createGoalTemplate"]["builtIn"] is False
    made = await api.ok(
        "mutation($id: ID!) { instantiateGoalTemplate(input: {templateId: $id}) "
        "{ title subGoals { title } } }",
        {"id": template_id},
        user="alice",
    )
    assert made["instantiateGoalTemplate"] == {"title": "Album", "subGoals": [{"title": "Record"}]}
    # Someone else's template does not exist for bob.
    error = await api.error(
        "mutation($id: ID!) { instantiateGoalTemplate(input: {templateId: $id}) { id } }",
        {"id": template_id},
        user="bob",
    )
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_suggestions_target_the_lowest_scoring_areas(api: Api, bus: AmqpEventBus) -> None:
    scores = {
        "health": 80,
        "finance": 20,
        "family": 90,
        "career": 70,
        "learning": 10,
        "creativity": 60,
    }
    await bus.publish(
        Event.of(
            "users.user.updated",
            user_id="alice",
            data=UserUpdated(user_id="alice", display_name="Alice", life_areas=scores),
        )
    )
    query = "{ goalSuggestions(limit: 2) { areaScore template { id area } } }"
    found = await eventually(
        lambda: _suggestions(api, query), lambda got: bool(got) and got[0]["areaScore"] is not None
    )
    assert [s["template"]["area"] for s in found] == ["LEARNING", "FINANCE"]
    assert [s["areaScore"] for s in found] == [10, 20]
    # A template already in progress is not suggested again.
    await api.ok(
        "mutation($id: ID!) { instantiateGoalTemplate(input: {templateId: $id}) { id } }",
        {"id": found[0]["template"]["id"]},
        user="alice",
    )
    again = (await api.ok(query, user="alice"))["goalSuggestions"]
    assert again[0]["template"]["id"] != found[0]["template"]["id"]
    assert again[0]["template"]["area"] == "LEARNING"


async def test_anonymous_writes_are_unauthenticated(api: Api) -> None:
    error = await api.error(CREATE, {"input": {"title": "x", "area": "HEALTH"}})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def _suggestions(api: Api, query: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await api.ok(query, user="alice"))["goalSuggestions"]
    return found
