"""Focus sessions: one open session per user, pauses count as interruptions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from common.errors import BadUserInput, Conflict, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import FocusFinished
from subgraphs.goals.domain.enums import FocusStatus
from subgraphs.goals.domain.timezones import local_day, week_start
from subgraphs.goals.models import FocusSessionDoc
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.focus import FocusRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import Deps
from subgraphs.goals.service.goals import GoalService

MAX_PLANNED_MINUTES = 12 * 60
MAX_STATS_DAYS = 366


@dataclass(frozen=True)
class FocusTotal:
    period: date
    minutes: float
    sessions: int
    interruptions: int


@dataclass(frozen=True)
class FocusStats:
    from_day: date
    to_day: date
    by_day: list[FocusTotal]
    by_week: list[FocusTotal]

    @property
    def total_minutes(self) -> float:
        return sum(t.minutes for t in self.by_day)


class FocusService:
    def __init__(
        self, deps: Deps, sessions: FocusRepository, goals: GoalService, access: Access
    ) -> None:
        self._deps = deps
        self._sessions = sessions
        self._goals = goals
        self._access = access

    async def start(
        self,
        owner_id: str,
        planned_minutes: int,
        *,
        goal_id: str | None = None,
        task_id: str | None = None,
    ) -> FocusSessionDoc:
        if not 1 <= planned_minutes <= MAX_PLANNED_MINUTES:
            raise BadUserInput(
                f"Planned minutes must be between 1 and {MAX_PLANNED_MINUTES}.",
                field="plannedMinutes",
            )
        if task_id is not None and goal_id is None:
            raise BadUserInput("A task link needs its goal.", field="goalId")
        if goal_id is not None:
            goal = await self._goals.owned(owner_id, goal_id, field="goalId")
            if task_id is not None and not any(t.id == task_id for t in goal.tasks):
                raise NotFound("Task not found.", field="taskId")
        session = FocusSessionDoc(
            owner_id=owner_id,
            planned_minutes=planned_minutes,
            goal_id=goal_id,
            task_id=task_id,
            started_at=self._deps.clock(),
        )
        return await self._sessions.start(session)

    async def current(self, owner_id: str) -> FocusSessionDoc | None:
        return await self._sessions.open_for(owner_id)

    async def get(
        self, owner_id: str, session_id: str, *, db_session: Session = None
    ) -> FocusSessionDoc:
        session = await self._sessions.get(session_id, session=db_session)
        if session is None or session.owner_id != owner_id:
            raise NotFound("Focus session not found.", field="id")
        return session

    async def pause(self, owner_id: str, session_id: str) -> FocusSessionDoc:
        now = self._deps.clock()
        return await self._move(
            owner_id,
            session_id,
            (FocusStatus.RUNNING,),
            {
                "$set": {"status": FocusStatus.PAUSED.value, "paused_at": now},
                "$inc": {"interruptions": 1},
            },
        )

    async def resume(self, owner_id: str, session_id: str) -> FocusSessionDoc:
        session = await self.get(owner_id, session_id)
        now = self._deps.clock()
        paused = (now - session.paused_at).total_seconds() if session.paused_at else 0.0
        return await self._move(
            owner_id,
            session_id,
            (FocusStatus.PAUSED,),
            {
                "$set": {"status": FocusStatus.RUNNING.value, "paused_at": None},
                "$inc": {"paused_seconds": paused},
            },
        )

    async def finish(self, owner_id: str, session_id: str) -> FocusSessionDoc:
        """The session's end and `goals.focus.finished` commit together."""
        tz = await self._access.timezone(owner_id)

        async def work(tx: OutboxTransaction) -> FocusSessionDoc:
            session = await self.get(owner_id, session_id, db_session=tx.session)
            now = self._deps.clock()
            paused = session.paused_seconds
            if session.paused_at is not None:
                paused += (now - session.paused_at).total_seconds()
            minutes = max(0.0, ((now - session.started_at).total_seconds() - paused) / 60)
            day = local_day(session.started_at, tz)
            done = await self._move(
                owner_id,
                session_id,
                (FocusStatus.RUNNING, FocusStatus.PAUSED),
                {
                    "$set": {
                        "status": FocusStatus.FINISHED.value,
                        "open": False,
                        "ended_at": now,
                        "paused_at": None,
                        "paused_seconds": paused,
                        "minutes": round(minutes, 2),
                        "day": day.isoformat(),
                        "week": week_start(day).isoformat(),
                    }
                },
                db_session=tx.session,
            )
            await tx.publish(
                Event.of(
                    "goals.focus.finished",
                    user_id=owner_id,
                    data=FocusFinished(
                        session_id=session_id,
                        owner_id=owner_id,
                        minutes=done.minutes,
                        goal_id=done.goal_id,
                    ),
                )
            )
            return done

        return await self._deps.atomically(work)

    async def cancel(self, owner_id: str, session_id: str) -> FocusSessionDoc:
        return await self._move(
            owner_id,
            session_id,
            (FocusStatus.RUNNING, FocusStatus.PAUSED),
            {
                "$set": {
                    "status": FocusStatus.CANCELLED.value,
                    "open": False,
                    "ended_at": self._deps.clock(),
                }
            },
        )

    async def _move(
        self,
        owner_id: str,
        session_id: str,
        from_statuses: tuple[FocusStatus, ...],
        update: dict[str, Any],
        *,
        db_session: Session = None,
    ) -> FocusSessionDoc:
        moved = await self._sessions.transition(
            session_id, owner_id, from_statuses=from_statuses, update=update, session=db_session
        )
        if moved is None:
            current = await self.get(owner_id, session_id, db_session=db_session)
            raise Conflict(f"The focus session is {current.status.value}.", field="id")
        return moved

    async def stats(self, owner_id: str, from_day: date, to_day: date) -> FocusStats:
        if to_day < from_day:
            raise BadUserInput("`to` must not be before `from`.", field="to")
        if (to_day - from_day) > timedelta(days=MAX_STATS_DAYS):
            raise BadUserInput(f"Ask for at most {MAX_STATS_DAYS} days.", field="to")
        # Weeks are whole: widen to the Monday of `from` so the first week is not cut short.
        first = week_start(from_day)
        days = await self._sessions.totals(
            owner_id, by="day", from_day=from_day.isoformat(), to_day=to_day.isoformat()
        )
        weeks = await self._sessions.totals(
            owner_id, by="week", from_day=first.isoformat(), to_day=to_day.isoformat()
        )
        return FocusStats(from_day, to_day, _totals(days), _totals(weeks))


def _totals(rows: list[dict[str, Any]]) -> list[FocusTotal]:
    return [
        FocusTotal(
            period=date.fromisoformat(r["_id"]),
            minutes=round(float(r["minutes"]), 2),
            sessions=int(r["sessions"]),
            interruptions=int(r["interruptions"]),
        )
        for r in rows
    ]
