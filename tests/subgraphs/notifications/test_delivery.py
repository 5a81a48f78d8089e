"""When email and push go out: digest windows and retry back-off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from subgraphs.notifications.domain.delivery import delivery_due, retry_delay
from subgraphs.notifications.models import Kind

NOW = datetime(2025, 1, 15, 12, 3, tzinfo=UTC)


def test_digested_kinds_wait_for_the_end_of_their_window() -> None:
    window = int(NOW.timestamp() // 600)
    assert delivery_due(Kind.POST_LIKED, window, 600, NOW) == datetime(
        2025, 1, 15, 12, 10, tzinfo=UTC
    )
    assert delivery_due(Kind.REMINDER, window, 600, NOW) == NOW
    # A window already over (an event that arrived late) goes out now.
    assert delivery_due(Kind.POST_LIKED, window - 1, 600, NOW) == NOW


def test_retries_double_up_to_an_hour() -> None:
    assert [retry_delay(n) for n in (1, 2, 3)] == [timedelta(seconds=s) for s in (30, 60, 120)]
    assert retry_delay(20) == timedelta(hours=1)
