"""The trash through the router: deleted goals (with their sub-trees), tasks, habits and
journal entries wait there, come back as they were (analytics and community included),
and stay their owner's alone."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient

CREATE_GOAL = "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id tasks { id } } }"
TRASH = "{ trash(first: 50) { nodes { kind id title deletedAt purgeAt } } }"
RESTORE = """mutation($id: ID!) { restoreFromTrash(input: {id: $id}) {
  item { kind id }
  goal { id title progress tasks { title done } subGoals { id title progress } }
  todoTask { id title projectId goalId dueDate completed }
  habit { id currentStreak longestStreak recentCheckIns }
  journalEntry { id day body } } }"""
GOAL_TREE = """query($id: ID!) { goal(id: $id) {
  title progress tasks { title done } subGoals { title progress subGoals { title status } } } }"""
MY_GOALS = "{ myGoals(first: 50) { nodes { id } } }"
STATS = "{ me { stats { goalsActive goalsCompleted } } }"


def _code(body: dict[str, Any]) -> tuple[str, str | None]:
    extensions = body["errors"][0]["extensions"]
    return extensions["code"], extensions.get("field")


async def _goal(client: Client, **fields: Any) -> dict[str, Any]:
    goal: dict[str, Any] = (await client.ok(CREATE_GOAL, {"i": fields}))["createGoal"]
    return goal


async def _trash(client: Client) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = (await client.ok(TRASH))["trash"]["nodes"]
    return nodes


async def _stats(client: Client, wanted: dict[str, int]) -> None:
    await eventually(lambda: client.ok(STATS), lambda d: d["me"]["stats"] == wanted)


async def _post_goal(client: Client, post_id: str) -> Any:
    data = await client.ok("query($id: ID!) { post(id: $id) { goal { title } } }", {"id": post_id})
    return data["post"]["goal"]


async def test_a_goal_tree_goes_to_the_trash_and_comes_back_whole(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    root = await _goal(
        ada,
        title="Run a marathon",
        area="HEALTH",
        visibility="PUBLIC",
        tasks=[{"title": "Buy shoes"}, {"title": "Plan"}],
    )
    sub = await _goal(ada, title="Run a 10k", area="HEALTH", parentId=root["id"])
    leaf = await _goal(
        ada, title="Run a 5k", area="HEALTH", parentId=sub["id"], tasks=[{"title": "Jog"}]
    )
    await ada.ok(
        "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id } }",
        {"i": {"goalId": root["id"], "taskId": root["tasks"][0]["id"], "done": True}},
    )
    await ada.ok(
        "mutation($i: SetGoalStatusInput!) { setGoalStatus(input: $i) { id } }",
        {"i": {"id": leaf["id"], "status": "COMPLETED"}},
    )
    linked = await ada.ok(
        "mutation($i: CreateTodoTaskInput!) { createTodoTask(input: $i) { id } }",
        {"i": {"title": "Stretch", "goalId": root["id"]}},
    )
    task_id = linked["createTodoTask"]["id"]
    post = await ada.ok_once_known(
        "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
        {"i": {"text": "Training starts", "category": "HEALTH", "goalId": root["id"]}},
    )
    post_id = post["createPost"]["id"]
    before = await ada.ok(GOAL_TREE, {"id": root["id"]})
    # Root: two tasks (one done), the open link and the sub-goal (whose only child is done).
    assert (before["goal"]["progress"], before["goal"]["subGoals"][0]["progress"]) == (50, 100)
    await _stats(ada, {"goalsActive": 2, "goalsCompleted": 1})
    assert await _post_goal(ada, post_id) == {"title": "Run a marathon"}

    deleted = await ada.ok(
        "mutation($id: ID!) { deleteGoal(input: {id: $id}) { deletedIds } }", {"id": root["id"]}
    )
    assert sorted(deleted["deleteGoal"]["deletedIds"]) == sorted(
        [root["id"], sub["id"], leaf["id"]]
    )
    assert (await ada.ok(MY_GOALS))["myGoals"]["nodes"] == []
    assert _code(await ada.call(GOAL_TREE, {"id": sub["id"]})) == ("NOT_FOUND", "id")
    [item] = await _trash(ada)
    assert (item["kind"], item["id"], item["title"]) == ("GOAL", root["id"], "Run a marathon")
    deleted_at = date.fromisoformat(item["deletedAt"][:10])
    assert date.fromisoformat(item["purgeAt"][:10]) == deleted_at + timedelta(days=30)
    unlinked = await ada.ok("query($id: ID!) { todoTask(id: $id) { goalId } }", {"id": task_id})
    assert unlinked["todoTask"]["goalId"] is None
    await _stats(ada, {"goalsActive": 0, "goalsCompleted": 0})
    # A sub-goal comes back only with the tree it went with.
    inside = await ada.call(RESTORE, {"id": sub["id"]})
    assert _code(inside) == ("CONFLICT", "id")
    assert "Run a marathon" in inside["errors"][0]["message"]
    await eventually(lambda: _post_goal(ada, post_id), lambda goal: goal is None)

    restored = (await ada.ok(RESTORE, {"id": root["id"]}))["restoreFromTrash"]
    assert restored["item"] == {"kind": "GOAL", "id": root["id"]}
    assert (restored["todoTask"], restored["habit"], restored["journalEntry"]) == (None, None, None)
    assert restored["goal"]["subGoals"] == [
        {"id": sub["id"], "title": "Run a 10k", "progress": 100}
    ]
    assert await ada.ok(GOAL_TREE, {"id": root["id"]}) == before
    assert len((await ada.ok(MY_GOALS))["myGoals"]["nodes"]) == 3
    relinked = await ada.ok("query($id: ID!) { todoTask(id: $id) { goalId } }", {"id": task_id})
    assert relinked["todoTask"]["goalId"] == root["id"]
    assert await _trash(ada) == []
    await _stats(ada, {"goalsActive": 2, "goalsCompleted": 1})
    await eventually(
        lambda: _post_goal(ada, post_id), lambda goal: goal == {"title": "Run a marathon"}
    )


async def test_a_sub_goal_waits_for_its_parent_or_comes_back_on_top(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    root = await _goal(ada, title="Learn Spanish", area="LEARNING")
    sub = await _goal(ada, title="Finish A1", area="LEARNING", parentId=root["id"])
    for goal in (sub, root):
        await ada.ok(
            "mutation($id: ID!) { deleteGoal(input: {id: $id}) { deletedIds } }", {"id": goal["id"]}
        )
    assert [i["id"] for i in await _trash(ada)] == [root["id"], sub["id"]]

    refused = await ada.call(RESTORE, {"id": sub["id"]})
    assert _code(refused) == ("CONFLICT", "id")
    assert "restore that first" in refused["errors"][0]["message"]

    forever = await ada.ok(
        "mutation($id: ID!) { deleteFromTrashForever(input: {id: $id}) { deletedId } }",
        {"id": root["id"]},
    )
    assert forever["deleteFromTrashForever"]["deletedId"] == root["id"]
    assert _code(await ada.call(RESTORE, {"id": root["id"]})) == ("NOT_FOUND", "id")
    # Its parent is gone for good: it comes back as a top-level goal.
    back = (await ada.ok(RESTORE, {"id": sub["id"]}))["restoreFromTrash"]["goal"]
    assert back["title"] == "Finish A1"
    read = await ada.ok(
        "query($id: ID!) { goal(id: $id) { depth parent { id } } }", {"id": sub["id"]}
    )
    assert read["goal"] == {"depth": 1, "parent": None}


async def test_tasks_habits_and_journal_entries_round_trip(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    project = await ada.ok(
        'mutation { createProject(input: {name: "Home"}) { id } }',
    )
    project_id = project["createProject"]["id"]
    task = await ada.ok(
        "mutation($i: CreateTodoTaskInput!) { createTodoTask(input: $i) { id } }",
        {"i": {"title": "Fix the tap", "projectId": project_id, "dueDate": "2031-05-01"}},
    )
    task_id = task["createTodoTask"]["id"]
    block = {"taskId": task_id, "start": "2031-06-02T09:00:00+02:00", "durationMinutes": 90}
    await ada.ok(
        "mutation($i: ScheduleTodoTaskInput!) { scheduleTodoTask(input: $i) { id } }",
        {"i": block},
    )
    calendar = (
        'query { calendar(from: "2031-06-01T00:00:00Z", to: "2031-06-08T00:00:00Z") {'
        " startsAt activity { title taskId } } }"
    )
    blocked = await ada.ok(calendar)
    assert blocked["calendar"] == [
        {
            "startsAt": "2031-06-02T07:00:00+00:00",
            "activity": {"title": "Fix the tap", "taskId": task_id},
        }
    ]
    habit = await ada.ok('mutation { createHabit(input: {title: "Stretch"}) { id today } }')
    habit_id, today = habit["createHabit"]["id"], date.fromisoformat(habit["createHabit"]["today"])
    for back in (2, 1, 0):
        await ada.ok(
            "mutation($i: CheckInInput!) { checkInHabit(input: $i) { id } }",
            {"i": {"habitId": habit_id, "day": (today - timedelta(days=back)).isoformat()}},
        )
    read_habit = "query($id: ID!) { habit(id: $id) { currentStreak longestStreak recentCheckIns } }"
    habit_before = (await ada.ok(read_habit, {"id": habit_id}))["habit"]
    assert habit_before["currentStreak"] == 3
    entry = await ada.ok(
        'mutation { writeJournalEntry(input: {body: "A good day", day: "2025-01-02"}) { id } }'
    )
    entry_id = entry["writeJournalEntry"]["id"]

    await ada.ok(
        "mutation($id: ID!) { deleteTodoTask(input: {id: $id}) { deletedId } }", {"id": task_id}
    )
    await ada.ok("mutation($id: ID!) { deleteHabit(input: {id: $id}) }", {"id": habit_id})
    await ada.ok(
        "mutation($id: ID!) { deleteJournalEntry(input: {id: $id}) { deletedId } }",
        {"id": entry_id},
    )
    assert [(i["kind"], i["title"]) for i in await _trash(ada)] == [
        ("JOURNAL_ENTRY", "2025-01-02"),
        ("HABIT", "Stretch"),
        ("TODO_TASK", "Fix the tap"),
    ]
    assert _code(await ada.call(read_habit, {"id": habit_id})) == ("NOT_FOUND", "id")
    gone = await ada.ok('{ journalEntry(day: "2025-01-02") { id } tasks { nodes { id } } }')
    assert gone == {"journalEntry": None, "tasks": {"nodes": []}}
    assert (await ada.ok(calendar))["calendar"] == []

    restored_task = (await ada.ok(RESTORE, {"id": task_id}))["restoreFromTrash"]["todoTask"]
    assert restored_task == {
        "id": task_id,
        "title": "Fix the tap",
        "projectId": project_id,
        "goalId": None,
        "dueDate": "2031-05-01",
        "completed": False,
    }
    # Its time block is back on the calendar.
    assert await ada.ok(calendar) == blocked
    restored_habit = (await ada.ok(RESTORE, {"id": habit_id}))["restoreFromTrash"]["habit"]
    assert {k: v for k, v in restored_habit.items() if k != "id"} == habit_before
    assert (await ada.ok(read_habit, {"id": habit_id}))["habit"] == habit_before
    restored_entry = (await ada.ok(RESTORE, {"id": entry_id}))["restoreFromTrash"]
    assert restored_entry["journalEntry"] == {
        "id": entry_id,
        "day": "2025-01-02",
        "body": "A good day",
    }
    assert await _trash(ada) == []


async def test_a_journal_day_written_again_refuses_the_old_entry(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    write = (
        'mutation($b: String!) { writeJournalEntry(input: {body: $b, day: "2025-01-02"}) { id } }'
    )
    old = (await ada.ok(write, {"b": "First"}))["writeJournalEntry"]["id"]
    await ada.ok(
        "mutation($id: ID!) { deleteJournalEntry(input: {id: $id}) { deletedId } }", {"id": old}
    )
    await ada.ok(write, {"b": "Second"})
    refused = await ada.call(RESTORE, {"id": old})
    assert _code(refused) == ("CONFLICT", "id")
    kept = await ada.ok('{ journalEntry(day: "2025-01-02") { body } }')
    assert kept["journalEntry"] == {"body": "Second"}
    assert [i["id"] for i in await _trash(ada)] == [old]


async def test_a_trash_is_its_owners_alone_and_emptying_it_is_final(new_client: NewClient) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    goals = [await _goal(ada, title=f"Goal {n}", area="CAREER") for n in range(2)]
    for goal in goals:
        await ada.ok(
            "mutation($id: ID!) { deleteGoal(input: {id: $id}) { deletedIds } }", {"id": goal["id"]}
        )

    assert await _trash(bob) == []
    assert _code(await bob.call(RESTORE, {"id": goals[0]["id"]})) == ("NOT_FOUND", "id")
    forever = "mutation($id: ID!) { deleteFromTrashForever(input: {id: $id}) { deletedId } }"
    assert _code(await bob.call(forever, {"id": goals[0]["id"]})) == ("NOT_FOUND", "id")
    emptied_by_bob = await bob.ok("mutation { emptyTrash { deletedCount } }")
    assert emptied_by_bob["emptyTrash"] == {"deletedCount": 0}
    assert len(await _trash(ada)) == 2
    anonymous = new_client()
    assert _code(await anonymous.call(TRASH))[0] == "UNAUTHENTICATED"

    emptied = await ada.ok("mutation { emptyTrash { deletedCount } }")
    assert emptied["emptyTrash"] == {"deletedCount": 2}
    assert await _trash(ada) == []
    assert _code(await ada.call(RESTORE, {"id": goals[1]["id"]})) == ("NOT_FOUND", "id")
    assert (await ada.ok(MY_GOALS))["myGoals"]["nodes"] == []


async def test_a_project_goes_with_its_tasks_and_comes_back_with_them(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    goal = await _goal(ada, title="Tidy house", area="FAMILY", tasks=[{"title": "Plan"}])
    project = await ada.ok('mutation { createProject(input: {name: "Home"}) { id } }')
    project_id = project["createProject"]["id"]
    create = "mutation($i: CreateTodoTaskInput!) { createTodoTask(input: $i) { id } }"
    linked = await ada.ok(
        create, {"i": {"title": "Attic", "projectId": project_id, "goalId": goal["id"]}}
    )
    linked_id = linked["createTodoTask"]["id"]
    await ada.ok(
        "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { id } }",
        {"i": {"id": linked_id}},
    )
    alone = await ada.ok(create, {"i": {"title": "Cellar", "projectId": project_id}})
    alone_id = alone["createTodoTask"]["id"]
    await ada.ok(create, {"i": {"title": "Call mum"}})
    progress = "query($id: ID!) { goal(id: $id) { progress } }"
    assert (await ada.ok(progress, {"id": goal["id"]}))["goal"]["progress"] == 50

    # One task goes first, on its own; then the project with the other.
    await ada.ok(
        "mutation($id: ID!) { deleteTodoTask(input: {id: $id}) { deletedId } }", {"id": alone_id}
    )
    deleted = await ada.ok(
        "mutation($id: ID!) { deleteProject(input: {id: $id}) { deletedId deletedTaskIds } }",
        {"id": project_id},
    )
    assert deleted["deleteProject"] == {"deletedId": project_id, "deletedTaskIds": [linked_id]}
    listed = await ada.ok("{ projects { nodes { id } } tasks { nodes { title } } }")
    assert listed == {"projects": {"nodes": []}, "tasks": {"nodes": [{"title": "Call mum"}]}}
    assert (await ada.ok(progress, {"id": goal["id"]}))["goal"]["progress"] == 0
    assert [(i["kind"], i["title"]) for i in await _trash(ada)] == [
        ("PROJECT", "Home"),
        ("TODO_TASK", "Cellar"),
    ]

    # Restored while its project is in the trash: it waits in the inbox.
    inbox = (await ada.ok(RESTORE, {"id": alone_id}))["restoreFromTrash"]["todoTask"]
    assert (inbox["title"], inbox["projectId"]) == ("Cellar", None)
    back = await ada.ok(
        "mutation($id: ID!) { restoreFromTrash(input: {id: $id}) { project { id name } } }",
        {"id": project_id},
    )
    assert back["restoreFromTrash"]["project"] == {"id": project_id, "name": "Home"}
    in_project = await ada.ok(
        "query($f: TaskFilterInput) { tasks(filter: $f) { nodes { id goalId completed } } }",
        {"f": {"projectId": project_id}},
    )
    assert in_project["tasks"]["nodes"] == [
        {"id": linked_id, "goalId": goal["id"], "completed": True}
    ]
    assert (await ada.ok(progress, {"id": goal["id"]}))["goal"]["progress"] == 50
    assert await _trash(ada) == []
