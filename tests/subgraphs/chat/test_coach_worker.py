"""Coach workers: each reply owed is answered once, failures are tried again."""

from __future__ import annotations

import asyncio

import pytest

from common.app import SubgraphHost
from common.infra import Infrastructure
from common.testing.waiting import wait_until
from subgraphs.chat.coach.provider import CoachReply, CoachRequest
from subgraphs.chat.coach.rules import RuleBasedCoach
from subgraphs.chat.coach.service import CoachService
from subgraphs.chat.coach.worker import CoachWorker
from subgraphs.chat.models import Message, MessageAuthor
from subgraphs.chat.repository import (
    CoachContextRepository,
    CoachMemoryRepository,
    CoachReplyJobRepository,
    ConversationRepository,
    MessageRepository,
    ProfileRepository,
)
from subgraphs.chat.service.appending import Appender
from subgraphs.chat.service.container import ChatServices
from subgraphs.chat.service.live import LiveFeed
from subgraphs.chat.service.profiles import ProfileService

from .conftest import Hosted

pytestmark = [pytest.mark.redis]


class FlakyLLM:
    """The rule-based coach behind a provider whose first `failures` calls fail."""

    def __init__(self, failures: int) -> None:
        self.calls = 0
        self._failures = failures
        self._rules = RuleBasedCoach()

    async def aclose(self) -> None:
        await self._rules.aclose()

    async def respond(self, request: CoachRequest) -> CoachReply:
        self.calls += 1
        if self.calls <= self._failures:
            raise ConnectionError("the provider is down")
        return await self._rules.respond(request)


def coach_worker(
    host: SubgraphHost[ChatServices], infra: Infrastructure, provider: FlakyLLM
) -> CoachWorker:
    appender = Appender(
        conversations=ConversationRepository(),
        messages=MessageRepository(),
        profiles=ProfileService(profiles=ProfileRepository()),
        feed=LiveFeed(infra.pubsub),
        publisher=host.runtime.publisher,
    )
    coach = CoachService(
        appender=appender,
        conversation_store=ConversationRepository(),
        message_store=MessageRepository(),
        provider=provider,
        memory=CoachMemoryRepository(),
        context=CoachContextRepository(),
        jobs=CoachReplyJobRepository(),
        speech=host.services.coach_speech,
        goal_link_base="https://lifegraph.test",
    )
    return CoachWorker(
        jobs=CoachReplyJobRepository(), answer=coach.answer, poll_seconds=0.05, retry_seconds=0.05
    )


async def test_two_workers_answer_each_question_once_and_retry_failures(
    hosted: Hosted, infra: Infrastructure
) -> None:
    async with hosted(answer_coach=False) as host:
        services = host.services
        providers = [FlakyLLM(failures=1), FlakyLLM(failures=1)]
        workers = [coach_worker(host, infra, p) for p in providers]

        def wake_all() -> None:
            for worker in workers:
                worker.wake()

        services.messages.coach_question_stored = wake_all
        tasks = [asyncio.create_task(w.run()) for w in workers]
        try:
            coach = await services.conversations.open_coach("alice")
            coach_id = str(coach.id)
            questions = [
                await services.messages.send("alice", coach_id, f"I slept {i + 1} hours")
                for i in range(6)
            ]

            async def coach_messages() -> list[Message]:
                return await Message.find(
                    {"conversation_id": coach_id, "author": MessageAuthor.COACH.value}
                ).to_list()

            async def all_answered() -> bool:
                replies = await coach_messages()
                return {m.reply_to for m in replies if not m.streaming} == {
                    str(q.id) for q in questions
                }

            await wait_until(all_answered)
            replies = await coach_messages()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    assert len(replies) == len(questions)  # one reply each, however the claims fell
    assert all("Shall I log" in m.text for m in replies)
    # A provider's first call failed; that reply was tried again (by either worker).
    used = [p for p in providers if p.calls > 0]
    assert sum(p.calls for p in used) == len(questions) + len(used)
