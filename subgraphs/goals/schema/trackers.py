"""Tracker entries and aggregates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.goals.domain.enums import TrackerKind, TrackerMetric
from subgraphs.goals.models import TrackerEntryDoc
from subgraphs.goals.schema.base import Info, require_viewer_id, services
from subgraphs.goals.service.trackers import Aggregate, Period, TrackerInput


@strawberry.type(name="TrackerEntry", description="One logged measurement.")
class TrackerEntryType:
    id: strawberry.ID = strawberry.field(description="The entry's id.")
    kind: TrackerKind = strawberry.field(description="Vitals, spending or learning.")
    metric: TrackerMetric = strawberry.field(description="What was measured.")
    value: float = strawberry.field(description="The measurement (kg, hours, bpm, amount, min).")
    currency: str | None = strawberry.field(description="For spending: ISO 4217 code.")
    category: str | None = strawberry.field(description="For spending: a category.")
    note: str = strawberry.field(description="Free text; may be empty.")
    logged_at: datetime = strawberry.field(description="When it was measured.")
    day: date = strawberry.field(description="The owner's local day of the measurement.")

    @staticmethod
    def of(doc: TrackerEntryDoc) -> TrackerEntryType:
        return TrackerEntryType(
            id=strawberry.ID(str(doc.id)),
            kind=doc.kind,
            metric=doc.metric,
            value=doc.value,
            currency=doc.currency,
            category=doc.category,
            note=doc.note,
            logged_at=doc.logged_at,
            day=date.fromisoformat(doc.day),
        )


@strawberry.type(name="TrackerAggregate", description="Statistics of one metric per period.")
class AggregateType:
    period: date = strawberry.field(description="The day, or the Monday starting the week.")
    currency: str | None = strawberry.field(description="For spending: the currency.")
    count: int = strawberry.field(description="Number of entries.")
    total: float = strawberry.field(description="Sum of values.")
    average: float = strawberry.field(description="Mean value.")
    minimum: float = strawberry.field(description="Smallest value.")
    maximum: float = strawberry.field(description="Largest value.")

    @staticmethod
    def of(row: Aggregate) -> AggregateType:
        return AggregateType(
            period=row.period,
            currency=row.currency,
            count=row.count,
            total=row.total,
            average=row.average,
            minimum=row.minimum,
            maximum=row.maximum,
        )


@strawberry.input(description="A measurement to log.")
class LogTrackerInput:
    metric: TrackerMetric = strawberry.field(description="What is measured.")
    value: float = strawberry.field(description="The value, within a plausible range.")
    logged_at: datetime | None = strawberry.field(default=None, description="Default now.")
    currency: str | None = strawberry.field(default=None, description="Required for SPENDING.")
    category: str | None = strawberry.field(default=None, description="For spending.")
    note: str = strawberry.field(default="", description="Free text.")


@strawberry.type
class TrackerQueries:
    @strawberry.field(description="The viewer's tracker entries, newest first.")
    async def tracker_entries(
        self,
        info: Info,
        metric: TrackerMetric | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[TrackerEntryType]:
        me = await require_viewer_id(info)
        page = await services(info).trackers.page(me, PageRequest(first, after), metric)
        return connection_from_page(page, TrackerEntryType.of)

    @strawberry.field(description="Per-day or per-week statistics of one metric.")
    async def tracker_aggregates(
        self,
        info: Info,
        metric: TrackerMetric,
        period: Period,
        from_: Annotated[date, strawberry.argument(name="from", description="First local day.")],
        to: Annotated[date, strawberry.argument(description="Last local day (inclusive).")],
        currency: str | None = None,
    ) -> list[AggregateType]:
        me = await require_viewer_id(info)
        rows = await services(info).trackers.aggregate(me, metric, period, from_, to, currency)
        return [AggregateType.of(r) for r in rows]


@strawberry.type
class TrackerMutations:
    @strawberry.mutation(description="Log a vitals, spending or learning measurement.")
    async def log_tracker_entry(self, info: Info, input: LogTrackerInput) -> TrackerEntryType:
        me = await require_viewer_id(info)
        entry = await services(info).trackers.log(
            me,
            TrackerInput(
                metric=input.metric,
                value=input.value,
                logged_at=input.logged_at,
                currency=input.currency,
                category=input.category,
                note=input.note,
            ),
        )
        return TrackerEntryType.of(entry)
