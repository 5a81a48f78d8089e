"""The coach in a served subgraph: replies, goal requests on RabbitMQ, confirmations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from common.events import Event
from common.events.catalog import CoachActionApplied, CoachGoalCreated
from common.settings import Settings
from common.testing.tokens import TestKeys
from common.testing.waiting import wait_until
from subgraphs.chat.models import CoachGoal

from .support import (
    CONFIRM,
    DECLINE,
    HISTORY,
    MESSAGE_ADDED,
    MESSAGE_UPDATED,
    Api,
    captured_events,
    open_socket,
    publish_event,
    texts,
)

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

ApiFor = Callable[[str], Api]
OPEN_COACH = "mutation { openCoachConversation { id } }"


async def reply_to(user: Api, coach: str, question: dict[str, Any]) -> dict[str, Any]:
    """The coach's finished reply to `question`, once there."""
    found: list[dict[str, Any]] = []

    async def replied() -> bool:
        page = (await user.data(HISTORY, c=coach, first=5))["messages"]
        found[:] = [
            e["node"]
            for e in page["edges"]
            if e["node"]["replyTo"] == question["id"] and not e["node"]["isStreaming"]
        ]
        return bool(found)

    await wait_until(replied)
    return found[0]


async def test_coach_requests_a_goal_once_confirmed_and_says_so_once_created(
    api: ApiFor, chat_url: str, settings: Settings, test_keys: TestKeys
) -> None:
    alice = api("alice")
    coach = (await alice.data(OPEN_COACH))["openCoachConversation"]["id"]
    async with captured_events(settings, "chat.coach.goal_requested") as requests:
        sent = await alice.send(coach, "I want to run a 5k by March")
        proposed = await reply_to(alice, coach, sent)
        # Proposed, not claimed: nothing is asked of goals before the user confirms.
        assert proposed["text"].startswith('Great goal! Shall I create the goal "Run a 5k"')
        proposal = proposed["proposal"]
        assert (proposal["kind"], proposal["status"], proposal["title"]) == (
            "GOAL",
            "PENDING",
            "Run a 5k",
        )
        assert await CoachGoal.find({"user_id": "alice"}).count() == 0
        confirmed = await alice.data(CONFIRM, id=proposal["id"])
        assert confirmed["confirmCoachProposal"]["status"] == "CONFIRMED"
        requested = await requests.next()

    assert requested.data["request_id"] == proposal["id"]
    assert requested.type == "chat.coach.goal_requested"
    assert requested.user_id == "alice"
    data = requested.data
    assert (data["conversation_id"], data["user_id"], data["title"], data["area"]) == (
        coach,
        "alice",
        "Run a 5k",
        "health",
    )
    assert data["due_date"].endswith("-03-31")

    # The reply was stored before the request went out.
    history = (await alice.data(HISTORY, c=coach, first=10))["messages"]
    reply = history["edges"][0]["node"]
    assert reply["author"] == "COACH"
    assert reply["sender"] is None
    assert reply["replyTo"] == sent["id"]
    assert "Run a 5k" in reply["text"]

    created = Event.of(
        "goals.coach_goal.created",
        user_id="alice",
        data=CoachGoalCreated(
            request_id=data["request_id"],
            conversation_id=coach,
            user_id="alice",
            goal_id="goal-42",
            title="Run a 5k",
        ),
    )
    async with open_socket(chat_url, test_keys.token("alice")) as socket:
        op = await socket.subscribe(MESSAGE_ADDED, c=coach)

        async def deliver() -> None:
            await publish_event(settings, created)

        # Redelivery is harmless: however often the event arrives, one confirmation is posted.
        await socket.until_live(op, deliver)

    async def confirmed_once() -> bool:
        page = (await alice.data(HISTORY, c=coach, first=10))["messages"]
        return sum("goal-42" in t for t in texts(page)) == 1

    await wait_until(confirmed_once)
    await publish_event(settings, created)
    progress = await alice.send(coach, "how am I doing?")

    async def answered() -> bool:
        page = (await alice.data(HISTORY, c=coach, first=10))["messages"]
        return bool(page["edges"][0]["node"]["replyTo"] == progress["id"])

    await wait_until(answered)
    page = (await alice.data(HISTORY, c=coach, first=10))["messages"]
    assert "Run a 5k (health, due" in texts(page)[0]
    assert "on your board" in texts(page)[0]
    assert sum("goal-42" in t for t in texts(page)) == 1
    link = next(t for t in texts(page) if "goal-42" in t)
    assert f"{settings.public_base_url}/goals/goal-42" in link


def _habit_event(kind: str, user: str, **data: Any) -> Event:
    return Event.of(f"goals.habit.{kind}", user_id=user, data={"owner_id": user, **data})


async def test_a_check_in_is_proposed_requested_and_said_done_only_once_goals_did_it(
    api: ApiFor, settings: Settings
) -> None:
    bob = api("bob")
    coach = (await bob.data(OPEN_COACH))["openCoachConversation"]["id"]
    today = datetime.now(UTC).date().isoformat()

    async def ask(text: str) -> str:
        return str((await reply_to(bob, coach, await bob.send(coach, text)))["text"])

    await publish_event(
        settings, _habit_event("changed", "bob", habit_id="h-med", title="Meditation")
    )
    # Someone else's habit of the same name is never the coach's to check in.
    await publish_event(
        settings, _habit_event("changed", "eve", habit_id="h-eve", title="Juggling")
    )

    async def knows_it() -> bool:
        return "Meditation: checked in 0 of the last 7 days" in await ask("how am I doing?")

    await wait_until(knows_it)
    assert 'I don\'t see a habit called "juggling"' in await ask("I did my juggling today")

    offer = await bob.send(coach, "I did my meditation today")
    proposed = await reply_to(bob, coach, offer)
    assert proposed["text"] == f"Nice work! Shall I check in Meditation for {today}? Confirm below."
    proposal = proposed["proposal"]
    assert (proposal["kind"], proposal["habitId"], proposal["day"]) == ("CHECK_IN", "h-med", today)
    async with captured_events(settings, "chat.coach.action_requested") as requests:
        await bob.data(CONFIRM, id=proposal["id"])
        requested = await requests.next()
    assert requested.user_id == "bob"
    assert {k: requested.data[k] for k in ("request_id", "action", "habit_id", "day")} == {
        "request_id": proposal["id"],
        "action": "check_in_habit",
        "habit_id": "h-med",
        "day": today,
    }
    # Confirmed is not done: the coach says nothing until goals answers.
    latest = texts((await bob.data(HISTORY, c=coach, first=1))["messages"])
    assert not latest[0].startswith("Done!")

    applied = Event.of(
        "goals.coach_action.applied",
        user_id="bob",
        data=CoachActionApplied(
            request_id=proposal["id"],
            conversation_id=coach,
            user_id="bob",
            action="check_in_habit",
            applied=True,
            summary=f"Meditation is checked in for {today}.",
            object_id="h-med",
        ),
    )
    checked = _habit_event(
        "checked_in", "bob", habit_id="h-med", day=today, current_streak=1, longest_streak=4
    )
    for event in (checked, applied, applied):
        await publish_event(settings, event)

    async def said_done() -> bool:
        page = texts((await bob.data(HISTORY, c=coach, first=3))["messages"])
        return f"Done! Meditation is checked in for {today}." in page

    await wait_until(said_done)
    assert "Meditation is already checked in for" in await ask("check in meditation")
    assert "Meditation: checked in 1 of the last 7 days, streak 1 (best 4)" in await ask(
        "how am I doing?"
    )
    history = texts((await bob.data(HISTORY, c=coach, first=30))["messages"])
    assert sum(t.startswith("Done! Meditation") for t in history) == 1
    motivation = await ask("I need some motivation")
    assert "I'm your LifeGraph coach" not in motivation
    assert "I'm your LifeGraph coach" in await ask("hi!")


async def test_a_refused_action_is_said_so(api: ApiFor, settings: Settings) -> None:
    bob = api("bob")
    coach = (await bob.data(OPEN_COACH))["openCoachConversation"]["id"]
    proposed = await reply_to(bob, coach, await bob.send(coach, "I slept 7 hours"))
    assert proposed["proposal"]["kind"] == "TRACKER_ENTRY"
    await bob.data(CONFIRM, id=proposed["proposal"]["id"])
    refused = CoachActionApplied(
        request_id=proposed["proposal"]["id"],
        conversation_id=coach,
        user_id="bob",
        action="log_tracker",
        applied=False,
        summary="Entries cannot be logged in the future.",
        reason="BAD_USER_INPUT",
    )
    await publish_event(
        settings, Event.of("goals.coach_action.applied", user_id="bob", data=refused)
    )

    async def told() -> bool:
        page = texts((await bob.data(HISTORY, c=coach, first=1))["messages"])
        return page[0] == ("I couldn't do that after all: Entries cannot be logged in the future.")

    await wait_until(told)


async def test_goal_confirmations_for_foreign_conversations_are_ignored(
    api: ApiFor, settings: Settings
) -> None:
    alice, mallory = api("alice"), api("mallory")
    coach = (await alice.data(OPEN_COACH))["openCoachConversation"]["id"]
    direct = await mallory.direct("alice")
    for conversation, user in ((coach, "mallory"), (direct, "mallory")):
        await publish_event(
            settings,
            Event.of(
                "goals.coach_goal.created",
                user_id=user,
                data=CoachGoalCreated(
                    request_id="forged",
                    conversation_id=conversation,
                    user_id=user,
                    goal_id="goal-evil",
                    title="Evil",
                ),
            ),
        )
    # A genuine confirmation published after them shows the consumer got that far.
    await publish_event(
        settings,
        Event.of(
            "goals.coach_goal.created",
            user_id="alice",
            data=CoachGoalCreated(
                request_id="genuine",
                conversation_id=coach,
                user_id="alice",
                goal_id="goal-ok",
                title="Fine",
            ),
        ),
    )

    async def confirmed() -> bool:
        page = (await alice.data(HISTORY, c=coach, first=5))["messages"]
        return any("goal-ok" in t for t in texts(page))

    await wait_until(confirmed)
    alice_history = texts((await alice.data(HISTORY, c=coach, first=20))["messages"])
    mallory_history = texts((await mallory.data(HISTORY, c=direct, first=20))["messages"])
    assert not any("goal-evil" in t for t in alice_history + mallory_history)


EDIT = """mutation($id: ID!, $t: String!) {
  editMessage(input: {messageId: $id, text: $t}) { id }
}"""


async def test_the_answer_to_a_proposal_goes_out_live_and_a_declined_one_does_nothing(
    api: ApiFor, chat_url: str, test_keys: TestKeys
) -> None:
    alice = api("alice")
    coach = (await alice.data(OPEN_COACH))["openCoachConversation"]["id"]
    question = await alice.send(coach, "I want to learn yoga")
    proposal = (await reply_to(alice, coach, question))["proposal"]
    async with open_socket(chat_url, test_keys.token("alice")) as socket:
        updated = await socket.subscribe(MESSAGE_UPDATED, c=coach)

        async def edit() -> None:
            await alice.data(EDIT, id=question["id"], t="I want to learn yoga")

        await socket.until_live(updated, edit)
        declined = await alice.data(DECLINE, id=proposal["id"])
        assert declined["declineCoachProposal"]["status"] == "DECLINED"
        change = await socket.next_data(updated, lambda d: d["messageUpdated"]["proposal"])
    assert change["messageUpdated"]["proposal"]["status"] == "DECLINED"
    assert await alice.error_code(CONFIRM, id=proposal["id"]) == "CONFLICT"
    # Declined: nothing requested, and the coach said nothing more.
    history = (await alice.data(HISTORY, c=coach, first=10))["messages"]
    assert not any(t.startswith("Done!") for t in texts(history))
    assert (
        "We haven't set any goals"
        in (await reply_to(alice, coach, await alice.send(coach, "how am I doing?")))["text"]
    )
