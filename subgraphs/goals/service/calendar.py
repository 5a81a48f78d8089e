"""Calendar activities, recurrence with exceptions, and the secret iCalendar feed."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from common.errors import BadUserInput, NotFound
from common.events import Event
from common.events.catalog import ActivityScheduled
from subgraphs.goals.domain.enums import ReminderTarget
from subgraphs.goals.domain.ics import FeedEvent, calendar_feed
from subgraphs.goals.domain.recurrence import Occurrence, expand, is_occurrence, parse_rule
from subgraphs.goals.domain.timezones import as_utc, zone
from subgraphs.goals.models import ActivityDoc, OccurrenceExceptionDoc
from subgraphs.goals.repository.calendar import ActivityRepository, FeedRepository
from subgraphs.goals.repository.reminders import ReminderRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import Deps, require_text
from subgraphs.goals.service.goals import GoalService
from subgraphs.goals.service.reminders import ReminderService, exceptions_of

MAX_WINDOW = timedelta(days=366)


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
    ) -> None:
        self._deps = deps
        self._activities = activities
        self._feeds = feeds
        self._reminder_repo = reminder_repo
        self._reminders = reminders
        self._goals = goals
        self._access = access

    async def create(self, owner_id: str, data: ActivityInput) -> ActivityDoc:
        title = require_text(data.title, field="title")
        starts_at = as_utc(data.starts_at, field="startsAt")
        ends_at = as_utc(data.ends_at, field="endsAt")
        if ends_at < starts_at:
            raise BadUserInput("An activity cannot end before it starts.", field="endsAt")
        tz = (
            zone(data.timezone)
            if data.timezone is not None
            else await self._access.timezone(owner_id)
        )
        rule = data.recurrence.strip() if data.recurrence else None
        if rule:
            parse_rule(rule, starts_at, tz)
        if data.goal_id is not None:
            await self._goals.owned(owner_id, data.goal_id, field="goalId")
        activity = ActivityDoc(
            owner_id=owner_id,
            title=title,
            description=data.description.strip(),
            location=data.location,
            goal_id=data.goal_id,
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=tz.key,
            recurrence=rule or None,
            last_end=None if rule else ends_at,
        )
        await self._activities.insert(activity)
        await self._deps.publish(
            [
                Event.of(
                    "goals.activity.scheduled",
                    user_id=owner_id,
                    data=ActivityScheduled(
                        activity_id=str(activity.id),
                        owner_id=owner_id,
                        title=title,
                        starts_at=starts_at,
                    ),
                )
            ]
        )
        return activity

    async def owned(self, owner_id: str, activity_id: str, *, field: str = "id") -> ActivityDoc:
        activity = await self._activities.get(activity_id)
        if activity is None or activity.owner_id != owner_id:
            raise NotFound("Activity not found.", field=field)
        return activity

    async def delete(self, owner_id: str, activity_id: str) -> None:
        activity = await self.owned(owner_id, activity_id)
        await self._reminder_repo.delete_for_targets(ReminderTarget.ACTIVITY, [activity_id])
        await self._activities.delete(activity)

    async def move_occurrence(
        self,
        owner_id: str,
        activity_id: str,
        original_start: datetime,
        starts_at: datetime,
        ends_at: datetime,
    ) -> ActivityDoc:
        activity = await self.owned(owner_id, activity_id, field="activityId")
        original = await self._check_occurrence(activity, original_start)
        start = as_utc(starts_at, field="startsAt")
        end = as_utc(ends_at, field="endsAt")
        if end < start:
            raise BadUserInput("An activity cannot end before it starts.", field="endsAt")
        exception = OccurrenceExceptionDoc(original_start=original, start=start, end=end)
        return await self._set_exception(activity, exception)

    async def cancel_occurrence(
        self, owner_id: str, activity_id: str, original_start: datetime
    ) -> ActivityDoc:
        activity = await self.owned(owner_id, activity_id, field="activityId")
        original = await self._check_occurrence(activity, original_start)
        exception = OccurrenceExceptionDoc(original_start=original, cancelled=True)
        return await self._set_exception(activity, exception)

    async def _check_occurrence(self, activity: ActivityDoc, original_start: datetime) -> datetime:
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
        self, activity: ActivityDoc, exception: OccurrenceExceptionDoc
    ) -> ActivityDoc:
        activity.exceptions = [
            e for e in activity.exceptions if e.original_start != exception.original_start
        ]
        activity.exceptions.append(exception)
        activity.updated_at = self._deps.clock()
        await self._activities.save(activity)
        await self._reminders.reschedule_activity(activity)
        return activity

    async def calendar(self, owner_id: str, start: datetime, end: datetime) -> list[CalendarEntry]:
        window_from = as_utc(start, field="from")
        window_to = as_utc(end, field="to")
        if window_to <= window_from:
            raise BadUserInput("`to` must be after `from`.", field="to")
        if window_to - window_from > MAX_WINDOW:
            raise BadUserInput("Ask for at most 366 days at a time.", field="to")
        entries: list[CalendarEntry] = []
        for activity in await self._activities.overlapping(owner_id, window_from, window_to):
            for occurrence in expand(
                start=activity.starts_at,
                end=activity.ends_at,
                tz=zone(activity.timezone),
                rule=activity.recurrence,
                exceptions=exceptions_of(activity),
                window_from=window_from,
                window_to=window_to,
            ):
                entries.append(CalendarEntry(activity, occurrence))
        return sorted(entries, key=lambda e: (e.occurrence.start, str(e.activity.id)))

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
        ]
        return calendar_feed(events, name="LifeGraph", now=self._deps.clock())
