"""Hostile activities stored before rules were checked: reads, the feed and the dispatcher
stay fast and never fail."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from subgraphs.goals.domain.enums import ReminderTarget
from subgraphs.goals.models import ActivityDoc, ReminderDoc
from subgraphs.goals.service.container import GoalsServices

from .conftest import FakeClock

pytestmark = [pytest.mark.rabbitmq]

HOSTILE = (
    "FREQ=DAILY;INTERVAL=1;BYHOUR="
    + ",".join(map(str, range(24)))
    + ";BYMINUTE="
    + ",".join(map(str, range(60)))
)


async def test_hostile_rules_already_stored_are_shown_once_and_never_walked(
    goals_services: GoalsServices, clock: FakeClock
) -> None:
    start = datetime(1, 1, 1, tzinfo=UTC)
    activity = ActivityDoc(
        owner_id="alice",
        title="Legacy",
        starts_at=start,
        ends_at=start + timedelta(minutes=1),
        timezone="posixrules",
        recurrence=HOSTILE,
        created_at=clock.now,
        updated_at=clock.now,
    )
    await activity.insert()
    await ReminderDoc(
        owner_id="alice",
        target_type=ReminderTarget.ACTIVITY,
        target_id=str(activity.id),
        title="Legacy",
        offset_minutes=5,
        fire_at=clock.now - timedelta(minutes=1),
    ).insert()
    began = time.perf_counter()
    far = await goals_services.calendar.calendar(
        "alice", datetime(9999, 12, 30, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    )
    assert far == []
    first = await goals_services.calendar.calendar("alice", start, start + timedelta(days=2))
    assert [e.occurrence.start for e in first] == [start]
    token = await goals_services.calendar.rotate_feed_token("alice")
    feed = await goals_services.calendar.feed(token)
    assert feed is not None
    assert "Legacy" not in feed
    [fired] = await goals_services.reminders.dispatch_due(clock.now)
    assert fired.title == "Legacy"
    assert time.perf_counter() - began < 5
