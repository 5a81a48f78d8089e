from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from common import validation
from common.errors import BadUserInput


@pytest.mark.parametrize(
    "name",
    [
        "posixrules",
        "right/UTC",
        "posix/Europe/Paris",
        "localtime",
        "Factory",
        "x" * 10_000,
        "../etc/passwd",
        "Europe/Nowhere",
        "",
        "Europe//Paris",
    ],
)
def test_not_a_place_is_refused(name: str) -> None:
    with pytest.raises(BadUserInput) as info:
        validation.timezone_name(name)
    assert info.value.field == "timezone"
    assert len(info.value.message) < 200


@pytest.mark.parametrize(
    "name", ["Europe/Paris", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5"]
)
def test_places_are_accepted(name: str) -> None:
    assert validation.zone(f" {name} ").key == name


def test_text_caps_and_strips() -> None:
    assert validation.text(" a ", field="title", max_chars=1) == "a"
    with pytest.raises(BadUserInput):
        validation.text("ab", field="title", max_chars=1)
    with pytest.raises(BadUserInput):
        validation.text("  ", field="title", max_chars=1, required=True)
    assert validation.optional_text("  ", field="note", max_chars=5) is None


def test_items_cap() -> None:
    assert validation.items([1, 2], field="tags", max_items=2) == [1, 2]
    with pytest.raises(BadUserInput) as info:
        validation.items([1, 2, 3], field="tags", max_items=2)
    assert info.value.field == "tags"


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31)])
def test_days_far_away_are_refused(day: date) -> None:
    with pytest.raises(BadUserInput):
        validation.day_in_range(day, field="weekOf")


def test_instants_near_the_ends_of_time_never_overflow() -> None:
    east = timezone(timedelta(hours=14))
    with pytest.raises(BadUserInput):
        validation.instant_in_range(datetime(1, 1, 1, tzinfo=east), field="at")
    with pytest.raises(BadUserInput):
        validation.instant_in_range(datetime(9999, 12, 31, 23, tzinfo=UTC), field="at")
    with pytest.raises(BadUserInput):
        validation.instant_in_range(datetime(2025, 1, 1), field="at")
    assert (
        validation.instant_in_range(datetime(2025, 1, 1, 1, tzinfo=east), field="at").tzinfo is UTC
    )


@pytest.mark.parametrize("name", ["Nowhere/Special", "localtime", "posix/Europe/Paris", "../etc"])
def test_a_zone_from_an_event_that_is_not_a_place_counts_as_utc(name: str) -> None:
    assert validation.zone_or_utc(name).key == "UTC"
    assert validation.zone_or_utc("Pacific/Auckland").key == "Pacific/Auckland"
