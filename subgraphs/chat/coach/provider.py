"""What a coach provider gets for each user message and what it answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol

from common.events.catalog import LifeArea


@dataclass(frozen=True, slots=True)
class Turn:
    role: Literal["user", "coach"]
    text: str


@dataclass(frozen=True, slots=True)
class RememberedGoal:
    title: str
    area: str
    due_date: str | None
    goal_id: str | None


@dataclass(frozen=True, slots=True)
class RememberedCheckIn:
    habit: str
    day: str


@dataclass(frozen=True, slots=True)
class CoachRequest:
    user_id: str
    message_id: str
    text: str
    today: date
    history: list[Turn] = field(default_factory=list)
    goals: list[RememberedGoal] = field(default_factory=list)
    recent_check_ins: list[RememberedCheckIn] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GoalProposal:
    title: str
    area: LifeArea
    due_date: date | None = None


@dataclass(slots=True)
class CoachReply:
    """The reply text as it is produced, and what the coach decided to do besides talking."""

    chunks: AsyncIterator[str]
    goal: GoalProposal | None = None
    check_in: str | None = None


class CoachProvider(Protocol):
    async def respond(self, request: CoachRequest) -> CoachReply: ...

    async def aclose(self) -> None:
        """Release what the provider holds open (an HTTP client); called once at shutdown."""


async def single_chunk(text: str) -> AsyncIterator[str]:
    yield text
