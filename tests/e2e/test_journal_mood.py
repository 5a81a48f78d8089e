"""Journal, mood check-ins and the daily review through the router: owner only, bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient

ENTRY = "id day body shareWithCoach"
WRITE = f"mutation($i: WriteJournalEntryInput!) {{ writeJournalEntry(input: $i) {{ {ENTRY} }} }}"
LOG = "mutation($i: LogMoodInput!) { logMood(input: $i) { id mood energy tags day at } }"
ENTRIES = "{ journalEntries(first: 10) { nodes { id day body } } }"
MOODS = "{ moodCheckIns(first: 60) { nodes { id mood } } }"
REVIEW = """query($d: Date) { dailyReview(day: $d) {
  day tasksCompleted { id title } goalTasksCompleted { title } habitsCheckedIn { id title }
  focusMinutes focusSessions moodCheckIns { mood energy tags } averageMood averageEnergy
  journalEntry { id body }
} }"""


def _codes(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["extensions"]["code"], e["extensions"].get("field")) for e in body.get("errors", [])]


async def _today(client: Client) -> str:
    day: str = (await client.ok(REVIEW))["dailyReview"]["day"]
    return day


async def test_a_day_gathered_into_one_review_annotated_by_the_journal(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    today = await _today(ada)
    habit = await ada.ok(
        "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
        {"i": {"title": "Run"}},
    )
    habit_id = habit["createHabit"]["id"]
    await ada.ok(
        "mutation($i: CheckInInput!) { checkInHabit(input: $i) { id } }",
        {"i": {"habitId": habit_id}},
    )
    task = await ada.ok(
        "mutation($i: CreateTodoTaskInput!) { createTodoTask(input: $i) { id } }",
        {"i": {"title": "Call the bank"}},
    )
    await ada.ok(
        "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { id } }",
        {"i": {"id": task["createTodoTask"]["id"]}},
    )
    goal = await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id tasks { id } } }",
        {"i": {"title": "Read", "area": "LEARNING", "tasks": [{"title": "Buy a book"}]}},
    )
    await ada.ok(
        "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id } }",
        {
            "i": {
                "goalId": goal["createGoal"]["id"],
                "taskId": goal["createGoal"]["tasks"][0]["id"],
                "done": True,
            }
        },
    )
    focus = await ada.ok(
        "mutation($i: StartFocusInput!) { startFocusSession(input: $i) { id } }",
        {"i": {"plannedMinutes": 25}},
    )
    await ada.ok(
        "mutation($i: FocusIdInput!) { finishFocusSession(input: $i) { id } }",
        {"i": {"id": focus["startFocusSession"]["id"]}},
    )
    first = await ada.ok(LOG, {"i": {"mood": 4, "energy": 2, "tags": ["#Calm", "calm"]}})
    assert first["logMood"]["tags"] == ["calm"]
    assert first["logMood"]["day"] == today
    await ada.ok(LOG, {"i": {"mood": 3}})

    written = (await ada.ok(WRITE, {"i": {"body": "  **Good** day.  "}}))["writeJournalEntry"]
    assert (written["day"], written["body"], written["shareWithCoach"]) == (
        today,
        "**Good** day.",
        False,
    )
    # One entry a day: writing again changes it; what is not sent stays.
    shared = await ada.ok(WRITE, {"i": {"shareWithCoach": True}})
    assert shared["writeJournalEntry"] == {**written, "shareWithCoach": True}
    again = await ada.ok(WRITE, {"i": {"body": "A *good* day."}})
    assert again["writeJournalEntry"]["id"] == written["id"]
    assert again["writeJournalEntry"]["shareWithCoach"] is True

    review = (await ada.ok(REVIEW, {"d": today}))["dailyReview"]
    assert review["tasksCompleted"] == [
        {"id": task["createTodoTask"]["id"], "title": "Call the bank"}
    ]
    assert review["goalTasksCompleted"] == [{"title": "Buy a book"}]
    assert review["habitsCheckedIn"] == [{"id": habit_id, "title": "Run"}]
    assert review["focusSessions"] == 1
    assert review["moodCheckIns"] == [
        {"mood": 4, "energy": 2, "tags": ["calm"]},
        {"mood": 3, "energy": None, "tags": []},
    ]
    assert (review["averageMood"], review["averageEnergy"]) == (3.5, 2.0)
    assert review["journalEntry"] == {"id": written["id"], "body": "A *good* day."}

    yesterday = (datetime.fromisoformat(today) - timedelta(days=1)).date().isoformat()
    past = await ada.ok(WRITE, {"i": {"day": yesterday, "body": "Back-filled."}})
    assert past["writeJournalEntry"]["day"] == yesterday
    listed = (await ada.ok(ENTRIES))["journalEntries"]["nodes"]
    assert [e["day"] for e in listed] == [today, yesterday]
    empty = (await ada.ok(REVIEW, {"d": yesterday}))["dailyReview"]
    assert empty["moodCheckIns"] == []
    assert empty["averageMood"] is None
    assert empty["journalEntry"]["body"] == "Back-filled."

    deleted = await ada.ok(
        "mutation($i: MoodCheckInIdInput!) { deleteMoodCheckIn(input: $i) { deletedId } }",
        {"i": {"id": first["logMood"]["id"]}},
    )
    assert deleted["deleteMoodCheckIn"]["deletedId"] == first["logMood"]["id"]
    assert [m["mood"] for m in (await ada.ok(MOODS))["moodCheckIns"]["nodes"]] == [3]
    await ada.ok(
        "mutation($i: JournalEntryIdInput!) { deleteJournalEntry(input: $i) { deletedId } }",
        {"i": {"id": past["writeJournalEntry"]["id"]}},
    )
    assert [e["day"] for e in (await ada.ok(ENTRIES))["journalEntries"]["nodes"]] == [today]


async def test_another_users_journal_and_moods_are_not_found(new_client: NewClient) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    entry = (await ada.ok(WRITE, {"i": {"body": "Ada's secret"}}))["writeJournalEntry"]
    mood = (await ada.ok(LOG, {"i": {"mood": 5}}))["logMood"]
    attempts: list[tuple[str, dict[str, Any]]] = [
        (
            "mutation($i: JournalEntryIdInput!) { deleteJournalEntry(input: $i) { deletedId } }",
            {"i": {"id": entry["id"]}},
        ),
        (
            "mutation($i: MoodCheckInIdInput!) { deleteMoodCheckIn(input: $i) { deletedId } }",
            {"i": {"id": mood["id"]}},
        ),
    ]
    for query, variables in attempts:
        assert _codes(await bob.call(query, variables)) == [("NOT_FOUND", "id")], query
    # Bob's own views hold nothing of Ada's.
    day_of = {"d": entry["day"]}
    assert (await bob.ok("query($d: Date!) { journalEntry(day: $d) { id } }", day_of))[
        "journalEntry"
    ] is None
    assert (await bob.ok(ENTRIES))["journalEntries"]["nodes"] == []
    assert (await bob.ok(MOODS))["moodCheckIns"]["nodes"] == []
    bobs = (await bob.ok(REVIEW, day_of))["dailyReview"]
    assert bobs["moodCheckIns"] == []
    assert bobs["journalEntry"] is None
    for query in (ENTRIES, MOODS, REVIEW):
        assert _codes(await new_client().call(query)) == [("UNAUTHENTICATED", None)]
    still = await ada.ok("query($d: Date!) { journalEntry(day: $d) { body } }", day_of)
    assert still["journalEntry"] == {"body": "Ada's secret"}
    assert [m["id"] for m in (await ada.ok(MOODS))["moodCheckIns"]["nodes"]] == [mood["id"]]


async def test_bad_input_gets_stable_codes_and_stores_nothing(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    today = datetime.fromisoformat(await _today(ada)).date()
    tomorrow = (today + timedelta(days=1)).isoformat()
    soon = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    journal_cases: list[tuple[dict[str, Any], tuple[str, str]]] = [
        ({}, ("BAD_USER_INPUT", "body")),
        ({"body": "   "}, ("BAD_USER_INPUT", "body")),
        ({"body": None}, ("BAD_USER_INPUT", "body")),
        ({"body": "x" * 20_001}, ("BAD_USER_INPUT", "body")),
        ({"body": "x", "day": tomorrow}, ("BAD_USER_INPUT", "day")),
        ({"body": "x", "day": "1800-01-01"}, ("BAD_USER_INPUT", "day")),
        ({"body": "x", "shareWithCoach": None}, ("BAD_USER_INPUT", "shareWithCoach")),
    ]
    for fields, expected in journal_cases:
        assert _codes(await ada.call(WRITE, {"i": fields})) == [expected], fields
    mood_cases: list[tuple[dict[str, Any], tuple[str, str]]] = [
        ({"mood": 0}, ("BAD_USER_INPUT", "mood")),
        ({"mood": 6}, ("BAD_USER_INPUT", "mood")),
        ({"mood": 3, "energy": 9}, ("BAD_USER_INPUT", "energy")),
        ({"mood": 3, "tags": [f"t{i}" for i in range(11)]}, ("BAD_USER_INPUT", "tags")),
        ({"mood": 3, "tags": ["x" * 41]}, ("BAD_USER_INPUT", "tags")),
        ({"mood": 3, "at": soon}, ("BAD_USER_INPUT", "at")),
        ({"mood": 3, "at": "1800-01-01T00:00:00Z"}, ("BAD_USER_INPUT", "at")),
    ]
    for fields, expected in mood_cases:
        assert _codes(await ada.call(LOG, {"i": fields})) == [expected], fields
    assert _codes(await ada.call(REVIEW, {"d": tomorrow})) == [("BAD_USER_INPUT", "day")]
    assert _codes(await ada.call('{ moodCheckIns(fromDay: "0001-01-01") { nodes { id } } }')) == [
        ("BAD_USER_INPUT", "fromDay")
    ]
    assert _codes(await ada.call("{ journalEntries(first: 0) { nodes { id } } }")) == [
        ("BAD_USER_INPUT", "first")
    ]
    assert (await ada.ok(ENTRIES))["journalEntries"]["nodes"] == []
    assert (await ada.ok(MOODS))["moodCheckIns"]["nodes"] == []


async def test_journal_text_never_leaves_the_owner_mood_reaches_analytics(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    secret = "marmalade-ostrich-7731"
    await ada.ok(WRITE, {"i": {"body": f"Dear diary, {secret}", "shareWithCoach": True}})
    await ada.ok(LOG, {"i": {"mood": 2, "tags": ["tired"]}})

    def has_mood(data: dict[str, Any]) -> bool:
        return "goals.mood.logged" in json.dumps(data["analyticsExport"])

    exported = await eventually(lambda: ada.ok("{ analyticsExport }"), has_mood)
    # Analytics keeps every event it consumed about Ada: none carries the journal's text.
    assert secret not in json.dumps(exported)
