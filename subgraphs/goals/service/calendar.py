"""Calendar activities, recurrence with exceptions, and the secret iCalendar feed."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from common.errors import BadUserInput, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import ActivityScheduled
from common.settings import GoalsSettings
from common.validation import instant_in_range, optional_text
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import ReminderTarget
from subgraphs.goals.domain.ics import FeedEvent, calendar_feed
from subgraphs.goals.domain.recurrence import (
    MAX_DURATION,
    Budget,
    Occurrence,
    expand,
    is_occurrence,
    parse_rule,
)
from subgraphs.goals.domain.timezones import as_utc, zone
from subgraphs.goals.models import ActivityDoc, OccurrenceExceptionDoc
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.calendar import ActivityRepository, FeedRepository
from subgraphs.goals.repository.reminders import ReminderRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import (
    UNSET,
    Deps,
    Entity,
    _Unset,
    description,
    require_text,
)
from subgraphs.goals.service.goals import GoalService
from subgraphs.goals.service.reminders import ReminderService, exceptions_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CalendarLimits:
    max_days: int
    max_occurrences: int
    budget_seconds: float

    @classmethod
    def from_settings(cls, settings: GoalsSettings) -> CalendarLimits:
        return cls(
            settings.goals_calendar_max_days,
            settings.goals_calendar_max_occurrences,
            settings.goals_calendar_budget_seconds,
        )


@dataclass(frozen=True)
class ActivityInput:
    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    location: str | None = None
    goal_id: str | None = None
    recurrence: str | None = None
    timezone: str | None = None
    # The standalone task this activity time-blocks (`scheduleTodoTask`).
    task_id: str | None = None


@dataclass(frozen=True)
class ActivityPatch:
    """Fields not sent stay as they are; a null location or recurrence clears it."""

    title: str | _Unset = UNSET
    description: str | _Unset = UNSET
    starts_at: datetime | _Unset = UNSET
    ends_at: datetime | _Unset = UNSET
    location: str | _Unset | None = UNSET
    recurrence: str | _Unset | None = UNSET
    timezone: str | _Unset = UNSET


@dataclass(frozen=True)
class CalendarEntry:
    activity: ActivityDoc
    occurrence: Occurrence


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarService:
    def __init__(
        self,
        deps: Deps,
        activities: ActivityRepository,
        feeds: FeedRepository,
        reminder_repo: ReminderRepository,
        reminders: ReminderService,
        goals: GoalService,
        access: Access,
        limits: CalendarLimits | None = None,
    ) -> None:
        # Without limits from the caller, the settings' defaults (not the environment).
        self._limits = limits or CalendarLimits.from_settings(GoalsSettings.model_construct())
        self._deps = deps
        self._activities = activities
        self._feeds = feeds
        self._reminder_repo = reminder_repo
        self._reminders = reminders
        self._goals = goals
        self._access = access

    async def create(
        self, owner_id: str, data: ActivityInput, *, tx: OutboxTransaction | None = None
    ) -> ActivityDoc:
        title = require_text(data.title, field="title")
        text = description(data.description)
        location = _location(data.location)
        starts_at, ends_at = _span(data.starts_at, data.ends_at)
        tz = (
            zone(data.timezone)
            if data.timezone is not None
            else await self._access.timezone(owner_id)
        )
        rule = await _checked_rule(data.recurrence, starts_at, ends_at, tz)
        if data.goal_id is not None:
            await self._goals.owned(owner_id, data.goal_id, field="goalId")

        async def work(tx: OutboxTransaction) -> ActivityDoc:
            activity = ActivityDoc(
                owner_id=owner_id,
                title=title,
                description=text,
                location=location,
                goal_id=data.goal_id,
                task_id=data.task_id,
                starts_at=starts_at,
                ends_at=ends_at,
                timezone=tz.key,
                recurrence=rule,
                last_end=None if rule else ends_at,
                created_at=self._deps.clock(),
                updated_at=self._deps.clock(),
            )
            await self._activities.insert(activity, session=tx.session)
            await self._deps.publish(
                tx,
                Event.of(
                    "goals.activity.scheduled",
                    user_id=owner_id,
                    data=ActivityScheduled(
                        activity_id=str(activity.id),
                        owner_id=owner_id,
                        title=title,
                        starts_at=starts_at,
                    ),
                ),
            )
            return activity

        return await self._deps.atomically(work, tx)

    async def owned(
        self, owner_id: str, activity_id: str, *, field: str = "id", session: Session = None
    ) -> ActivityDoc:
        activity = await self._activities.get(activity_id, session=session)
        if activity is None or activity.owner_id != owner_id:
            raise NotFound("Activity not found.", field=field)
        return activity

    async def update(
        self,
        owner_id: str,
        activity_id: str,
        patch: ActivityPatch,
        *,
        tx: OutboxTransaction | None = None,
    ) -> ActivityDoc:
        """Validated as on create; offset reminders follow the new times.

        Moved or cancelled occurrences whose slot is no longer in the series are dropped.
        """

        async def work(tx: OutboxTransaction) -> ActivityDoc:
            activity = await self.owned(owner_id, activity_id, session=tx.session)
            if not isinstance(patch.title, _Unset):
                activity.title = require_text(patch.title, field="title")
            if not isinstance(patch.description, _Unset):
                activity.description = description(patch.description)
            if not isinstance(patch.location, _Unset):
                activity.location = _location(patch.location)
            starts_at, ends_at = _span(
                activity.starts_at if isinstance(patch.starts_at, _Unset) else patch.starts_at,
                activity.ends_at if isinstance(patch.ends_at, _Unset) else patch.ends_at,
            )
            tz = zone(activity.timezone if isinstance(patch.timezone, _Unset) else patch.timezone)
            rule = await _checked_rule(
                activity.recurrence if isinstance(patch.recurrence, _Unset) else patch.recurrence,
                starts_at,
                ends_at,
                tz,
            )
            activity.starts_at, activity.ends_at = starts_at, ends_at
            activity.timezone, activity.recurrence = tz.key, rule
            activity.last_end = None if rule else ends_at
            activity.exceptions = [
                e
                for e in activity.exceptions
                if rule is not None
                and is_occurrence(start=starts_at, tz=tz, rule=rule, instant=e.original_start)
            ]
            activity.updated_at = self._deps.clock()
            await self._activities.save(activity, session=tx.session)
            await self._reminders.reschedule_activity(activity, session=tx.session)
            await self._deps.changed(tx, owner_id, Entity.ACTIVITY, activity_id)
            return activity

        return await self._deps.atomically(work, tx)

    async def delete(
        self, owner_id: str, activity_id: str, *, tx: OutboxTransaction | None = None
    ) -> None:
        async def work(tx: OutboxTransaction) -> None:
            activity = await self.owned(owner_id, activity_id, session=tx.session)
            await self._reminder_repo.delete_for_targets(
                ReminderTarget.ACTIVITY, [activity_id], session=tx.session
            )
            await self._activities.delete(activity, session=tx.session)
            await self._deps.changed(tx, owner_id, Entity.ACTIVITY, activity_id, deleted=True)

        await self._deps.atomically(work, tx)

    async def move_occurrence(
        self,
        owner_id: str,
        activity_id: str,
        original_start: datetime,
        starts_at: datetime,
        ends_at: datetime,
    ) -> ActivityDoc:
        start, end = _span(starts_at, ends_at)

        async def work(tx: OutboxTransaction) -> ActivityDoc:
            activity = await self.owned(
                owner_id, activity_id, field="activityId", session=tx.session
            )
            original = self._check_occurrence(activity, original_start)
            exception = OccurrenceExceptionDoc(original_start=original, start=start, end=end)
            return await self._set_exception(tx, activity, exception)

        return await self._deps.atomically(work)

    async def cancel_occurrence(
        self, owner_id: str, activity_id: str, original_start: datetime
    ) -> ActivityDoc:
        async def work(tx: OutboxTransaction) -> ActivityDoc:
            activity = await self.owned(
                owner_id, activity_id, field="activityId", session=tx.session
            )
            original = self._check_occurrence(activity, original_start)
            exception = OccurrenceExceptionDoc(original_start=original, cancelled=True)
            return await self._set_exception(tx, activity, exception)

        return await self._deps.atomically(work)

    @staticmethod
    def _check_occurrence(activity: ActivityDoc, original_start: datetime) -> datetime:
        original = as_utc(original_start, field="originalStart")
        if activity.recurrence is None or not is_occurrence(
            start=activity.starts_at,
            tz=zone(activity.timezone),
            rule=activity.recurrence,
            instant=original,
        ):
            raise BadUserInput(
                "That is not an occurrence of this recurring activity.", field="originalStart"
            )
        return original

    async def _set_exception(
        self, tx: OutboxTransaction, activity: ActivityDoc, exception: OccurrenceExceptionDoc
    ) -> ActivityDoc:
        activity.exceptions = [
            e for e in activity.exceptions if e.original_start != exception.original_start
        ]
        if len(activity.exceptions) >= limits.EXCEPTIONS_PER_ACTIVITY:
            raise BadUserInput(
                f"At most {limits.EXCEPTIONS_PER_ACTIVITY} occurrences of one activity can be "
                "moved or cancelled; change the series instead.",
                field="originalStart",
            )
        activity.exceptions.append(exception)
        activity.updated_at = self._deps.clock()
        await self._activities.save(activity, session=tx.session)
        await self._reminders.reschedule_activity(activity, session=tx.session)
        await self._deps.changed(tx, activity.owner_id, Entity.ACTIVITY, str(activity.id))
        return activity

    async def calendar(self, owner_id: str, start: datetime, end: datetime) -> list[CalendarEntry]:
        """Occurrences in [start, end): the window and the answer are capped (settings),
        and the expansion runs in a worker thread under a time budget."""
        window_from = as_utc(start, field="from")
        window_to = as_utc(end, field="to")
        if window_to <= window_from:
            raise BadUserInput("`to` must be after `from`.", field="to")
        if (window_to - window_from).total_seconds() > self._limits.max_days * 86_400:
            raise BadUserInput(
                f"Ask for at most {self._limits.max_days} days at a time.", field="to"
            )
        activities = await self._activities.overlapping(owner_id, window_from, window_to)
        if not activities:
            return []
        return await asyncio.to_thread(
            _expand_all, activities, window_from, window_to, self._limits
        )

    # iCalendar feed --------------------------------------------------------------

    async def rotate_feed_token(self, owner_id: str) -> str:
        """A new secret for the feed URL; only its hash is stored, the old URL stops working."""
        token = secrets.token_urlsafe(32)
        await self._feeds.replace_token(owner_id, hash_token(token), self._deps.clock())
        return token

    async def feed(self, token: str) -> str | None:
        feed = await self._feeds.by_token_hash(hash_token(token))
        if feed is None:
            return None
        activities = await self._activities.all_for_owner(feed.owner_id)
        events = [
            FeedEvent(
                uid=f"{a.id}@lifegraph",
                title=a.title,
                start=a.starts_at,
                end=a.ends_at,
                timezone=a.timezone,
                description=a.description,
                location=a.location,
                rule=a.recurrence,
                exceptions=exceptions_of(a),
                updated_at=a.updated_at,
            )
            for a in activities
            if _in_supported_years(a)
        ]
        # Building VTIMEZONEs walks the zones day by day: off the event loop.
        return await asyncio.to_thread(
            calendar_feed, events, name="LifeGraph", now=self._deps.clock()
        )


def _in_supported_years(activity: ActivityDoc) -> bool:
    # Activities stored before dates were range-checked would overflow zone arithmetic.
    try:
        instant_in_range(activity.starts_at, field="startsAt")
        instant_in_range(activity.ends_at, field="endsAt")
    except BadUserInput:
        return False
    return True


def _expand_all(
    activities: Sequence[ActivityDoc],
    window_from: datetime,
    window_to: datetime,
    limits: CalendarLimits,
) -> list[CalendarEntry]:
    budget = Budget(days=10**9, deadline=time.monotonic() + limits.budget_seconds)
    entries: list[CalendarEntry] = []
    for activity in activities:
        remaining = limits.max_occurrences - len(entries)
        for occurrence in _occurrences(activity, window_from, window_to, remaining, budget):
            entries.append(CalendarEntry(activity, occurrence))
        if len(entries) > limits.max_occurrences or budget.exhausted:
            raise BadUserInput(
                f"This window holds more than {limits.max_occurrences} occurrences "
                "(or takes too long to expand); ask for a shorter one.",
                field="to",
            )
    return sorted(entries, key=lambda e: (e.occurrence.start, str(e.activity.id)))


def _occurrences(
    activity: ActivityDoc,
    window_from: datetime,
    window_to: datetime,
    limit: int,
    budget: Budget,
) -> list[Occurrence]:
    try:
        return expand(
            start=activity.starts_at,
            end=activity.ends_at,
            tz=zone(activity.timezone),
            rule=activity.recurrence,
            exceptions=exceptions_of(activity),
            window_from=window_from,
            window_to=window_to,
            limit=limit,
            budget=budget,
        )
    except BadUserInput:
        # Stored before rules were checked strictly: shown once, at its start, until edited.
        log.warning("activity %s has a rule that is no longer accepted", activity.id)
        return expand(
            start=activity.starts_at,
            end=activity.ends_at,
            tz=zone("UTC"),
            rule=None,
            exceptions=(),
            window_from=window_from,
            window_to=window_to,
        )


def _location(value: str | None) -> str | None:
    return optional_text(value, field="location", max_chars=limits.LOCATION_CHARS)


def _span(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    start = instant_in_range(starts_at, field="startsAt")
    end = instant_in_range(ends_at, field="endsAt")
    if end < start:
        raise BadUserInput("An activity cannot end before it starts.", field="endsAt")
    return start, end


async def _checked_rule(
    text: str | None, starts_at: datetime, ends_at: datetime, tz: ZoneInfo
) -> str | None:
    # A COUNT rule is walked once to find its end (bounded, but not free): off the loop.
    return await asyncio.to_thread(_rule, text, starts_at, ends_at, tz)


def _rule(text: str | None, starts_at: datetime, ends_at: datetime, tz: ZoneInfo) -> str | None:
    rule = text.strip() if text else None
    if rule:
        parse_rule(rule, starts_at, tz)
        if ends_at - starts_at > MAX_DURATION:
            raise BadUserInput(
                f"A recurring activity lasts at most {MAX_DURATION.days} days.", field="endsAt"
            )
    return rule or None
