"""The coach at work: answers coach conversations, asks for goals, confirms them."""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from common.events import Event, EventPublisher
from common.events.catalog import CoachGoalCreated, CoachGoalRequested
from subgraphs.chat.coach.provider import (
    CoachProvider,
    CoachReply,
    CoachRequest,
    RememberedCheckIn,
    RememberedGoal,
    Turn,
)
from subgraphs.chat.models import (
    CoachGoal,
    Conversation,
    ConversationKind,
    Message,
    MessageAuthor,
)
from subgraphs.chat.repository import CoachMemoryRepository
from subgraphs.chat.service import ChatService

log = logging.getLogger(__name__)

HISTORY_TURNS = 12
INTERRUPTED = " (The coach was interrupted; please ask again.)"
NO_REPLY = "Sorry, I couldn't come up with a reply just now. Please try again."


@dataclass(frozen=True, slots=True)
class _Job:
    conversation: Conversation
    message: Message


class CoachService:
    def __init__(
        self,
        *,
        chat: ChatService,
        provider: CoachProvider,
        memory: CoachMemoryRepository,
        publisher: EventPublisher,
        goal_link_base: str,
        max_concurrent: int = 16,
    ) -> None:
        self._chat = chat
        self._provider = provider
        self._memory = memory
        self._publisher = publisher
        self._goal_link_base = goal_link_base.rstrip("/")
        self._queue: asyncio.Queue[_Job] = asyncio.Queue()
        self._slots = asyncio.Semaphore(max_concurrent)

    def submit(self, conversation: Conversation, message: Message) -> None:
        self._queue.put_nowait(_Job(conversation, message))

    async def run(self) -> None:
        """Answer queued messages, a bounded number at a time, until cancelled at shutdown."""
        async with asyncio.TaskGroup() as group:
            while True:
                job = await self._queue.get()
                await self._slots.acquire()
                group.create_task(self._answer_guarded(job))

    async def _answer_guarded(self, job: _Job) -> None:
        try:
            await self.answer(job.conversation, job.message)
        except Exception:
            log.exception("the coach failed to answer", extra={"message_id": str(job.message.id)})
        finally:
            self._slots.release()

    async def answer(self, conversation: Conversation, message: Message) -> None:
        request = await self._request(conversation, message)
        reply = await self._provider.respond(request)
        await self._deliver(conversation, message, reply)
        if reply.check_in is not None:
            await self._memory.check_in(request.user_id, reply.check_in, request.today.isoformat())
        if reply.goal is not None:
            goal = CoachGoal(
                request_id=uuid.uuid4().hex,
                user_id=request.user_id,
                conversation_id=str(conversation.id),
                title=reply.goal.title,
                area=reply.goal.area,
                due_date=reply.goal.due_date.isoformat() if reply.goal.due_date else None,
            )
            await self._memory.record_goal(goal)
            await self._publisher.publish(
                Event.of(
                    "chat.coach.goal_requested",
                    user_id=request.user_id,
                    data=CoachGoalRequested(
                        request_id=goal.request_id,
                        conversation_id=goal.conversation_id,
                        user_id=goal.user_id,
                        title=goal.title,
                        area=reply.goal.area,
                        due_date=reply.goal.due_date,
                    ),
                )
            )

    async def _request(self, conversation: Conversation, message: Message) -> CoachRequest:
        assert message.sender_id is not None
        today = datetime.now(UTC).date()
        recent = await self._chat.messages.recent(str(conversation.id), HISTORY_TURNS)
        history = [
            Turn("coach" if m.author is MessageAuthor.COACH else "user", m.text)
            for m in recent
            if m.text
        ]
        return CoachRequest(
            user_id=message.sender_id,
            message_id=str(message.id),
            text=message.text,
            today=today,
            history=history,
            goals=[
                RememberedGoal(g.title, g.area, g.due_date, g.goal_id)
                for g in await self._memory.goals(message.sender_id)
            ],
            recent_check_ins=[
                RememberedCheckIn(c.habit, c.day)
                for c in await self._memory.check_ins_since(
                    message.sender_id, (today - timedelta(days=6)).isoformat()
                )
            ],
        )

    async def _deliver(
        self, conversation: Conversation, question: Message, reply: CoachReply
    ) -> None:
        """Stream the reply into one message: it appears with the first chunk, grows per chunk.

        One chunk of look-ahead tells whether a chunk is the last, so the final
        update is the one that clears `streaming`.
        """
        answer: Message | None = None
        text = ""
        chunks = aiter(reply.chunks)
        try:
            pending = await anext(chunks, None)
            while pending is not None:
                following = await anext(chunks, None)
                text += pending
                streaming = following is not None
                if answer is None:
                    answer = await self._chat.post_as_coach(
                        conversation, text, reply_to=str(question.id), streaming=streaming
                    )
                else:
                    answer = await self._chat.stream_coach_text(answer, text, streaming=streaming)
                pending = following
        except Exception:
            log.exception("the coach provider failed mid-reply")
            if answer is not None:
                await self._chat.stream_coach_text(answer, text + INTERRUPTED, streaming=False)
                return
        if answer is None:
            await self._chat.post_as_coach(conversation, NO_REPLY, reply_to=str(question.id))

    async def confirm_goal(self, created: CoachGoalCreated) -> None:
        """Tell the user their goal exists; a redelivered event posts nothing new."""
        conversation = await self._chat.conversations.get(created.conversation_id)
        if (
            conversation is None
            or conversation.kind is not ConversationKind.COACH
            or created.user_id not in conversation.member_ids
        ):
            log.warning("coach goal confirmation for an unknown conversation dropped")
            return
        await self._memory.goal_created(created.request_id, created.goal_id)
        link = f"{self._goal_link_base}/goals/{created.goal_id}"
        await self._chat.post_as_coach(
            conversation,
            f'Done! "{created.title}" is on your goals board (goal {created.goal_id}): {link}',
            client_message_id=f"goal-created:{created.request_id}",
        )
