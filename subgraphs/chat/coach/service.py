"""The coach at work: answers a pending reply, proposing what it could do; confirms goals."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import AfterCommit, OutboxTransaction
from common.events.catalog import CoachActionApplied, CoachGoalCreated
from subgraphs.chat.coach.provider import (
    CheckInProposal,
    CoachContext,
    CoachProvider,
    CoachReply,
    CoachRequest,
    GoalProposal,
    KnownGoal,
    KnownHabit,
    KnownTask,
    ProgressProposal,
    RememberedGoal,
    ScheduleProposal,
    TaskDoneProposal,
    TrackerProposal,
    Turn,
)
from subgraphs.chat.coach.speech import CoachSpeech
from subgraphs.chat.models import (
    CoachProposal,
    CoachReplyJob,
    Conversation,
    ConversationKind,
    Message,
    MessageAuthor,
    ProposalKind,
    utcnow,
)
from subgraphs.chat.repository import (
    CoachContextRepository,
    CoachMemoryRepository,
    CoachReplyJobRepository,
    ConversationRepository,
    MessageRepository,
)
from subgraphs.chat.service.appending import Appender, coach_draft

log = logging.getLogger(__name__)

HISTORY_TURNS = 12
INTERRUPTED = " (The coach was interrupted; please ask again.)"
NO_REPLY = "Sorry, I couldn't come up with a reply just now. Please try again."
# How long a proposal waits for the user's answer before it expires.
PROPOSAL_TTL = timedelta(days=1)
# The coach's context is bounded: at most this many goals and habits, this many days back.
CONTEXT_GOALS = 10
CONTEXT_HABITS = 15
CONTEXT_TASKS = 15
CONTEXT_DAYS = 7
# A reply that failed this often is answered with NO_REPLY instead of being tried again.
MAX_ATTEMPTS = 3


class LostClaim(Exception):
    """The job's lease lapsed and another worker holds it now: it writes the reply."""


@dataclass(frozen=True, slots=True)
class _Final:
    message: Message
    created: bool
    members: list[str]


class CoachService:
    def __init__(
        self,
        *,
        appender: Appender,
        conversation_store: ConversationRepository,
        message_store: MessageRepository,
        provider: CoachProvider,
        memory: CoachMemoryRepository,
        context: CoachContextRepository,
        jobs: CoachReplyJobRepository,
        speech: CoachSpeech,
        goal_link_base: str,
    ) -> None:
        self._context = context
        self._speech = speech
        self._appender = appender
        self._conversations = conversation_store
        self._message_store = message_store
        self._provider = provider
        self._memory = memory
        self._jobs = jobs
        self._goal_link_base = goal_link_base.rstrip("/")

    async def answer(self, job: CoachReplyJob) -> None:
        """Answer the question `job` holds; it is finished with the final reply, atomically."""
        conversation = await self._conversations.get(job.conversation_id)
        question = await self._message_store.get(job.message_id)
        if conversation is None or question is None or question.deleted_at is not None:
            await self._finish(job, None, None, "", None, None)  # nothing left to answer
            return
        if job.attempts > MAX_ATTEMPTS:
            await self._finish(job, conversation, question, NO_REPLY, None, None)
            return
        request = await self._request(conversation, question)
        reply = await self._provider.respond(request)
        await self._deliver(job, conversation, question, reply)

    async def _request(self, conversation: Conversation, message: Message) -> CoachRequest:
        assert message.sender_id is not None
        now = datetime.now(UTC)
        today = now.date()
        recent = await self._message_store.recent(str(conversation.id), HISTORY_TURNS)
        history = [
            Turn(
                "coach" if m.author is MessageAuthor.COACH else "user",
                m.text or m.transcript or "",
            )
            for m in recent
            if (m.text or m.transcript) and m.seq <= message.seq
        ]
        return CoachRequest(
            user_id=message.sender_id,
            message_id=str(message.id),
            # A voice question is answered from its transcript.
            text=message.text or message.transcript or "",
            today=today,
            history=history,
            goals=[
                RememberedGoal(g.title, g.area, g.due_date, g.goal_id)
                for g in await self._memory.goals(message.sender_id)
            ],
            context=await self._context_of(message.sender_id, today),
            now=now,
        )

    async def _context_of(self, user_id: str, today: date) -> CoachContext:
        """The user's active goals, open tasks, habits, streaks and last week's check-ins,
        bounded, from
        chat's projections of goals' events (never journal text: chat has none)."""
        goals = await self._context.active_goals(user_id, CONTEXT_GOALS)
        habits = await self._context.habits(user_id, CONTEXT_HABITS)
        since = (today - timedelta(days=CONTEXT_DAYS - 1)).isoformat()
        days: dict[str, list[str]] = {}
        for check_in in await self._context.days_since(
            user_id, [h.habit_id for h in habits], since, CONTEXT_HABITS * CONTEXT_DAYS
        ):
            days.setdefault(check_in.habit_id, []).append(check_in.day)
        return CoachContext(
            goals=tuple(KnownGoal(g.goal_id, g.title, g.area, g.progress) for g in goals),
            tasks=tuple(
                KnownTask(t.task_id, t.title, t.due_day)
                for t in await self._context.open_tasks(user_id, CONTEXT_TASKS)
            ),
            habits=tuple(
                KnownHabit(
                    h.habit_id,
                    h.title,
                    h.current_streak,
                    h.longest_streak,
                    tuple(days.get(h.habit_id, ())),
                )
                for h in habits
            ),
        )

    async def _deliver(
        self,
        job: CoachReplyJob,
        conversation: Conversation,
        question: Message,
        reply: CoachReply,
    ) -> None:
        """Stream the reply into one message: it appears with the first chunk, grows per chunk.

        One chunk of look-ahead tells whether a chunk is the last; the last one is
        written in the transaction that finishes the job, with what the coach decided.
        """
        answer: Message | None = None
        text = ""
        chunks = aiter(reply.chunks)
        try:
            pending = await anext(chunks, None)
            while pending is not None:
                following = await anext(chunks, None)
                text += pending
                if following is None:
                    break
                answer = await self._stream(conversation, question, answer, text)
                pending = following
        except Exception:
            log.exception("the coach provider failed mid-reply")
            final = text + INTERRUPTED if text else NO_REPLY
            await self._finish(job, conversation, question, final, None, answer)
            return
        if not text:
            await self._finish(job, conversation, question, NO_REPLY, None, answer)
            return
        await self._finish(job, conversation, question, text, reply, answer)

    async def _stream(
        self, conversation: Conversation, question: Message, answer: Message | None, text: str
    ) -> Message:
        if answer is not None:
            return await self._set_text(answer, text)
        draft = coach_draft(
            str(conversation.id),
            text,
            reply_to=str(question.id),
            streaming=True,
            client_message_id=reply_client_id(question),
        )
        appended = await self._appender.post(draft)
        if appended.created:
            return appended.message
        # A worker that died mid-reply left its part: this reply replaces it.
        return await self._set_text(appended.message, text)

    async def _set_text(self, message: Message, text: str) -> Message:
        await self._message_store.set_text(str(message.id), text, streaming=True)
        updated: Message = message.model_copy(update={"text": text, "streaming": True})
        await self._appender.announce_updated(updated)
        return updated

    async def _finish(
        self,
        job: CoachReplyJob,
        conversation: Conversation | None,
        question: Message | None,
        text: str,
        decided: CoachReply | None,
        answer: Message | None,
    ) -> None:
        async def work(tx: OutboxTransaction) -> _Final | None:
            if not await self._jobs.finish(job, session=tx.session):
                raise LostClaim(str(job.id))
            if conversation is None or question is None:
                return None
            proposal = proposal_of(question, decided) if decided is not None else None
            final = await self._write_reply(
                conversation, question, text, answer, proposal, tx.session
            )
            # With the final text, in its transaction: asked once per reply, never for
            # a draft, and never again by a worker that lost the job.
            spoken = await self._speech.request(conversation, question, final.message, tx.session)
            if spoken is not None:
                await tx.publish(spoken)
            return final

        try:
            final = await self._appender.appending(job.conversation_id, work)
        except LostClaim:
            log.warning("coach reply job gone or taken over; dropped", extra={"job": str(job.id)})
            return
        if final is None:
            return
        if final.created:
            await self._appender.announce_added(final.message, final.members)
        else:
            await self._appender.announce_updated(final.message)

    async def _write_reply(
        self,
        conversation: Conversation,
        question: Message,
        text: str,
        answer: Message | None,
        proposal: CoachProposal | None,
        session: AsyncClientSession,
    ) -> _Final:
        """The final reply, with what the coach proposes to do (done only once confirmed)."""
        if answer is None:
            draft = coach_draft(
                str(conversation.id),
                text,
                reply_to=str(question.id),
                client_message_id=reply_client_id(question),
            )
            draft.proposal = proposal
            appended = await self._appender.append(draft, member=None, session=session)
            if appended.created:
                return _Final(appended.message, True, appended.members)
            answer = appended.message
        await self._message_store.set_text(
            str(answer.id), text, streaming=False, proposal=proposal, session=session
        )
        changes = {"text": text, "streaming": False}
        updated: Message = answer.model_copy(
            update={**changes, "proposal": proposal} if proposal else changes
        )
        return _Final(updated, False, [])

    async def confirm_goal(
        self, created: CoachGoalCreated, session: AsyncClientSession
    ) -> AfterCommit | None:
        """Tell the user their goal exists, in the transaction recording the event as processed."""
        conversation = await self._conversations.get_in(created.conversation_id, session=session)
        if (
            conversation is None
            or conversation.kind is not ConversationKind.COACH
            or created.user_id not in conversation.member_ids
        ):
            log.warning("coach goal confirmation for an unknown conversation dropped")
            return None
        await self._memory.goal_created(created.request_id, created.goal_id, session=session)
        link = f"{self._goal_link_base}/goals/{created.goal_id}"
        draft = coach_draft(
            str(conversation.id),
            f'Done! "{created.title}" is on your goals board (goal {created.goal_id}): {link}',
            client_message_id=f"goal-created:{created.request_id}",
        )
        appended = await self._appender.append(draft, member=None, session=session)
        if not appended.created:
            return None  # another event for the same request already confirmed it

        async def announce() -> None:
            await self._appender.announce_added(appended.message, appended.members)

        return announce

    async def action_applied(
        self, applied: CoachActionApplied, session: AsyncClientSession
    ) -> AfterCommit | None:
        """Tell the user what goals did with a confirmed action (done, or why not), once,
        in the transaction recording the event as processed: only now may the coach say it."""
        conversation = await self._conversations.get_in(applied.conversation_id, session=session)
        if (
            conversation is None
            or conversation.kind is not ConversationKind.COACH
            or applied.user_id not in conversation.member_ids
        ):
            log.warning("coach action outcome for an unknown conversation dropped")
            return None
        text = (
            f"Done! {applied.summary}"
            if applied.applied
            else f"I couldn't do that after all: {applied.summary}"
        )
        draft = coach_draft(
            str(conversation.id), text, client_message_id=f"action-done:{applied.request_id}"
        )
        appended = await self._appender.append(draft, member=None, session=session)
        if not appended.created:
            return None  # a redelivered outcome was already told

        async def announce() -> None:
            await self._appender.announce_added(appended.message, appended.members)

        return announce


def proposal_of(question: Message, reply: CoachReply) -> CoachProposal | None:
    """What the coach offers to do besides talking (checked by `coach/tools.py`), or None."""
    # Derived from the question: a re-run after a crash proposes (and requests) the same thing.
    proposal = CoachProposal(
        id=uuid.uuid5(uuid.NAMESPACE_URL, f"lifegraph:coach:{question.id}").hex,
        kind=ProposalKind.GOAL,
        expires_at=utcnow() + PROPOSAL_TTL,
    )
    changes: dict[str, Any]
    match reply.action:
        case GoalProposal(title=title, area=area, due_date=due):
            due_date = due.isoformat() if due else None
            changes = {"title": title, "area": area, "due_date": due_date}
        case CheckInProposal(habit_id=habit_id, habit=habit, day=day):
            changes = {"kind": ProposalKind.CHECK_IN, "habit_id": habit_id, "habit": habit}
            changes["day"] = day.isoformat()
        case TrackerProposal(metric=metric, value=value, currency=currency):
            changes = {"kind": ProposalKind.TRACKER_ENTRY, "metric": metric, "value": value}
            changes["currency"] = currency
        case ProgressProposal(goal_id=goal_id, goal=goal, progress=progress):
            changes = {"kind": ProposalKind.GOAL_PROGRESS, "goal_id": goal_id, "title": goal}
            changes["progress"] = progress
        case TaskDoneProposal(task_id=task_id, task=task):
            changes = {"kind": ProposalKind.TASK_DONE, "task_id": task_id, "title": task}
        case ScheduleProposal() as block:
            changes = {
                "kind": ProposalKind.SCHEDULE,
                "title": block.title,
                "starts_at": block.starts_at,
                "duration_minutes": block.duration_minutes,
                "focus": block.focus,
                "goal_id": block.goal_id,
            }
        case None:
            return None
    return proposal.model_copy(update=changes)


def reply_client_id(question: Message) -> str:
    """The client id of the coach's reply to `question`: one reply, however often it is tried."""
    return f"reply:{question.id}"
