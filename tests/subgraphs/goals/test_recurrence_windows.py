"""Window expansion: strict RRULE checks, bounded work, and dateutil as the oracle."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from common.errors import BadUserInput
from subgraphs.goals.domain.recurrence import (
    Budget,
    expand,
    is_occurrence,
    next_start_after,
    occurrences,
    parse_rule,
)

BERLIN = ZoneInfo("Europe/Berlin")
ZULU = ZoneInfo("UTC")
START = datetime(2025, 1, 6, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))) + ";BYMINUTE=0,30",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;INTERVAL=-1",
        "FREQ=DAILY;INTERVAL=99999999999999999999",
        "FREQ=DAILY;INTERVAL=1001",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;COUNT=-5",
        "FREQ=DAILY;COUNT=1001",
        "FREQ=YEARLY;BYMONTH=13",
        "FREQ=YEARLY;BYMONTH=0",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=YEARLY;BYYEARDAY=367",
        "FREQ=MONTHLY;BYYEARDAY=1",
        "FREQ=WEEKLY;BYMONTHDAY=1",
        "FREQ=MONTHLY;BYDAY=6MO",
        "FREQ=WEEKLY;BYDAY=2MO",
        "FREQ=MONTHLY;BYDAY=MO,2TU",
        "FREQ=DAILY;BYHOUR=24",
        "FREQ=DAILY;BYMINUTE=60",
        "FREQ=DAILY;BYSECOND=60",
        "FREQ=MONTHLY;BYSETPOS=0",
        "FREQ=MONTHLY;BYSETPOS=367",
        "FREQ=DAILY;COUNT=3;UNTIL=20250301",
        "FREQ=DAILY;UNTIL=20241231",
        "FREQ=DAILY;UNTIL=99991231",
        "FREQ=DAILY;UNTIL=20250230",
        "FREQ=DAILY;FREQ=WEEKLY",
        "FREQ=DAILY;BYWEEKNO=1",
        "FREQ=DAILY;BYEASTER=0",
        "FREQ=DAILY;WKST=XX",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=1000",
        "FREQ=DAILY;" + "BYMONTH=1," * 100,
    ],
)
def test_rules_outside_rfc_5545_or_our_limits_are_refused(rule: str) -> None:
    with pytest.raises(BadUserInput) as caught:
        parse_rule(rule, START, BERLIN)
    assert caught.value.field == "recurrence"


@pytest.mark.parametrize("start", [datetime(1, 1, 1, tzinfo=UTC), datetime(2201, 1, 1, tzinfo=UTC)])
def test_series_must_start_in_the_supported_years(start: datetime) -> None:
    with pytest.raises(BadUserInput) as caught:
        parse_rule("FREQ=DAILY", start, BERLIN)
    assert caught.value.field == "startsAt"


def test_a_window_at_the_end_of_time_is_fast_and_empty_or_correct() -> None:
    busy = "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24)))
    began = time.perf_counter()
    for window_from, window_to in [
        (datetime(9999, 12, 30, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
        (datetime(1, 1, 1, tzinfo=UTC), datetime(1, 12, 31, tzinfo=UTC)),
        (datetime(9989, 12, 1, tzinfo=UTC), datetime(9990, 12, 1, tzinfo=UTC)),
    ]:
        for tz in (BERLIN, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12")):
            found = expand(
                start=START,
                end=START + timedelta(days=300),
                tz=tz,
                rule=busy,
                exceptions=[],
                window_from=window_from,
                window_to=window_to,
            )
            assert all(o.start < datetime(9990, 1, 1, tzinfo=UTC) for o in found)
    assert time.perf_counter() - began < 2


def test_a_window_far_from_the_start_is_expanded_without_walking() -> None:
    rule = "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24)))
    series = parse_rule(rule, datetime(1900, 1, 1, tzinfo=UTC), BERLIN)
    budget = Budget(days=400)
    window_from = datetime(8000, 3, 1, tzinfo=UTC)
    found = list(occurrences(series, window_from, window_from + timedelta(days=366), budget))
    assert len(found) == 366 * 24
    assert not budget.exhausted


def test_count_is_honoured_far_into_the_series() -> None:
    series = parse_rule("FREQ=WEEKLY;INTERVAL=2;COUNT=1000", START, ZoneInfo("UTC"))
    assert series.last_utc == START + timedelta(weeks=2 * 999)
    after = list(
        occurrences(series, series.last_utc, series.last_utc + timedelta(days=60), Budget(500))
    )
    assert after == [series.last_utc]


def test_sparse_rules_keep_the_reminder_search_bounded() -> None:
    feb29 = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29"
    start = datetime(2096, 2, 29, 9, tzinfo=UTC)
    nxt = next_start_after(start=start, tz=ZULU, rule=feb29, exceptions=[], after=start)
    # 2100 is not a leap year: the next 29 February is eight years on.
    assert nxt is not None
    assert nxt[0] == datetime(2104, 2, 29, 9, tzinfo=UTC)
    assert is_occurrence(
        start=start, tz=ZULU, rule=feb29, instant=datetime(2104, 2, 29, 9, tzinfo=UTC)
    )
    far = datetime(9989, 6, 1, tzinfo=UTC)
    assert next_start_after(start=start, tz=ZULU, rule=feb29, exceptions=[], after=far) is None


# The oracle ---------------------------------------------------------------------------

_ZONES = [ZULU, BERLIN, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]
_parts = st.fixed_dictionaries(
    {"FREQ": st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])},
    optional={
        "INTERVAL": st.integers(1, 5).map(str),
        "COUNT": st.integers(1, 40).map(str),
        "BYMONTH": st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True).map(
            lambda v: ",".join(map(str, v))
        ),
        "BYHOUR": st.lists(st.integers(0, 23), min_size=1, max_size=3, unique=True).map(
            lambda v: ",".join(map(str, v))
        ),
        "BYMINUTE": st.lists(
            st.sampled_from([0, 15, 30, 45]), min_size=1, max_size=2, unique=True
        ).map(lambda v: ",".join(map(str, v))),
        "BYSETPOS": st.sampled_from(["1", "-1", "1,2", "2,-1"]),
        "WKST": st.sampled_from(["MO", "SU", "WE"]),
    },
)


@st.composite
def _rules(draw: st.DrawFn) -> str:
    parts = draw(_parts)
    freq = parts["FREQ"]
    day_part = draw(st.sampled_from(["", "BYDAY", "NTH", "BYMONTHDAY", "BYYEARDAY"]))
    if day_part == "BYDAY":
        days = draw(
            st.lists(
                st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        parts["BYDAY"] = ",".join(days)
    elif day_part == "NTH" and freq in ("MONTHLY", "YEARLY"):
        n = draw(st.sampled_from([1, 2, -1, 3]))
        parts["BYDAY"] = f"{n}{draw(st.sampled_from(['MO', 'FR', 'SU']))}"
    elif day_part == "BYMONTHDAY" and freq != "WEEKLY":
        parts["BYMONTHDAY"] = draw(st.sampled_from(["1", "15", "-1", "31", "1,-1", "29"]))
    elif day_part == "BYYEARDAY" and freq == "YEARLY":
        parts["BYYEARDAY"] = draw(st.sampled_from(["1", "100", "-1", "366", "60,-60"]))
    return ";".join(f"{k}={v}" for k, v in parts.items())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=_rules(),
    tz=st.sampled_from(_ZONES),
    start=st.datetimes(datetime(2023, 1, 1), datetime(2026, 12, 31)),
    offset_days=st.integers(0, 900),
    span_days=st.integers(1, 120),
)
# DTSTART on a Tuesday, a week starting Monday: BYSETPOS counts from DTSTART, as dateutil does.
@example(
    rule="FREQ=WEEKLY;INTERVAL=1;WKST=MO;BYSETPOS=1;BYMINUTE=0;BYHOUR=0;BYMONTH=8;BYDAY=MO,TU",
    tz=ZULU,
    start=datetime(2024, 8, 6),
    offset_days=0,
    span_days=1,
)
def test_window_expansion_equals_the_naive_expansion(
    rule: str, tz: ZoneInfo, start: datetime, offset_days: int, span_days: int
) -> None:
    start_utc = start.replace(second=0, microsecond=0, tzinfo=tz).astimezone(UTC)
    try:
        series = parse_rule(rule, start_utc, tz)
    except BadUserInput:
        return  # refused rules (e.g. never occurring) have nothing to compare
    window_from = start_utc + timedelta(days=offset_days)
    window_to = window_from + timedelta(days=span_days)
    ours = list(occurrences(series, window_from, window_to, Budget(10_000)))
    oracle = rrulestr(rule, dtstart=start_utc.astimezone(tz))
    naive = [
        local.astimezone(UTC)
        for local in oracle.between(
            window_from.astimezone(tz) - timedelta(days=2),
            window_to.astimezone(tz) + timedelta(days=2),
            inc=True,
        )
        if window_from <= local.astimezone(UTC) < window_to
    ]
    assert ours == naive
