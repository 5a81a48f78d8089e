"""What the coach proposes on its messages, and the user's answer to it."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from subgraphs.chat.models import CoachProposal as CoachProposalDoc
from subgraphs.chat.models import ProposalKind, ProposalStatus, utcnow


@strawberry.enum(description="What the coach proposes to do.")
class CoachProposalKind(Enum):
    GOAL = strawberry.enum_value(ProposalKind.GOAL, description="Create a goal.")
    CHECK_IN = strawberry.enum_value(
        ProposalKind.CHECK_IN, description="Check one of your habits in for a day."
    )
    TRACKER_ENTRY = strawberry.enum_value(
        ProposalKind.TRACKER_ENTRY, description="Log a tracker entry (metric, value, currency)."
    )
    GOAL_PROGRESS = strawberry.enum_value(
        ProposalKind.GOAL_PROGRESS, description="Set one of your goals' progress."
    )
    TASK_DONE = strawberry.enum_value(
        ProposalKind.TASK_DONE, description="Tick off one of your open tasks."
    )
    SCHEDULE = strawberry.enum_value(
        ProposalKind.SCHEDULE,
        description="Put a calendar block, or a focus session (`focus`), in your calendar.",
    )


@strawberry.enum(description="Where a proposal stands.")
class CoachProposalStatus(Enum):
    PENDING = strawberry.enum_value(
        ProposalStatus.PENDING, description="Waiting for you to confirm or decline it."
    )
    CONFIRMED = strawberry.enum_value(
        ProposalStatus.CONFIRMED,
        description=(
            "You confirmed it; it is being carried out (the coach says so once it is done)."
        ),
    )
    DECLINED = strawberry.enum_value(
        ProposalStatus.DECLINED, description="You declined it; nothing was done."
    )
    EXPIRED = strawberry.enum_value(
        ProposalStatus.EXPIRED, description="Not answered in time; nothing was done."
    )


@strawberry.type(
    description=(
        "Something the coach offers to do, done only once you confirm it (`confirmCoachProposal`)."
    )
)
class CoachProposal:
    id: strawberry.ID = strawberry.field(description="The proposal's id.")
    kind: CoachProposalKind = strawberry.field(description="What it would do.")
    status: CoachProposalStatus = strawberry.field(description="Where it stands.")
    title: str | None = strawberry.field(
        description=(
            "GOAL: the goal's title; GOAL_PROGRESS: the goal's; TASK_DONE: the task's; "
            "SCHEDULE: the block's."
        )
    )
    area: str | None = strawberry.field(
        description=(
            "GOAL: its life area: health, finance, family, career, learning or creativity."
        )
    )
    due_date: dt.date | None = strawberry.field(description="GOAL: its due date, if any.")
    habit: str | None = strawberry.field(description="CHECK_IN: the habit's title.")
    day: dt.date | None = strawberry.field(description="CHECK_IN: the day it is for.")
    habit_id: strawberry.ID | None = strawberry.field(
        description="CHECK_IN: the habit's id (null on check-ins proposed before 2026-12)."
    )
    metric: str | None = strawberry.field(
        description=(
            "TRACKER_ENTRY: weight_kg, sleep_hours, resting_heart_rate, spending or "
            "learning_minutes."
        )
    )
    value: float | None = strawberry.field(description="TRACKER_ENTRY: the value to log.")
    currency: str | None = strawberry.field(
        description="TRACKER_ENTRY: the ISO 4217 currency of spending."
    )
    goal_id: strawberry.ID | None = strawberry.field(
        description="GOAL_PROGRESS: the goal; SCHEDULE: the goal the block is for, if any."
    )
    task_id: strawberry.ID | None = strawberry.field(
        description="TASK_DONE: the task (its title in `title`)."
    )
    progress: int | None = strawberry.field(
        description="GOAL_PROGRESS: the new progress, 0 to 100."
    )
    starts_at: dt.datetime | None = strawberry.field(
        description="SCHEDULE: when the block starts (UTC)."
    )
    duration_minutes: int | None = strawberry.field(
        description="SCHEDULE: how long the block lasts, 5 to 1440 minutes."
    )
    focus: bool = strawberry.field(description="SCHEDULE: a focus session rather than an event.")
    expires_at: dt.datetime = strawberry.field(
        description="When a pending proposal expires if not answered (UTC)."
    )
    decided_at: dt.datetime | None = strawberry.field(
        description="When you confirmed or declined it; null while pending or once expired."
    )

    @classmethod
    def from_doc(cls, doc: CoachProposalDoc) -> CoachProposal:
        return cls(
            id=strawberry.ID(doc.id),
            kind=CoachProposalKind(doc.kind),
            status=CoachProposalStatus(doc.status_at(utcnow())),
            title=doc.title,
            area=doc.area,
            due_date=dt.date.fromisoformat(doc.due_date) if doc.due_date else None,
            habit=doc.habit,
            day=dt.date.fromisoformat(doc.day) if doc.day else None,
            habit_id=strawberry.ID(doc.habit_id) if doc.habit_id else None,
            metric=doc.metric,
            value=doc.value,
            currency=doc.currency,
            goal_id=strawberry.ID(doc.goal_id) if doc.goal_id else None,
            progress=doc.progress,
            task_id=strawberry.ID(doc.task_id) if doc.task_id else None,
            starts_at=doc.starts_at,
            duration_minutes=doc.duration_minutes,
            focus=doc.focus,
            expires_at=doc.expires_at,
            decided_at=doc.decided_at,
        )
