"""Hostile recurrences, oversized lists, far-off dates and odd zones, through the router."""

from __future__ import annotations

import time

from tests.e2e.conftest import NewClient

BUSY = (
    "FREQ=DAILY;BYHOUR="
    + ",".join(map(str, range(24)))
    + ";BYMINUTE="
    + ",".join(map(str, range(60)))
)


def code_and_field(body: dict[str, object]) -> tuple[object, object]:
    errors = body["errors"]
    assert isinstance(errors, list)
    extensions = errors[0]["extensions"]
    return extensions["code"], extensions.get("field")


async def test_hostile_input_is_bad_user_input_through_the_router(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    activity = await ada.call(
        "mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }",
        {
            "i": {
                "title": "Every minute",
                "startsAt": "2025-03-01T09:00:00Z",
                "endsAt": "2025-03-01T09:01:00Z",
                "recurrence": BUSY,
            }
        },
    )
    assert code_and_field(activity) == ("BAD_USER_INPUT", "recurrence")
    began = time.perf_counter()
    far = await ada.ok(
        """{ me { calendar(from: "9999-12-30T00:00:00Z", to: "9999-12-31T23:59:59Z") {
            startsAt } } }"""
    )
    assert far == {"me": {"calendar": []}}
    assert time.perf_counter() - began < 5

    goal = await ada.call(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "G", "area": "HEALTH", "tasks": [{"title": "t"}] * 201}},
    )
    assert code_and_field(goal) == ("BAD_USER_INPUT", "tasks")
    assert (await ada.ok("{ myGoals { nodes { id } } }"))["myGoals"]["nodes"] == []

    report = await ada.call('{ me { weeklyReport(weekOf: "9999-12-31") { weekStart } } }')
    assert code_and_field(report) == ("BAD_USER_INPUT", "weekOf")
    template = await ada.call(
        """mutation { instantiateGoalTemplate(
            input: {templateId: "builtin-run-5k", startDate: "9999-12-30"}) { id } }"""
    )
    assert code_and_field(template) == ("BAD_USER_INPUT", "startDate")
    zone = await ada.call('mutation { updateProfile(input: {timezone: "posixrules"}) { id } }')
    assert code_and_field(zone) == ("BAD_USER_INPUT", "timezone")


async def test_long_zones_and_weeks_at_the_ends_of_time_are_bad_user_input(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    before = await ada.ok("{ me { timezone } }")
    for zone in ("x" * 10_000, "right/UTC", "localtime", "Factory", "../../etc/passwd"):
        body = await ada.call(
            "mutation($z: String!) { updateProfile(input: {timezone: $z}) { id } }", {"z": zone}
        )
        assert code_and_field(body) == ("BAD_USER_INPUT", "timezone"), zone[:20]
    assert await ada.ok("{ me { timezone } }") == before
    habit = await ada.call(
        "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
        {"i": {"title": "Read", "timezone": "x" * 10_000}},
    )
    assert code_and_field(habit) == ("BAD_USER_INPUT", "timezone")
    assert (await ada.ok("{ me { habits { nodes { id } } } }"))["me"]["habits"]["nodes"] == []
    for week in ("0001-01-01", "9999-12-31"):
        report = await ada.call(f'{{ me {{ weeklyReport(weekOf: "{week}") {{ weekStart }} }} }}')
        assert code_and_field(report) == ("BAD_USER_INPUT", "weekOf"), week
