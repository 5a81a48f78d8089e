"""The user's answer to what the coach proposed: confirmed proposals are carried out by events.

A proposal moves from PENDING once, guarded by its status in the transaction that
also carries it out (the goal or action request through the outbox), so a
confirmation sent twice, even at once, acts once. Goals acts as the user who
confirmed, and answers with `goals.coach_action.applied` (or
`goals.coach_goal.created`): only then does the coach say it is done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from common.errors import Conflict, Forbidden, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import CoachAction, CoachActionRequested, CoachGoalRequested
from subgraphs.chat.models import (
    CoachGoal,
    CoachProposal,
    ConversationKind,
    Message,
    ProposalKind,
    ProposalStatus,
    utcnow,
)
from subgraphs.chat.repository import (
    CoachMemoryRepository,
    ConversationRepository,
    MessageRepository,
)
from subgraphs.chat.service.appending import Appended, Appender, coach_draft

_PROPOSAL_ID = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True, slots=True)
class _Decided:
    message: Message
    follow_up: Appended | None


class ProposalService:
    def __init__(
        self,
        *,
        appender: Appender,
        conversation_store: ConversationRepository,
        message_store: MessageRepository,
        memory: CoachMemoryRepository,
    ) -> None:
        self._appender = appender
        self._conversations = conversation_store
        self._messages = message_store
        self._memory = memory

    async def confirm(self, viewer: str, proposal_id: str) -> CoachProposal:
        """Confirm and carry out a pending proposal of the viewer's coach."""
        return await self._decide(viewer, proposal_id, ProposalStatus.CONFIRMED)

    async def decline(self, viewer: str, proposal_id: str) -> CoachProposal:
        """Decline a pending proposal of the viewer's coach: nothing is done."""
        return await self._decide(viewer, proposal_id, ProposalStatus.DECLINED)

    async def _decide(self, viewer: str, proposal_id: str, status: ProposalStatus) -> CoachProposal:
        # Ids are uuid hex: anything else (a lone surrogate, an operator) never reaches the store.
        if not _PROPOSAL_ID.fullmatch(proposal_id):
            raise NotFound("Proposal not found.", field="proposalId")
        message = await self._messages.by_proposal(proposal_id)
        if message is None:
            raise NotFound("Proposal not found.", field="proposalId")
        conversation = await self._conversations.get(message.conversation_id)
        if (
            conversation is None
            or conversation.kind is not ConversationKind.COACH
            or viewer not in conversation.member_ids
        ):
            raise Forbidden("Only the user the coach proposed it to can answer it.")

        async def work(tx: OutboxTransaction) -> _Decided:
            now = utcnow()
            decided = await self._messages.decide_proposal(
                proposal_id, status, now=now, session=tx.session
            )
            if decided is None or decided.proposal is None:
                raise _already_decided(await self._messages.by_proposal(proposal_id), now)
            follow_up = None
            if status is ProposalStatus.CONFIRMED:
                follow_up = await self._carry_out(viewer, decided, decided.proposal, tx)
            return _Decided(decided, follow_up)

        done = await self._appender.appending(message.conversation_id, work)
        await self._appender.announce_updated(done.message)
        if done.follow_up is not None and done.follow_up.created:
            await self._appender.announce_added(done.follow_up.message, done.follow_up.members)
        assert done.message.proposal is not None
        return done.message.proposal

    async def _carry_out(
        self, viewer: str, message: Message, proposal: CoachProposal, tx: OutboxTransaction
    ) -> Appended | None:
        if proposal.kind is ProposalKind.GOAL:
            await self._request_goal(viewer, message, proposal, tx)
            # Goals creates it; the coach says so when `goals.coach_goal.created` arrives.
            return None
        if proposal.kind is not ProposalKind.CHECK_IN or proposal.habit_id is not None:
            await tx.publish(_action_request(viewer, message, proposal))
            # Goals does it; the coach says so when `goals.coach_action.applied` arrives.
            return None
        # A check-in proposed before check-ins went to goals: the coach's memory, as then.
        assert proposal.habit is not None
        assert proposal.day is not None
        await self._memory.check_in(
            viewer, proposal.habit, proposal.day, at=utcnow(), session=tx.session
        )
        # The check-in is the coach's own memory, written in this transaction: once
        # this commits it is true, so the coach may say it.
        draft = coach_draft(
            message.conversation_id,
            f"Done! {proposal.habit.capitalize()} is checked in for {proposal.day}.",
            client_message_id=f"proposal-done:{proposal.id}",
        )
        return await self._appender.append(draft, member=None, session=tx.session)

    async def _request_goal(
        self, viewer: str, message: Message, proposal: CoachProposal, tx: OutboxTransaction
    ) -> None:
        assert proposal.title is not None
        assert proposal.area is not None

        goal = CoachGoal(
            request_id=proposal.id,
            user_id=viewer,
            conversation_id=message.conversation_id,
            title=proposal.title,
            area=proposal.area,
            due_date=proposal.due_date,
        )
        await self._memory.record_goal(goal, session=tx.session)
        await tx.publish(
            Event.of(
                "chat.coach.goal_requested",
                user_id=viewer,
                data=CoachGoalRequested(
                    request_id=goal.request_id,
                    conversation_id=goal.conversation_id,
                    user_id=viewer,
                    title=goal.title,
                    area=proposal.area,
                    due_date=date.fromisoformat(proposal.due_date) if proposal.due_date else None,
                ),
            )
        )


_ACTIONS: dict[ProposalKind, CoachAction] = {
    ProposalKind.CHECK_IN: "check_in_habit",
    ProposalKind.TRACKER_ENTRY: "log_tracker",
    ProposalKind.GOAL_PROGRESS: "set_goal_progress",
    ProposalKind.TASK_DONE: "complete_task",
    ProposalKind.SCHEDULE: "schedule",
}


def _action_request(viewer: str, message: Message, proposal: CoachProposal) -> Event:
    """`chat.coach.action_requested` for a confirmed proposal; its id is the request's, so
    goals acts once however often it arrives."""
    return Event.of(
        "chat.coach.action_requested",
        user_id=viewer,
        data=CoachActionRequested(
            request_id=proposal.id,
            conversation_id=message.conversation_id,
            user_id=viewer,
            action=_ACTIONS[proposal.kind],
            habit_id=proposal.habit_id,
            day=date.fromisoformat(proposal.day) if proposal.day else None,
            metric=proposal.metric,
            value=proposal.value,
            currency=proposal.currency,
            goal_id=proposal.goal_id,
            progress=proposal.progress,
            task_id=proposal.task_id,
            title=proposal.title,
            starts_at=proposal.starts_at,
            duration_minutes=proposal.duration_minutes,
            focus=proposal.focus,
        ),
    )


def _already_decided(message: Message | None, now: datetime) -> Conflict:
    proposal = message.proposal if message is not None else None
    status = proposal.status_at(now) if proposal is not None else ProposalStatus.EXPIRED
    return Conflict(
        f"This proposal is already {status.value}.",
        reason="PROPOSAL_DECIDED",
        status=status.name,
    )
