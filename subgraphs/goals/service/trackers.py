"""Life-area trackers: vitals, spending and learning minutes, with day and week aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from common import validation
from common.errors import BadUserInput
from common.events import Event, OutboxTransaction
from common.events.catalog import TrackerLogged
from common.repository import Page, PageRequest
from common.vocabulary import TRACKER_RANGES
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import KIND_AREA, METRIC_KIND, TrackerMetric
from subgraphs.goals.domain.timezones import local_day, week_start
from subgraphs.goals.models import TrackerEntryDoc
from subgraphs.goals.repository.trackers import TrackerRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import Deps

# Plausible ranges: a typo (72 kg entered as 720) is rejected rather than skewing charts.
RANGES: dict[TrackerMetric, tuple[float, float]] = {
    TrackerMetric(name): bounds for name, bounds in TRACKER_RANGES.items()
}
MAX_FUTURE = timedelta(minutes=5)
MAX_AGGREGATE_DAYS = 366


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"


@dataclass(frozen=True)
class TrackerInput:
    metric: TrackerMetric
    value: float
    logged_at: datetime | None = None
    currency: str | None = None
    category: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Aggregate:
    period: date
    currency: str | None
    count: int
    total: float
    average: float
    minimum: float
    maximum: float


class TrackerService:
    def __init__(self, deps: Deps, entries: TrackerRepository, access: Access) -> None:
        self._deps = deps
        self._entries = entries
        self._access = access

    async def log(
        self, owner_id: str, data: TrackerInput, *, tx: OutboxTransaction | None = None
    ) -> TrackerEntryDoc:
        low, high = RANGES[data.metric]
        if not low <= data.value <= high:
            raise BadUserInput(f"`value` must be between {low:g} and {high:g}.", field="value")
        currency = None
        if data.metric is TrackerMetric.SPENDING:
            currency = (data.currency or "").strip().upper()
            if len(currency) != 3 or not currency.isalpha():
                raise BadUserInput(
                    "Give a three-letter currency code (ISO 4217).", field="currency"
                )
        note = validation.text(data.note, field="note", max_chars=limits.TRACKER_NOTE_CHARS)
        category = validation.optional_text(
            data.category, field="category", max_chars=limits.TRACKER_CATEGORY_CHARS
        )
        now = self._deps.clock()
        logged_at = (
            validation.instant_in_range(data.logged_at, field="loggedAt") if data.logged_at else now
        )
        if logged_at > now + MAX_FUTURE:
            raise BadUserInput("Entries cannot be logged in the future.", field="loggedAt")
        day = local_day(logged_at, await self._access.timezone(owner_id))
        kind = METRIC_KIND[data.metric]
        entry = TrackerEntryDoc(
            owner_id=owner_id,
            kind=kind,
            metric=data.metric,
            value=data.value,
            currency=currency,
            category=category,
            note=note,
            logged_at=logged_at,
            day=day.isoformat(),
            week=week_start(day).isoformat(),
        )

        async def work(tx: OutboxTransaction) -> TrackerEntryDoc:
            await self._entries.insert(entry, session=tx.session)
            await tx.publish(
                Event.of(
                    "goals.tracker.logged",
                    user_id=owner_id,
                    data=TrackerLogged(
                        entry_id=str(entry.id),
                        owner_id=owner_id,
                        kind=kind.value,
                        area=KIND_AREA[kind].value,
                        value=data.value,
                    ),
                )
            )
            return entry

        return await self._deps.atomically(work, tx)

    async def page(
        self, owner_id: str, request: PageRequest, metric: TrackerMetric | None
    ) -> Page[TrackerEntryDoc]:
        return await self._entries.page_for_owner(owner_id, request, metric)

    async def aggregate(
        self,
        owner_id: str,
        metric: TrackerMetric,
        period: Period,
        from_day: date,
        to_day: date,
        currency: str | None = None,
    ) -> list[Aggregate]:
        if to_day < from_day:
            raise BadUserInput("`to` must not be before `from`.", field="to")
        if to_day - from_day > timedelta(days=MAX_AGGREGATE_DAYS):
            raise BadUserInput(f"Ask for at most {MAX_AGGREGATE_DAYS} days.", field="to")
        start = week_start(from_day) if period is Period.WEEK else from_day
        rows = await self._entries.aggregate(
            owner_id,
            metric,
            by=period.value,
            from_day=start.isoformat(),
            to_day=to_day.isoformat(),
            currency=currency.upper() if currency else None,
        )
        return [
            Aggregate(
                period=date.fromisoformat(r["_id"]["period"]),
                currency=r["_id"].get("currency"),
                count=int(r["count"]),
                total=round(float(r["total"]), 4),
                average=round(float(r["average"]), 4),
                minimum=float(r["minimum"]),
                maximum=float(r["maximum"]),
            )
            for r in rows
        ]
