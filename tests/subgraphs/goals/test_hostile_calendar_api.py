"""Hostile recurrences over GraphQL: refused on write, bounded on read."""

from __future__ import annotations

import time

import pytest

from .conftest import Api

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

CREATE = """mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }"""
CALENDAR = """query($from: DateTime!, $to: DateTime!) { calendar(from: $from, to: $to) {
  startsAt activity { id } } }"""
BUSY = "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24)))
BASE = {"title": "Stretch", "startsAt": "2025-03-01T09:00:00Z", "endsAt": "2025-03-01T09:05:00Z"}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (
            {
                "recurrence": "FREQ=DAILY;BYHOUR="
                + ",".join(map(str, range(24)))
                + ";BYMINUTE="
                + ",".join(map(str, range(60)))
            },
            "recurrence",
        ),
        ({"recurrence": "FREQ=DAILY;INTERVAL=0"}, "recurrence"),
        ({"recurrence": "FREQ=DAILY;INTERVAL=-1"}, "recurrence"),
        ({"recurrence": "FREQ=DAILY;INTERVAL=99999999999999999999"}, "recurrence"),
        ({"recurrence": "FREQ=DAILY;COUNT=0"}, "recurrence"),
        ({"recurrence": "FREQ=DAILY;COUNT=-5"}, "recurrence"),
        ({"recurrence": "FREQ=YEARLY;BYMONTH=13"}, "recurrence"),
        (
            {
                "startsAt": "0001-01-01T00:00:00Z",
                "endsAt": "0001-01-01T01:00:00Z",
                "recurrence": "FREQ=DAILY",
            },
            "startsAt",
        ),
        ({"startsAt": "9999-12-31T00:00:00Z", "endsAt": "9999-12-31T01:00:00Z"}, "startsAt"),
        ({"endsAt": "2026-06-01T09:00:00Z", "recurrence": "FREQ=YEARLY"}, "endsAt"),
    ],
)
async def test_hostile_recurrences_are_refused_and_nothing_is_stored(
    api: Api, fields: dict[str, str], field: str
) -> None:
    error = await api.error(CREATE, {"input": {**BASE, **fields}}, user="alice")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    for window in [
        {"from": "2025-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"},
        {"from": "0001-01-01T00:00:00Z", "to": "0001-12-01T00:00:00Z"},
        {"from": "9999-01-01T00:00:00Z", "to": "9999-12-31T23:59:59Z"},
    ]:
        assert (await api.ok(CALENDAR, window, user="alice"))["calendar"] == []


async def test_windows_at_the_ends_of_time_answer_at_once(api: Api) -> None:
    await api.ok(CREATE, {"input": {**BASE, "recurrence": BUSY}}, user="alice")
    began = time.perf_counter()
    for window in [
        {"from": "9999-12-30T00:00:00Z", "to": "9999-12-31T23:59:59Z"},
        {"from": "0001-01-01T00:00:00Z", "to": "0001-01-03T00:00:00Z"},
        {"from": "9989-12-30T00:00:00Z", "to": "9990-01-02T00:00:00Z"},
    ]:
        await api.ok(CALENDAR, window, user="alice")
    assert time.perf_counter() - began < 5
    far = {"from": "8000-02-28T00:00:00Z", "to": "8000-03-01T00:00:00Z"}
    assert len((await api.ok(CALENDAR, far, user="alice"))["calendar"]) == 48


async def test_past_the_window_or_occurrence_caps_is_bad_user_input(api: Api) -> None:
    await api.ok(CREATE, {"input": {**BASE, "recurrence": BUSY}}, user="alice")
    too_long = {"from": "2025-01-01T00:00:00Z", "to": "2026-01-03T00:00:00Z"}
    error = await api.error(CALENDAR, too_long, user="alice")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "to"}
    # 24 a day for a year: past the 5,000 occurrences one answer may hold.
    too_many = {"from": "2025-03-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"}
    error = await api.error(CALENDAR, too_many, user="alice")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "to"}
    week = {"from": "2025-03-01T00:00:00Z", "to": "2025-03-08T00:00:00Z"}
    assert len((await api.ok(CALENDAR, week, user="alice"))["calendar"]) == 7 * 24 - 9


async def test_a_hostile_feed_stays_bounded(api: Api) -> None:
    await api.ok(CREATE, {"input": {**BASE, "recurrence": BUSY}}, user="alice")
    token = (await api.ok("mutation { rotateCalendarFeed { path } }", user="alice"))[
        "rotateCalendarFeed"
    ]["path"]
    began = time.perf_counter()
    response = await api.http.get(api.url + token)
    assert response.status_code == 200
    assert time.perf_counter() - began < 5
