"""The coach acts on the user's own data through the router: proposed, confirmed, carried out
by goals through events, and said done only once it is (rule-based coach)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient

OPEN = "mutation { openCoachConversation { id } }"
SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"
HISTORY = """
query($c: ID!) {
  messages(conversationId: $c, first: 30) {
    nodes {
      id text replyTo isStreaming
      proposal { id kind status title habit habitId day metric value goalId progress
                 startsAt durationMinutes focus }
    }
  }
}
"""
CONFIRM = """mutation($id: ID!) {
  confirmCoachProposal(input: {proposalId: $id}) { id status }
}"""
HABIT = "query($id: ID!) { habit(id: $id) { checkedInToday currentStreak recentCheckIns } }"
CREATE_HABIT = 'mutation { createHabit(input: {title: "Stretch"}) { id today } }'
CREATE_GOAL = """mutation {
  createGoal(input: {title: "Run a 5k", area: HEALTH}) { id }
}"""
GOAL = "query($id: ID!) { goal(id: $id) { progress } }"
CREATE_TASK = 'mutation { createTodoTask(input: {title: "Quarterly report"}) { id } }'
TASK = "query($id: ID!) { todoTask(id: $id) { completed } }"
TRACKERS = "{ trackerEntries { nodes { metric value } } }"
CALENDAR = """query($from: DateTime!, $to: DateTime!) {
  calendar(from: $from, to: $to) { startsAt endsAt activity { title } }
}"""


async def _history(ada: Client, coach: str) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = (await ada.ok(HISTORY, {"c": coach}))["messages"]["nodes"]
    return nodes


async def _ask(ada: Client, coach: str, text: str) -> dict[str, Any]:
    """The coach's finished reply to `text`."""
    sent = (await ada.ok(SEND, {"i": {"conversationId": coach, "text": text}}))["sendMessage"]

    def answered(nodes: list[dict[str, Any]]) -> bool:
        return any(m["replyTo"] == sent["id"] and not m["isStreaming"] for m in nodes)

    nodes = await eventually(lambda: _history(ada, coach), answered, within=30)
    reply: dict[str, Any] = next(m for m in nodes if m["replyTo"] == sent["id"])
    return reply


async def _until_known(ada: Client, coach: str, *titles: str) -> None:
    """Wait until the coach's context (goals' events) has every one of `titles`."""

    async def progress() -> str:
        return str((await _ask(ada, coach, "how am I doing?"))["text"])

    await eventually(progress, lambda text: all(t in text for t in titles), within=30)


async def _said(ada: Client, coach: str, text: str) -> None:
    await eventually(
        lambda: _history(ada, coach), lambda nodes: any(m["text"] == text for m in nodes), within=30
    )


async def test_i_did_my_stretch_is_proposed_then_checked_in_once_confirmed(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    coach = (await ada.ok(OPEN))["openCoachConversation"]["id"]
    habit = (await ada.ok(CREATE_HABIT))["createHabit"]
    await _until_known(ada, coach, "Stretch")

    reply = await _ask(ada, coach, "I did my stretch today")
    proposal = reply["proposal"]
    assert (proposal["kind"], proposal["habitId"], proposal["day"]) == (
        "CHECK_IN",
        habit["id"],
        habit["today"],
    )
    # Asked, never claimed: the habit stays unchecked until confirmed and done.
    assert "Shall I check in Stretch" in reply["text"]
    assert "is checked in" not in reply["text"]
    assert (await ada.ok(HABIT, {"id": habit["id"]}))["habit"]["checkedInToday"] is False

    await ada.ok(CONFIRM, {"id": proposal["id"]})
    await _said(ada, coach, f"Done! Stretch is checked in for {habit['today']}.")
    state = (await ada.ok(HABIT, {"id": habit["id"]}))["habit"]
    assert (state["checkedInToday"], state["currentStreak"]) == (True, 1)
    again = await ada.call(CONFIRM, {"id": proposal["id"]})
    assert again["errors"][0]["extensions"]["code"] == "CONFLICT"
    await _until_known(ada, coach, "Stretch: checked in 1 of the last 7 days, streak 1")
    already = await _ask(ada, coach, "I did my stretch today")
    assert already["proposal"] is None
    assert "already checked in" in already["text"]


async def test_tracker_progress_task_and_schedule_are_carried_out_once_confirmed(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    coach = (await ada.ok(OPEN))["openCoachConversation"]["id"]
    goal = (await ada.ok(CREATE_GOAL))["createGoal"]["id"]
    task = (await ada.ok(CREATE_TASK))["createTodoTask"]["id"]
    await _until_known(ada, coach, "Run a 5k (health): 0% done", "next: Quarterly report")
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date()

    asks = {
        "I slept 7.5 hours": ("TRACKER_ENTRY", "Done! Logged 7.5 of sleep hours."),
        "set Run a 5k to 40%": ("GOAL_PROGRESS", 'Done! "Run a 5k" is at 40%.'),
        "tick off the report": ("TASK_DONE", 'Done! "Quarterly report" is done.'),
        "schedule a focus session tomorrow at 9 for 45 minutes": (
            "SCHEDULE",
            f'Done! "Focus session" is on your calendar for {tomorrow} 09:00 UTC.',
        ),
    }
    for text, (kind, done) in asks.items():
        reply = await _ask(ada, coach, text)
        assert reply["proposal"]["kind"] == kind, reply
        assert "Done" not in reply["text"]
        await ada.ok(CONFIRM, {"id": reply["proposal"]["id"]})
        await _said(ada, coach, done)

    entries = (await ada.ok(TRACKERS))["trackerEntries"]["nodes"]
    assert entries == [{"metric": "SLEEP_HOURS", "value": 7.5}]
    assert (await ada.ok(GOAL, {"id": goal}))["goal"]["progress"] == 40
    assert (await ada.ok(TASK, {"id": task}))["todoTask"]["completed"] is True
    start = datetime.combine(tomorrow, datetime.min.time(), UTC)
    window = {"from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()}
    [block] = (await ada.ok(CALENDAR, window))["calendar"]
    assert block["activity"]["title"] == "Focus session"
    assert block["startsAt"].startswith(f"{tomorrow}T09:00")


async def test_what_the_coach_cannot_do_is_said_and_nothing_is_stored(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    coach = (await ada.ok(OPEN))["openCoachConversation"]["id"]
    for text, says in (
        ("I did my juggling today", "I don't see a habit called"),
        ("I slept 30 hours", "between 0 and 24"),
        ("set Learn Go to 50%", "I don't see an active goal"),
        ("schedule deep work tomorrow at 9 for 2 minutes", "5 to 1440 whole minutes"),
    ):
        reply = await _ask(ada, coach, text)
        assert reply["proposal"] is None, text
        assert says in reply["text"], reply["text"]
    assert (await ada.ok(TRACKERS))["trackerEntries"]["nodes"] == []
