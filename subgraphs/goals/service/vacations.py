"""Vacation mode: spans of local days on which every habit's streak pauses."""

from __future__ import annotations

from datetime import date, timedelta

from common.errors import BadUserInput, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import VacationChanged
from common.events.catalog import VacationSpan as SpanPayload
from common.validation import day_in_range
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.timezones import local_day
from subgraphs.goals.models import VacationDoc, VacationSpan
from subgraphs.goals.repository.vacations import VacationRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import Deps
from subgraphs.goals.service.habits import vacation_spans

Span = tuple[date, date | None]


class VacationService:
    def __init__(self, deps: Deps, vacations: VacationRepository, access: Access) -> None:
        self._deps = deps
        self._vacations = vacations
        self._access = access

    async def _today(self, owner_id: str) -> date:
        return local_day(self._deps.clock(), await self._access.timezone(owner_id))

    async def spans(self, owner_id: str) -> list[Span]:
        return list(vacation_spans(await self._vacations.for_owner(owner_id)))

    async def start(self, owner_id: str, start: date | None, end: date | None) -> list[Span]:
        """A vacation from `start` (today by default) to `end` (open when None)."""
        today = await self._today(owner_id)
        first = day_in_range(start, field="startDate") if start else today
        if first < today:
            raise BadUserInput("A vacation starts today or later.", field="startDate")
        if first > today + timedelta(days=limits.PLAN_AHEAD_DAYS):
            raise BadUserInput("Plan a vacation at most a year ahead.", field="startDate")
        if end is not None:
            day_in_range(end, field="endDate")
            if end < first:
                raise BadUserInput("A vacation ends on or after its start.", field="endDate")
            if (end - first).days >= limits.VACATION_DAYS:
                raise BadUserInput(
                    f"A vacation lasts at most {limits.VACATION_DAYS} days.", field="endDate"
                )

        async def work(tx: OutboxTransaction) -> list[Span]:
            doc = await self._vacations.for_owner(owner_id, session=tx.session)
            spans = list(vacation_spans(doc))
            if any(_overlap((first, end), span) for span in spans):
                raise BadUserInput("It overlaps another vacation.", field="startDate")
            if len(spans) >= limits.VACATIONS_KEPT:
                raise BadUserInput(
                    f"At most {limits.VACATIONS_KEPT} vacations are kept.", field="startDate"
                )
            return await self._save(tx, doc, sorted([*spans, (first, end)], key=lambda s: s[0]))

        return await self._deps.atomically(work)

    async def end(self, owner_id: str) -> list[Span]:
        """End the vacation running today (it ends yesterday), or drop the next planned one."""
        today = await self._today(owner_id)

        async def work(tx: OutboxTransaction) -> list[Span]:
            doc = await self._vacations.for_owner(owner_id, session=tx.session)
            spans = list(vacation_spans(doc))
            current = [s for s in spans if s[0] <= today and (s[1] is None or today <= s[1])]
            if not current:
                raise NotFound("No vacation is running.")
            span = current[0]
            spans.remove(span)
            if span[0] < today:
                spans.append((span[0], today - timedelta(days=1)))
            return await self._save(tx, doc, sorted(spans, key=lambda s: s[0]))

        return await self._deps.atomically(work)

    async def _save(self, tx: OutboxTransaction, doc: VacationDoc, spans: list[Span]) -> list[Span]:
        doc.spans = [
            VacationSpan(start=s.isoformat(), end=e.isoformat() if e else None) for s, e in spans
        ]
        doc.updated_at = self._deps.clock()
        await self._vacations.replace(doc, session=tx.session)
        changed = VacationChanged(
            owner_id=doc.owner_id, vacations=[SpanPayload(start=s, end=e) for s, e in spans]
        )
        await tx.publish(Event.of("goals.vacation.changed", user_id=doc.owner_id, data=changed))
        return spans


def _overlap(a: Span, b: Span) -> bool:
    far = date.max
    return a[0] <= (b[1] or far) and b[0] <= (a[1] or far)
