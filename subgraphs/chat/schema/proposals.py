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
        ProposalKind.CHECK_IN, description="Check a habit in for a day."
    )


@strawberry.enum(description="Where a proposal stands.")
class CoachProposalStatus(Enum):
    PENDING = strawberry.enum_value(
        ProposalStatus.PENDING, description="Waiting for you to confirm or decline it."
    )
    CONFIRMED = strawberry.enum_value(
        ProposalStatus.CONFIRMED, description="You confirmed it; it is being carried out."
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
    title: str | None = strawberry.field(description="GOAL: the goal's title.")
    area: str | None = strawberry.field(
        description=(
            "GOAL: its life area: health, finance, family, career, learning or creativity."
        )
    )
    due_date: dt.date | None = strawberry.field(description="GOAL: its due date, if any.")
    habit: str | None = strawberry.field(description="CHECK_IN: the habit.")
    day: dt.date | None = strawberry.field(description="CHECK_IN: the day it is for.")
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
            expires_at=doc.expires_at,
            decided_at=doc.decided_at,
        )
