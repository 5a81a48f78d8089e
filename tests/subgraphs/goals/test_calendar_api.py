"""Calendar over GraphQL: recurrence across DST with exceptions, and the iCalendar feed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import icalendar
import pytest
import recurring_ical_events

from .conftest import Api, Recorder

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

CREATE = """mutation($input: CreateActivityInput!) {
  createActivity(input: $input) { id timezone recurrence } }"""
CALENDAR = """query($from: DateTime!, $to: DateTime!) { calendar(from: $from, to: $to) {
  startsAt endsAt originalStart moved activity { id title } } }"""


async def weekly_yoga(api: Api) -> dict[str, Any]:
    # 18:00 New York every Saturday from 1 March 2025; DST starts Sunday 9 March.
    data = await api.ok(
        CREATE,
        {
            "input": {
                "title": "Yoga",
                "startsAt": "2025-03-01T18:00:00-05:00",
                "endsAt": "2025-03-01T19:00:00-05:00",
                "recurrence": "RRULE:FREQ=WEEKLY;COUNT=4",
                "timezone": "America/New_York",
                "location": "Studio 3",
            }
        },
        user="alice",
    )
    activity: dict[str, Any] = data["createActivity"]
    return activity


async def test_recurrence_across_dst_with_a_moved_and_a_cancelled_occurrence(
    api: Api, recorder: Recorder
) -> None:
    yoga = await weekly_yoga(api)
    window = {"from": "2025-02-24T00:00:00Z", "to": "2025-04-07T00:00:00Z"}
    before = (await api.ok(CALENDAR, window, user="alice"))["calendar"]
    # 23:00Z in EST, 22:00Z once DST has started: still 18:00 on the wall clock.
    assert [o["startsAt"] for o in before] == [
        "2025-03-01T23:00:00+00:00",
        "2025-03-08T23:00:00+00:00",
        "2025-03-15T22:00:00+00:00",
        "2025-03-22T22:00:00+00:00",
    ]
    await api.ok(
        """mutation($id: ID!) { moveOccurrence(input: {activityId: $id,
            originalStart: "2025-03-15T22:00:00Z", startsAt: "2025-03-16T14:00:00Z",
            endsAt: "2025-03-16T15:30:00Z"}) { id } }""",
        {"id": yoga["id"]},
        user="alice",
    )
    await api.ok(
        """mutation($id: ID!) { cancelOccurrence(input: {activityId: $id,
            originalStart: "2025-03-08T23:00:00Z"}) { id } }""",
        {"id": yoga["id"]},
        user="alice",
    )
    after = (await api.ok(CALENDAR, window, user="alice"))["calendar"]
    assert [(o["startsAt"], o["endsAt"], o["moved"]) for o in after] == [
        ("2025-03-01T23:00:00+00:00", "2025-03-02T00:00:00+00:00", False),
        ("2025-03-16T14:00:00+00:00", "2025-03-16T15:30:00+00:00", True),
        ("2025-03-22T22:00:00+00:00", "2025-03-22T23:00:00+00:00", False),
    ]
    assert after[1]["originalStart"] == "2025-03-15T22:00:00+00:00"
    # A narrow window holding only the moved occurrence finds it.
    narrow = {"from": "2025-03-16T13:00:00Z", "to": "2025-03-16T16:00:00Z"}
    assert len((await api.ok(CALENDAR, narrow, user="alice"))["calendar"]) == 1
    # Not a slot of the series.
    error = await api.error(
        """mutation($id: ID!) { cancelOccurrence(input: {activityId: $id,
            originalStart: "2025-03-15T23:00:00Z"}) { id } }""",
        {"id": yoga["id"]},
        user="alice",
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "originalStart"}
    [event] = await recorder.wait_count("goals.activity.scheduled", 1)
    assert event.data["activity_id"] == yoga["id"]
    # Other users see none of it.
    assert (await api.ok(CALENDAR, window, user="bob"))["calendar"] == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"endsAt": "2025-03-01T17:00:00-05:00"}, "endsAt"),
        ({"recurrence": "FREQ=FORTNIGHTLY"}, "recurrence"),
        ({"recurrence": "FREQ=DAILY;BYHOUR=99"}, "recurrence"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"title": " "}, "title"),
        ({"startsAt": "2025-03-01T18:00:00"}, "startsAt"),
    ],
)
async def test_bad_activities_are_refused_with_the_field(
    api: Api, fields: dict[str, str], field: str
) -> None:
    base = {
        "title": "Yoga",
        "startsAt": "2025-03-01T18:00:00-05:00",
        "endsAt": "2025-03-01T19:00:00-05:00",
    }
    error = await api.error(CREATE, {"input": {**base, **fields}}, user="alice")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    window = {"from": "2025-02-01T00:00:00Z", "to": "2025-04-01T00:00:00Z"}
    assert (await api.ok(CALENDAR, window, user="alice"))["calendar"] == []


async def test_ics_feed_is_served_at_the_secret_url_and_rotation_revokes_it(api: Api) -> None:
    yoga = await weekly_yoga(api)
    await api.ok(
        """mutation($id: ID!) { cancelOccurrence(input: {activityId: $id,
            originalStart: "2025-03-08T23:00:00Z"}) { id } }""",
        {"id": yoga["id"]},
        user="alice",
    )
    rotate = "mutation { rotateCalendarFeed { token path } }"
    first = (await api.ok(rotate, user="alice"))["rotateCalendarFeed"]
    assert first["path"] == f"/calendar/{first['token']}.ics"
    response = await api.http.get(api.url + first["path"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    lines = response.text.split("\r\n")
    assert "SUMMARY:Yoga" in lines
    assert "LOCATION:Studio 3" in lines
    assert "DTSTART;TZID=America/New_York:20250301T180000" in lines
    assert "RRULE:FREQ=WEEKLY;COUNT=4" in lines
    assert "EXDATE;TZID=America/New_York:20250308T180000" in lines
    assert "TZID:America/New_York" in lines  # its VTIMEZONE

    second = (await api.ok(rotate, user="alice"))["rotateCalendarFeed"]
    assert second["token"] != first["token"]
    assert (await api.http.get(api.url + first["path"])).status_code == 404
    assert (await api.http.get(api.url + second["path"])).status_code == 200
    assert (await api.http.get(api.url + "/calendar/guess.ics")).status_code == 404
    # Another user's feed holds only their own activities.
    bob = (await api.ok(rotate, user="bob"))["rotateCalendarFeed"]
    assert "Yoga" not in (await api.http.get(api.url + bob["path"])).text


async def test_the_feed_expands_as_the_calendar_query_does(api: Api) -> None:
    """An independent reader (icalendar + recurring-ical-events) finds the same occurrences."""
    yoga = await weekly_yoga(api)
    stand_up = await api.ok(
        CREATE,
        {
            "input": {
                "title": "Stand-up",
                "startsAt": "2025-03-24T09:00:00+01:00",
                "endsAt": "2025-03-24T09:15:00+01:00",
                "recurrence": "FREQ=DAILY;UNTIL=20250404",
                "timezone": "Europe/Berlin",
            }
        },
        user="alice",
    )
    await api.ok(
        CREATE,
        {
            "input": {
                "title": "Dentist; 2nd, visit",
                "startsAt": "2025-03-12T15:30:00Z",
                "endsAt": "2025-03-12T16:00:00Z",
                "timezone": "Asia/Tokyo",
            }
        },
        user="alice",
    )
    changes = [
        (
            yoga["id"],
            "move",
            "2025-03-15T22:00:00Z",
            "2025-03-16T14:00:00Z",
            "2025-03-16T15:30:00Z",
        ),
        (yoga["id"], "cancel", "2025-03-08T23:00:00Z"),
        # Berlin moves to summer time on the 30th: the 31st is 07:00Z.
        (stand_up["createActivity"]["id"], "cancel", "2025-03-31T07:00:00Z"),
        (
            stand_up["createActivity"]["id"],
            "move",
            "2025-03-28T08:00:00Z",
            "2025-03-28T12:00:00Z",
            "2025-03-28T12:30:00Z",
        ),
    ]
    for activity_id, kind, slot, *times in changes:
        if kind == "move":
            await api.ok(
                """mutation($id: ID!, $slot: DateTime!, $s: DateTime!, $e: DateTime!) {
                    moveOccurrence(input: {activityId: $id, originalStart: $slot, startsAt: $s,
                    endsAt: $e}) { id } }""",
                {"id": activity_id, "slot": slot, "s": times[0], "e": times[1]},
                user="alice",
            )
        else:
            await api.ok(
                """mutation($id: ID!, $slot: DateTime!) {
                    cancelOccurrence(input: {activityId: $id, originalStart: $slot}) { id } }""",
                {"id": activity_id, "slot": slot},
                user="alice",
            )
    window = {"from": "2025-02-01T00:00:00Z", "to": "2025-05-01T00:00:00Z"}
    expected = sorted(
        (
            o["activity"]["title"],
            datetime.fromisoformat(o["startsAt"]),
            datetime.fromisoformat(o["endsAt"]),
        )
        for o in (await api.ok(CALENDAR, window, user="alice"))["calendar"]
    )
    assert len(expected) == 3 + 11 + 1  # yoga, stand-ups (24 Mar - 4 Apr), dentist

    token = (await api.ok("mutation { rotateCalendarFeed { path } }", user="alice"))[
        "rotateCalendarFeed"
    ]["path"]
    feed = icalendar.Calendar.from_ical((await api.http.get(api.url + token)).text)
    assert {str(z["TZID"]) for z in feed.walk("VTIMEZONE")} == {
        "America/New_York",
        "Europe/Berlin",
    }
    found = sorted(
        (str(e["SUMMARY"]), _instant(e.decoded("DTSTART")), _instant(e.decoded("DTEND")))
        for e in recurring_ical_events.of(feed).between(
            datetime(2025, 2, 1, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC)
        )
    )
    assert found == expected
    # Moved occurrences override their slot in the series (same UID), not extra events.
    uids = [str(e["UID"]) for e in feed.walk("VEVENT")]
    assert len(set(uids)) == 3
    overrides = [e for e in feed.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert sorted(_instant(e.decoded("RECURRENCE-ID")) for e in overrides) == [
        datetime(2025, 3, 15, 22, tzinfo=UTC),
        datetime(2025, 3, 28, 8, tzinfo=UTC),
    ]


def _instant(value: object) -> datetime:
    assert isinstance(value, datetime)
    assert value.tzinfo is not None
    return value.astimezone(UTC)
