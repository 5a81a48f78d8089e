"""Nothing lost: atomic sends, gapless catch-up, coach replies that outlive a process."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta

import pytest
from pymongo.errors import DuplicateKeyError

from common.events import OutboxPublisher
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from common.testing.waiting import wait_until
from subgraphs.chat.app import subgraph
from subgraphs.chat.coach.service import reply_client_id
from subgraphs.chat.models import CoachGoal, CoachReplyJob, Message, utcnow
from subgraphs.chat.repository import (
    CoachReplyJobRepository,
    CompletedMediaRepository,
    ConversationRepository,
    MessageRepository,
    ProfileRepository,
    ReadStateRepository,
)
from subgraphs.chat.service.appending import Appender, coach_draft
from subgraphs.chat.service.live import LiveFeed
from subgraphs.chat.service.messages import MessageService
from subgraphs.chat.service.profiles import ProfileService

from .conftest import Hosted
from .support import CONFIRM, HISTORY, Api, captured_events

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]


def appender(publisher: OutboxPublisher, infra: Infrastructure) -> Appender:
    return Appender(
        conversations=ConversationRepository(),
        messages=MessageRepository(),
        profiles=ProfileService(profiles=ProfileRepository()),
        feed=LiveFeed(infra.pubsub),
        publisher=publisher,
    )


async def test_a_send_whose_event_cannot_be_stored_stores_nothing(
    hosted: Hosted, infra: Infrastructure, settings: Settings
) -> None:
    async with hosted() as host:
        services = host.services
        group = await services.conversations.create_group("alice", "Team", ["bob"])
        group_id = str(group.id)
        # The database now refuses the event's outbox row: the last write of the send.
        outbox = infra.mongo[settings.database_name("chat")]["outbox"]
        await outbox.insert_one({"event_id": "blocker", "type": "chat.message.sent"})
        await outbox.create_index("type", unique=True, name="refuse_sent")

        with pytest.raises(DuplicateKeyError):
            await services.messages.send("alice", group_id, "lost with its event")

        assert await Message.find({"conversation_id": group_id}).count() == 0
        unchanged = await services.conversations.member_conversation("alice", group_id)
        assert (unchanged.last_seq, unchanged.last_message_id) == (0, None)
        reads = await services.reads.read_receipts(group_id)
        assert {r.user_id: r.last_read_seq for r in reads} == {"alice": 0, "bob": 0}

        await outbox.drop_index("refuse_sent")
        await outbox.delete_one({"event_id": "blocker"})
        sent = await services.messages.send("alice", group_id, "stored with its event")
        assert sent.seq == 1  # the failed send took no position
        row = await outbox.find_one({"type": "chat.message.sent"})
        assert row is not None
        assert row["event"]["data"]["message_id"] == str(sent.id)
        assert await services.reads.unread_counts("bob", [group_id]) == {group_id: 1}


async def test_catching_up_during_a_burst_of_concurrent_sends_never_skips_a_message(
    hosted: Hosted, infra: Infrastructure
) -> None:
    async with hosted() as host:
        services = host.services
        group = await services.conversations.create_group("alice", "Burst", ["bob", "carol"])
        group_id = str(group.id)
        # Four "replicas": separate services, so nothing in-process serialises their sends.
        replicas = [
            MessageService(
                conversations=services.conversations,
                appender=appender(host.runtime.publisher, infra),
                messages=MessageRepository(),
                reads=ReadStateRepository(),
                jobs=CoachReplyJobRepository(),
                media=CompletedMediaRepository(),
            )
            for _ in range(4)
        ]
        senders = ["alice", "bob", "carol"]
        total = 120
        sent: list[str] = []
        done = asyncio.Event()

        async def send(i: int) -> None:
            replica = replicas[i % len(replicas)]
            message = await replica.send(senders[i % len(senders)], group_id, f"m{i}")
            sent.append(str(message.id))

        async def burst() -> None:
            try:
                async with asyncio.TaskGroup() as group_tasks:
                    for i in range(total):
                        group_tasks.create_task(send(i))
                        if i % 8 == 7:
                            await asyncio.sleep(0)  # let earlier sends get going
            finally:
                done.set()

        seen: list[str] = []
        seqs: list[int] = []
        cursor: str | None = None
        catch_ups = 0

        async def catch_up() -> None:
            nonlocal cursor, catch_ups
            catch_ups += 1
            page = await services.messages.history(
                "bob", group_id, first=random.randint(1, 7), before=None, after=cursor
            )
            for message, position in zip(page.items, page.cursors, strict=True):
                seen.append(str(message.id))
                seqs.append(message.seq)
                cursor = position

        async def follow() -> None:
            # A client catching up from where it got to, again and again, while sends race.
            while not done.is_set():
                await catch_up()

        async with asyncio.timeout(60):
            await asyncio.gather(burst(), follow())
            while len(seen) < total:
                before = len(seen)
                await catch_up()
                if len(seen) == before:
                    break

    assert catch_ups > 10  # it really did catch up during the burst
    assert len(sent) == total
    assert sorted(seen) == sorted(sent), "a message was skipped or seen twice"
    assert seqs == list(range(1, total + 1))


async def test_a_reply_owed_by_a_process_that_died_is_given_by_the_next(
    hosted: Hosted,
    infra: Infrastructure,
    serve_subgraph: ServeSubgraph,
    settings: Settings,
    test_keys: TestKeys,
) -> None:
    jobs = CoachReplyJobRepository()
    # The first process stores two questions, each with its reply owed, and dies:
    # one was never picked up, the other was half answered by a worker that died.
    async with hosted(answer_coach=False) as host:
        services = host.services
        coach = await services.conversations.open_coach("alice")
        coach_id = str(coach.id)
        goal_question = await services.messages.send(
            "alice", coach_id, "I want to run a 5k by March"
        )
        check_in = await services.messages.send("alice", coach_id, "I slept 7 hours")
        claimed = await jobs.claim(utcnow(), timedelta(seconds=1))
        assert claimed is not None
        assert claimed.message_id == str(goal_question.id)
        partial = await appender(host.runtime.publisher, infra).post(
            coach_draft(
                coach_id,
                "Great go",
                reply_to=str(goal_question.id),
                streaming=True,
                client_message_id=reply_client_id(goal_question),
            )
        )

    async with (
        captured_events(settings, "chat.coach.goal_requested") as requests,
        serve_subgraph(subgraph) as url,
    ):
        alice = Api(url, test_keys, "alice")

        async def replies() -> dict[str, dict[str, object]]:
            page = (await alice.data(HISTORY, c=coach_id, first=10))["messages"]
            nodes = [edge["node"] for edge in page["edges"]]
            return {str(n["replyTo"]): n for n in nodes if n["author"] == "COACH"}

        async def both_answered() -> bool:
            answered = await replies()
            finished = [r for r in answered.values() if r["isStreaming"] is False]
            return len(finished) == 2

        await wait_until(both_answered)
        answered = await replies()
        goal_reply = answered[str(goal_question.id)]
        assert goal_reply["id"] == str(partial.message.id)  # the half answer was replaced
        assert "Run a 5k" in str(goal_reply["text"])
        assert "Shall I log 7 of sleep hours" in str(answered[str(check_in.id)]["text"])
        proposal = goal_reply["proposal"]
        assert isinstance(proposal, dict)
        assert proposal["status"] == "PENDING"
        await alice.data(CONFIRM, id=proposal["id"])
        requested = await requests.next()
        assert requested.data["title"] == "Run a 5k"
        # Each job went with its reply; the goal was asked for once.
        assert await CoachReplyJob.find_all().count() == 0
        assert await CoachGoal.find({"user_id": "alice"}).count() == 1
