"""Standalone tasks and projects through the router: lists, views, goal links, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient

FIELDS = "id title notes priority projectId goalId tags dueDate dueAt completed"
CREATE = f"mutation($i: CreateTodoTaskInput!) {{ createTodoTask(input: $i) {{ {FIELDS} }} }}"
UPDATE = (
    "mutation($i: UpdateTodoTaskInput!) { updateTodoTask(input: $i) {"
    " tags subtasks { id title done } dueDate } }"
)
LIST = "query($f: TaskFilterInput) { tasks(filter: $f, first: 50) { nodes { id title } } }"
PROJECT = "mutation($i: CreateProjectInput!) { createProject(input: $i) { id name color } }"


def _codes(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["extensions"]["code"], e["extensions"].get("field")) for e in body.get("errors", [])]


async def _titles(client: Client, **wanted: Any) -> list[str]:
    data = await client.ok(LIST, {"f": wanted})
    return [n["title"] for n in data["tasks"]["nodes"]]


async def _create(client: Client, **fields: Any) -> dict[str, Any]:
    data = await client.ok(CREATE, {"i": fields})
    task: dict[str, Any] = data["createTodoTask"]
    return task


async def test_inbox_projects_tags_subtasks_and_moves(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    project = (await ada.ok(PROJECT, {"i": {"name": " Home ", "color": "#AA3300"}}))[
        "createProject"
    ]
    assert (project["name"], project["color"]) == ("Home", "#aa3300")
    loose = await _create(ada, title="Call the bank")
    task = await _create(
        ada,
        title="Paint the fence",
        notes="**two** coats",
        priority="HIGH",
        projectId=project["id"],
        tags=["#Garden", " deep   work ", "garden"],
        subtasks=[{"title": "Buy paint"}, {"title": "Sand", "done": True}],
        dueDate="2031-05-01",
    )
    assert task["tags"] == ["garden", "deep-work"]
    assert (task["priority"], task["projectId"], task["dueDate"]) == (
        "HIGH",
        project["id"],
        "2031-05-01",
    )

    assert await _titles(ada, view="INBOX") == ["Call the bank"]
    assert await _titles(ada, projectId=project["id"]) == ["Paint the fence"]
    assert await _titles(ada, tag="#GARDEN") == ["Paint the fence"]
    assert await _titles(ada) == ["Paint the fence", "Call the bank"]

    sub = (await ada.ok(UPDATE, {"i": {"id": task["id"], "tags": ["x"]}}))["updateTodoTask"]
    kept = sub["subtasks"][0]
    changed = await ada.ok(
        UPDATE,
        {
            "i": {
                "id": task["id"],
                "subtasks": [
                    {"id": kept["id"], "title": "Buy paint", "done": True},
                    {"title": "Paint"},
                ],
            }
        },
    )
    checklist = changed["updateTodoTask"]["subtasks"]
    assert checklist[0] == {"id": kept["id"], "title": "Buy paint", "done": True}
    assert checklist[1]["title"] == "Paint"
    assert checklist[1]["id"] != kept["id"]

    moved = await ada.ok(
        "mutation($i: MoveTodoTaskInput!) { moveTodoTask(input: $i) { projectId } }",
        {"i": {"id": loose["id"], "projectId": project["id"]}},
    )
    assert moved["moveTodoTask"]["projectId"] == project["id"]
    assert await _titles(ada, view="INBOX") == []
    await ada.ok(
        "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { archived } }",
        {"i": {"id": project["id"], "archived": True}},
    )
    projects = await ada.ok(
        "{ projects { nodes { id } } all: projects(includeArchived: true) { nodes { id } } }"
    )
    assert projects["projects"]["nodes"] == []
    assert projects["all"]["nodes"] == [{"id": project["id"]}]

    done = await ada.ok(
        "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { completed } }",
        {"i": {"id": loose["id"]}},
    )
    assert done["completeTodoTask"]["completed"] is True
    assert await _titles(ada, completed=False) == ["Paint the fence"]
    await ada.ok(
        "mutation($i: TodoTaskIdInput!) { deleteTodoTask(input: $i) { deletedId } }",
        {"i": {"id": loose["id"]}},
    )
    assert await _titles(ada) == ["Paint the fence"]


async def test_bad_input_gets_stable_codes_and_changes_nothing(new_client: NewClient) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    bobs_goal = await bob.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "Bob's", "area": "HEALTH"}},
    )
    bobs_project = (await bob.ok(PROJECT, {"i": {"name": "Bob's"}}))["createProject"]
    cases: list[tuple[dict[str, Any], tuple[str, str]]] = [
        ({"title": ""}, ("BAD_USER_INPUT", "title")),
        ({"title": "t" * 201}, ("BAD_USER_INPUT", "title")),
        ({"title": "t", "notes": "n" * 10_001}, ("BAD_USER_INPUT", "notes")),
        ({"title": "t", "tags": [f"t{i}" for i in range(21)]}, ("BAD_USER_INPUT", "tags")),
        ({"title": "t", "tags": ["x" * 41]}, ("BAD_USER_INPUT", "tags")),
        ({"title": "t", "subtasks": [{"title": " "}]}, ("BAD_USER_INPUT", "subtasks.0.title")),
        (
            {"title": "t", "dueDate": "2030-01-01", "dueAt": "2030-01-01T09:00:00Z"},
            ("BAD_USER_INPUT", "dueAt"),
        ),
        ({"title": "t", "dueDate": "1800-01-01"}, ("BAD_USER_INPUT", "dueDate")),
        ({"title": "t", "projectId": "0" * 24}, ("NOT_FOUND", "projectId")),
        ({"title": "t", "projectId": bobs_project["id"]}, ("NOT_FOUND", "projectId")),
        ({"title": "t", "goalId": bobs_goal["createGoal"]["id"]}, ("NOT_FOUND", "goalId")),
    ]
    for fields, expected in cases:
        assert _codes(await ada.call(CREATE, {"i": fields})) == [expected], fields
    bad_color = await ada.call(PROJECT, {"i": {"name": "p", "color": "red"}})
    assert _codes(bad_color) == [("BAD_USER_INPUT", "color")]
    assert _codes(await ada.call(PROJECT, {"i": {"name": "p" * 101}})) == [
        ("BAD_USER_INPUT", "name")
    ]
    assert await _titles(ada) == []
    assert (await ada.ok("{ projects { nodes { id } } }"))["projects"]["nodes"] == []


async def test_another_users_tasks_and_projects_are_not_found(new_client: NewClient) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    project = (await ada.ok(PROJECT, {"i": {"name": "Ada's"}}))["createProject"]
    task = await _create(ada, title="Secret", projectId=project["id"])
    mine = await _create(bob, title="Bob's own")
    attempts: list[tuple[str, dict[str, Any], str]] = [
        ("query($id: ID!) { todoTask(id: $id) { id } }", {"id": task["id"]}, "id"),
        ("query($id: ID!) { project(id: $id) { id } }", {"id": project["id"]}, "id"),
        (LIST, {"f": {"projectId": project["id"]}}, "projectId"),
        (UPDATE, {"i": {"id": task["id"], "tags": ["mine"]}}, "id"),
        (
            "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { id } }",
            {"i": {"id": task["id"]}},
            "id",
        ),
        (
            "mutation($i: MoveTodoTaskInput!) { moveTodoTask(input: $i) { id } }",
            {"i": {"id": mine["id"], "projectId": project["id"]}},
            "projectId",
        ),
        (
            "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { id } }",
            {"i": {"id": project["id"], "name": "Bob's now"}},
            "id",
        ),
        (
            "mutation($i: TodoTaskIdInput!) { deleteTodoTask(input: $i) { deletedId } }",
            {"i": {"id": task["id"]}},
            "id",
        ),
    ]
    for query, variables, field in attempts:
        assert _codes(await bob.call(query, variables)) == [("NOT_FOUND", field)], query
    assert _codes(await new_client().call(LIST)) == [("UNAUTHENTICATED", None)]
    still = await ada.ok("query($id: ID!) { todoTask(id: $id) { title completed } }", task)
    assert still["todoTask"] == {"title": "Secret", "completed": False}


async def test_a_linked_task_counts_toward_its_goal_like_the_goals_own(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    created = await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id tasks { id } } }",
        {"i": {"title": "Run 10k", "area": "HEALTH", "tasks": [{"title": "Buy shoes"}]}},
    )
    goal_id = created["createGoal"]["id"]
    progress = "query($id: ID!) { goal(id: $id) { progress } }"
    task = await _create(ada, title="Run 5k", goalId=goal_id)
    assert task["goalId"] == goal_id
    complete = "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { id } }"
    await ada.ok(complete, {"i": {"id": task["id"]}})
    assert (await ada.ok(progress, {"id": goal_id}))["goal"]["progress"] == 50
    await ada.ok(
        "mutation($i: TodoTaskIdInput!) { uncompleteTodoTask(input: $i) { id } }",
        {"i": {"id": task["id"]}},
    )
    assert (await ada.ok(progress, {"id": goal_id}))["goal"]["progress"] == 0
    await ada.ok(complete, {"i": {"id": task["id"]}})
    unlinked = await ada.ok(
        UPDATE.replace("tags", "tags goalId"), {"i": {"id": task["id"], "goalId": None}}
    )
    assert unlinked["updateTodoTask"]["goalId"] is None
    assert (await ada.ok(progress, {"id": goal_id}))["goal"]["progress"] == 0


def _zone_off_utc(now: datetime) -> str:
    """A zone whose local day differs from the UTC day right now (one of the two always does)."""
    for name in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        if now.astimezone(ZoneInfo(name)).date() != now.date():
            return name
    raise AssertionError("no zone off the UTC day")


async def test_day_views_follow_the_users_local_day(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    now = datetime.now(UTC)
    zone_name = _zone_off_utc(now)
    zone = ZoneInfo(zone_name)
    await ada.ok(
        "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }",
        {"i": {"timezone": zone_name}},
    )
    local_today = now.astimezone(zone).date()
    utc_today = now.date()
    late_tonight = datetime.combine(local_today, time(23, 30), tzinfo=zone).astimezone(UTC)
    await _create(ada, title="local today", dueDate=local_today.isoformat())
    await _create(ada, title="utc today", dueDate=utc_today.isoformat())
    await _create(ada, title="no due date")
    # The goals subgraph learns the zone from an event: wait until it has.
    await eventually(lambda: _titles(ada, view="TODAY"), lambda titles: titles == ["local today"])
    timed = await _create(ada, title="tonight", dueAt=late_tonight.isoformat())
    assert timed["dueDate"] == local_today.isoformat()
    assert await _titles(ada, view="TODAY") == ["local today", "tonight"]
    behind, ahead = ("OVERDUE", "UPCOMING") if utc_today < local_today else ("UPCOMING", "OVERDUE")
    assert await _titles(ada, view=behind) == ["utc today"]
    assert await _titles(ada, view=ahead) == []
    assert await _titles(ada, view="TODAY", completed=True) == []
    assert date.fromisoformat(timed["dueDate"]) == local_today


async def test_analytics_counts_standalone_and_goal_tasks_and_reopening(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    created = await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id tasks { id } } }",
        {"i": {"title": "Read", "area": "LEARNING", "tasks": [{"title": "Buy a book"}]}},
    )
    goal = created["createGoal"]
    await ada.ok(
        "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id } }",
        {"i": {"goalId": goal["id"], "taskId": goal["tasks"][0]["id"], "done": True}},
    )
    loose = await _create(ada, title="Call the bank")
    complete = "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { id } }"
    await ada.ok(complete, {"i": {"id": loose["id"]}})
    report = "{ me { weeklyReport { tasksCompleted } } }"

    def counted(n: int) -> Any:
        return lambda d: d["me"]["weeklyReport"]["tasksCompleted"] == n

    await eventually(lambda: ada.ok(report), counted(2))
    await ada.ok(
        "mutation($i: TodoTaskIdInput!) { uncompleteTodoTask(input: $i) { id } }",
        {"i": {"id": loose["id"]}},
    )
    await eventually(lambda: ada.ok(report), counted(1))


SCHEDULE = "mutation($i: ScheduleTodoTaskInput!) { scheduleTodoTask(input: $i) { id activityId } }"
CALENDAR = (
    'query { calendar(from: "2031-06-01T00:00:00Z", to: "2031-06-08T00:00:00Z") {'
    " startsAt endsAt activity { id title taskId } } }"
)


async def test_a_scheduled_task_shows_in_the_calendar_and_the_feed(
    lifegraph: str, http: httpx.AsyncClient, new_client: NewClient
) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    task = await _create(ada, title="Write report")
    block = {"taskId": task["id"], "start": "2031-06-02T09:00:00+02:00", "durationMinutes": 90}
    scheduled = (await ada.ok(SCHEDULE, {"i": block}))["scheduleTodoTask"]
    [entry] = (await ada.ok(CALENDAR))["calendar"]
    assert entry == {
        "startsAt": "2031-06-02T07:00:00+00:00",
        "endsAt": "2031-06-02T08:30:00+00:00",
        "activity": {"id": scheduled["activityId"], "title": "Write report", "taskId": task["id"]},
    }
    # Scheduling again moves the one block; a new title follows into the calendar.
    moved = await ada.ok(SCHEDULE, {"i": {**block, "start": "2031-06-03T10:00:00Z"}})
    assert moved["scheduleTodoTask"]["activityId"] == scheduled["activityId"]
    await ada.ok(UPDATE, {"i": {"id": task["id"], "title": "Write the report"}})
    [entry] = (await ada.ok(CALENDAR))["calendar"]
    assert (entry["startsAt"], entry["activity"]["title"]) == (
        "2031-06-03T10:00:00+00:00",
        "Write the report",
    )
    path = (await ada.ok("mutation { rotateCalendarFeed { path } }"))["rotateCalendarFeed"]["path"]
    feed = await http.get(f"{lifegraph}{path}")
    assert "SUMMARY:Write the report" in feed.text
    assert "DTSTART:20310603T100000Z" in feed.text

    for bad, field in [
        ({"durationMinutes": 0}, "durationMinutes"),
        ({"durationMinutes": 1441}, "durationMinutes"),
    ]:
        assert _codes(await ada.call(SCHEDULE, {"i": {**block, **bad}})) == [
            ("BAD_USER_INPUT", field)
        ]
    assert _codes(await bob.call(SCHEDULE, {"i": block})) == [("NOT_FOUND", "taskId")]

    unscheduled = await ada.ok(
        "mutation($i: TodoTaskIdInput!) { unscheduleTodoTask(input: $i) { activityId } }",
        {"i": {"id": task["id"]}},
    )
    assert unscheduled["unscheduleTodoTask"]["activityId"] is None
    assert (await ada.ok(CALENDAR))["calendar"] == []
    await ada.ok(SCHEDULE, {"i": block})
    assert len((await ada.ok(CALENDAR))["calendar"]) == 1
    await ada.ok(
        "mutation($i: TodoTaskIdInput!) { deleteTodoTask(input: $i) { deletedId } }",
        {"i": {"id": task["id"]}},
    )
    assert (await ada.ok(CALENDAR))["calendar"] == []


async def test_recurring_tasks_advance_by_the_calendars_rules(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    refused: list[tuple[dict[str, Any], str]] = [
        ({"recurrence": "FREQ=DAILY"}, "recurrence"),  # no due date to start from
        ({"dueDate": "2031-01-30", "recurrence": "FREQ=HOURLY"}, "recurrence"),
        ({"dueDate": "2031-01-30", "recurrence": "FREQ=MONTHLY;BYMONTH=13"}, "recurrence"),
        ({"dueDate": "2031-01-30", "recurrence": "FREQ=DAILY;" + "X" * 600}, "recurrence"),
    ]
    for fields, field in refused:
        body = await ada.call(CREATE, {"i": {"title": "t", **fields}})
        assert _codes(body) == [("BAD_USER_INPUT", field)], fields

    rent = await _create(
        ada, title="Pay rent", dueDate="2031-01-31", recurrence="FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"
    )
    complete = (
        "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { completed dueDate } }"
    )
    seen = []
    for _ in range(3):
        done = await ada.ok(complete, {"i": {"id": rent["id"]}})
        seen.append((done["completeTodoTask"]["completed"], done["completeTodoTask"]["dueDate"]))
    # Month ends, three of them: completing the last one completes the task.
    assert seen == [(False, "2031-02-28"), (False, "2031-03-31"), (True, "2031-03-31")]

    # Each completed occurrence counts once in analytics.
    await eventually(
        lambda: ada.ok("{ me { weeklyReport { tasksCompleted } } }"),
        lambda d: d["me"]["weeklyReport"]["tasksCompleted"] == 3,
    )


async def test_a_timed_recurring_task_keeps_its_wall_time_over_dst(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    await ada.ok(
        "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }",
        {"i": {"timezone": "Europe/Berlin"}},
    )
    probe = await _create(ada, title="probe")
    # The zone arrives by event: a time late on the 29th (UTC) is the 30th in Berlin.
    await eventually(
        lambda: ada.ok(
            "mutation($i: UpdateTodoTaskInput!) { updateTodoTask(input: $i) { dueDate } }",
            {"i": {"id": probe["id"], "dueAt": "2031-03-29T23:30:00Z"}},
        ),
        lambda d: d["updateTodoTask"]["dueDate"] == "2031-03-30",
    )
    swim = await _create(
        ada, title="Swim", dueAt="2031-03-29T09:00:00+01:00", recurrence="FREQ=DAILY"
    )
    done = await ada.ok(
        "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { dueAt dueDate } }",
        {"i": {"id": swim["id"]}},
    )
    # Summer time began on the 30th: still 09:00 in Berlin, an hour earlier in UTC.
    assert done["completeTodoTask"] == {
        "dueAt": "2031-03-30T07:00:00+00:00",
        "dueDate": "2031-03-30",
    }
