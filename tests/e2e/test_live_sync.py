"""Live sync through the router: a second device follows goals, tasks, habits and the
calendar as they change, resumes after being away, and sees nobody else's."""

from __future__ import annotations

import json
from typing import Any

import httpx
import websockets
from prometheus_client.parser import text_string_to_metric_families

from common.testing.waiting import eventually
from common.testing.ws import acknowledged, bearer, receive
from tests.e2e.conftest import Client, NewClient

GOALS = """
subscription($after: String) {
  goalChanged(after: $after) { cursor goalId deleted goal { id title progress } }
}
"""
TASKS = "subscription { taskChanged { cursor taskId deleted task { id title completed } } }"
HABITS = "subscription { habitChanged { cursor habitId deleted habit { id currentStreak } } }"
CALENDAR = "subscription { calendarChanged { cursor activityId deleted activity { id title } } }"

CREATE_GOAL = "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }"
UPDATE_GOAL = "mutation($i: UpdateGoalInput!) { updateGoal(input: $i) { id } }"
DELETE_GOAL = "mutation($i: GoalIdInput!) { deleteGoal(input: $i) { deletedIds } }"

FAMILY = "goals:changes"


STATS = """
subscription($after: String) {
  statsChanged(after: $after) { cursor user { id displayName stats { goalsCompleted } } }
}
"""


async def _live_here(http: httpx.AsyncClient, lifegraph: str, family_name: str = FAMILY) -> float:
    """Live-sync subscribers whose channel is subscribed (goals' /metrics: one registry a
    process), so what is written from now on reaches them. graphql-transport-ws
    acknowledges no subscription: without this, a write could beat the subscription."""
    text = (await http.get(f"{lifegraph}/subgraphs/goals/metrics")).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        if family.name == "lifegraph_pubsub_subscribers"
        for sample in family.samples
        if sample.labels["family"] == family_name
    )


async def _until_live(
    http: httpx.AsyncClient, lifegraph: str, count: float, family_name: str = FAMILY
) -> None:
    await eventually(
        lambda: _live_here(http, lifegraph, family_name), lambda n: n == count, within=15
    )


async def _subscribe(
    socket: websockets.ClientConnection,
    id: str,
    query: str,
    variables: dict[str, Any] | None = None,
) -> None:
    payload = {"query": query, "variables": variables or {}}
    await socket.send(json.dumps({"id": id, "type": "subscribe", "payload": payload}))


async def _next(socket: websockets.ClientConnection, id: str) -> dict[str, Any]:
    """The next message on the socket, which must be a change on subscription `id`."""
    received = await receive(socket)
    assert (received["type"], received["id"]) == ("next", id), received
    assert "errors" not in received["payload"], received
    (change,) = received["payload"]["data"].values()
    assert isinstance(change["cursor"], str)
    return dict(change)


async def _new_goal(client: Client, title: str) -> str:
    created = await client.ok(CREATE_GOAL, {"i": {"title": title, "area": "CAREER"}})
    goal_id: str = created["createGoal"]["id"]
    return goal_id


async def test_a_second_device_follows_every_kind_of_change_and_nobody_elses(
    lifegraph: str, new_client: NewClient, http: httpx.AsyncClient
) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    await grace.sign_up("Grace")
    before = await _live_here(http, lifegraph)

    async with acknowledged(lifegraph, bearer(ada.token)) as socket:
        for id, query in (("g", GOALS), ("t", TASKS), ("h", HABITS), ("c", CALENDAR)):
            await _subscribe(socket, id, query)
        await _until_live(http, lifegraph, before + 4)

        # Grace's goal goes first: had it reached Ada, it would be the first message.
        await _new_goal(grace, "Grace's private goal")
        goal_id = await _new_goal(ada, "Run a marathon")
        change = await _next(socket, "g")
        assert (change["goalId"], change["deleted"]) == (goal_id, False)
        assert change["goal"] == {"id": goal_id, "title": "Run a marathon", "progress": 0}

        await ada.ok(UPDATE_GOAL, {"i": {"id": goal_id, "title": "Run two marathons"}})
        assert (await _next(socket, "g"))["goal"]["title"] == "Run two marathons"

        created = await ada.ok(
            "mutation($i: CreateTodoTaskInput!) { createTodoTask(input: $i) { id } }",
            {"i": {"title": "Buy shoes"}},
        )
        task_id = created["createTodoTask"]["id"]
        change = await _next(socket, "t")
        assert change["task"] == {"id": task_id, "title": "Buy shoes", "completed": False}
        await ada.ok(
            "mutation($i: TodoTaskIdInput!) { deleteTodoTask(input: $i) { deletedId } }",
            {"i": {"id": task_id}},
        )
        change = await _next(socket, "t")
        assert (change["taskId"], change["deleted"], change["task"]) == (task_id, True, None)

        made = await ada.ok(
            "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
            {"i": {"title": "Stretch"}},
        )
        habit_id = made["createHabit"]["id"]
        assert (await _next(socket, "h"))["habit"] == {"id": habit_id, "currentStreak": 0}
        await ada.ok(
            "mutation($i: CheckInInput!) { checkInHabit(input: $i) { id } }",
            {"i": {"habitId": habit_id}},
        )
        assert (await _next(socket, "h"))["habit"] == {"id": habit_id, "currentStreak": 1}

        scheduled = await ada.ok(
            "mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }",
            {
                "i": {
                    "title": "Long run",
                    "startsAt": "2027-03-06T08:00:00Z",
                    "endsAt": "2027-03-06T10:00:00Z",
                }
            },
        )
        activity_id = scheduled["createActivity"]["id"]
        change = await _next(socket, "c")
        assert change["activity"] == {"id": activity_id, "title": "Long run"}
        await ada.ok(
            "mutation($i: ActivityIdInput!) { deleteActivity(input: $i) }",
            {"i": {"id": activity_id}},
        )
        change = await _next(socket, "c")
        assert (change["activityId"], change["deleted"]) == (activity_id, True)


async def test_a_device_that_was_away_gets_each_changed_object_once_then_live_ones(
    lifegraph: str, new_client: NewClient, http: httpx.AsyncClient
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    before = await _live_here(http, lifegraph)

    async with acknowledged(lifegraph, bearer(ada.token)) as socket:
        await _subscribe(socket, "g", GOALS)
        await _until_live(http, lifegraph, before + 1)
        first = await _new_goal(ada, "First")
        seen = await _next(socket, "g")
        assert seen["goalId"] == first

    # Away: the first goal changes twice, a second is made, a third made and deleted.
    for title in ("First, renamed", "First, renamed again"):
        await ada.ok(UPDATE_GOAL, {"i": {"id": first, "title": title}})
    second = await _new_goal(ada, "Second")
    third = await _new_goal(ada, "Third")
    await ada.ok(DELETE_GOAL, {"i": {"id": third}})

    async with acknowledged(lifegraph, bearer(ada.token)) as socket:
        await _subscribe(socket, "g", GOALS, {"after": seen["cursor"]})
        replayed = [await _next(socket, "g") for _ in range(3)]
        assert [(c["goalId"], c["deleted"]) for c in replayed] == [
            (first, False),
            (second, False),
            (third, True),
        ]
        assert replayed[0]["goal"]["title"] == "First, renamed again"
        assert replayed[2]["goal"] is None
        # Replayed, so the subscription is live: what is written now comes through it.
        await ada.ok(UPDATE_GOAL, {"i": {"id": second, "title": "Second, live"}})
        live = await _next(socket, "g")
        assert (live["goalId"], live["goal"]["title"]) == (second, "Second, live")

    # Resuming after the last replayed change gives only what came after it.
    async with acknowledged(lifegraph, bearer(ada.token)) as socket:
        await _subscribe(socket, "g", GOALS, {"after": replayed[-1]["cursor"]})
        assert (await _next(socket, "g"))["goal"]["title"] == "Second, live"


async def test_a_forged_or_foreign_cursor_and_an_anonymous_socket_are_refused(
    lifegraph: str, new_client: NewClient
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    await _new_goal(ada, "Listed")
    listed = await ada.ok("{ myGoals(first: 1) { pageInfo { endCursor } } }")
    # A cursor of ours, but of a listing: signed for another context, so refused too.
    page_cursor = listed["myGoals"]["pageInfo"]["endCursor"]
    for after in ("bm90IGEgY3Vyc29y", "x" * 2000, page_cursor):
        async with acknowledged(lifegraph, bearer(ada.token)) as socket:
            await _subscribe(socket, "g", GOALS, {"after": after})
            refused = await receive(socket)
            assert refused["type"] == "error", refused
            assert refused["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"

    async with acknowledged(lifegraph, bearer(None)) as socket:
        await _subscribe(socket, "g", GOALS)
        refused = await receive(socket)
        assert refused["type"] == "error", refused
        assert refused["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_statistics_follow_the_events_that_move_them_and_resume(
    lifegraph: str, new_client: NewClient, http: httpx.AsyncClient
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    family = "analytics:changes"
    before = await _live_here(http, lifegraph, family)

    async with acknowledged(lifegraph, bearer(ada.token)) as socket:
        await _subscribe(socket, "s", STATS)
        await _until_live(http, lifegraph, before + 1, family)
        goal_id = await _new_goal(ada, "Ship it")
        await ada.ok(
            "mutation($i: SetGoalStatusInput!) { setGoalStatus(input: $i) { id } }",
            {"i": {"id": goal_id, "status": "COMPLETED"}},
        )
        # Analytics applies the creation and the completion one after the other: the
        # completion's change is the one that shows it.
        change = await _next(socket, "s")
        while change["user"]["stats"]["goalsCompleted"] == 0:
            change = await _next(socket, "s")
        assert change["user"] == {
            "id": change["user"]["id"],
            "displayName": "Ada",
            "stats": {"goalsCompleted": 1},
        }
        first_cursor = change["cursor"]

    await ada.ok(
        "mutation($i: SetGoalStatusInput!) { setGoalStatus(input: $i) { id } }",
        {"i": {"id": goal_id, "status": "ACTIVE"}},
    )
    async with acknowledged(lifegraph, bearer(ada.token)) as socket:
        await _subscribe(socket, "s", STATS, {"after": first_cursor})
        # Waits for analytics to apply the reopening: its change is replayed or live.
        change = await _next(socket, "s")
        assert change["user"]["stats"]["goalsCompleted"] == 0


async def test_a_device_sees_what_goes_to_the_trash_leave_and_come_back(
    lifegraph: str, new_client: NewClient, http: httpx.AsyncClient
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    restore = "mutation($id: ID!) { restoreFromTrash(input: {id: $id}) { item { id } } }"
    goal_id = await _new_goal(ada, "Run a marathon")
    made = await ada.ok('mutation { createHabit(input: {title: "Stretch"}) { id } }')
    habit_id = made["createHabit"]["id"]
    before = await _live_here(http, lifegraph)

    async with acknowledged(lifegraph, bearer(ada.token)) as socket:
        await _subscribe(socket, "g", GOALS)
        await _subscribe(socket, "h", HABITS)
        await _until_live(http, lifegraph, before + 2)

        await ada.ok(DELETE_GOAL, {"i": {"id": goal_id}})
        change = await _next(socket, "g")
        assert (change["goalId"], change["deleted"], change["goal"]) == (goal_id, True, None)
        await ada.ok(restore, {"id": goal_id})
        change = await _next(socket, "g")
        assert (change["goalId"], change["deleted"]) == (goal_id, False)
        assert change["goal"] == {"id": goal_id, "title": "Run a marathon", "progress": 0}

        await ada.ok("mutation($id: ID!) { deleteHabit(input: {id: $id}) }", {"id": habit_id})
        change = await _next(socket, "h")
        assert (change["habitId"], change["deleted"]) == (habit_id, True)
        await ada.ok(restore, {"id": habit_id})
        change = await _next(socket, "h")
        assert (change["habitId"], change["deleted"], change["habit"]) == (
            habit_id,
            False,
            {"id": habit_id, "currentStreak": 0},
        )
