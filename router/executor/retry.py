"""Retries of failed subgraph requests, held to a budget so they cannot amplify an outage.

Only queries are retried (never mutations: a write that timed out may have happened),
only on failures a second try can fix (unreachable, timed out, HTTP 5xx without a
GraphQL answer), and only while the budget allows. The budget is Finagle's and Envoy's
(Apollo Router's `retry` too): every request deposits `ratio` of a retry, deposits fade
over `ttl` seconds, and on top of them `min_per_second` retries are always allowed, so
a quiet router still retries a lone failure while a failing subgraph under load gets at
most `ratio` more requests, not `attempts` times as many.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetrySettings:
    """At most `attempts` retries per request, within the budget."""

    attempts: int = 2
    ratio: float = 0.2
    min_per_second: float = 10.0
    ttl: float = 10.0
    # Seconds before retry n (n times this): a subgraph that just dropped a connection
    # is given a moment, not hit again at once.
    backoff: float = 0.05
    # Seconds one try may take (None: all the request has left). Every try shares the
    # subgraph timeout, so a try that timed out is retried only when this cuts it short.
    per_try_timeout: float | None = None
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"retry attempts must be >= 1: {self.attempts}")
        if not 0 <= self.ratio <= 1000:
            raise ValueError(f"retry ratio must be between 0 and 1000: {self.ratio}")
        if self.min_per_second < 0 or not self.ttl > 0 or self.backoff < 0:
            raise ValueError("retry min_per_second and backoff must be >= 0, ttl > 0")
        if self.per_try_timeout is not None and not self.per_try_timeout > 0:
            raise ValueError(f"retry per_try_timeout must be > 0: {self.per_try_timeout}")


class RetryBudget:
    def __init__(self, settings: RetrySettings) -> None:
        self.settings = settings
        self._earned = 0.0
        self._reserve = settings.min_per_second
        self._at = settings.clock()

    def deposit(self) -> None:
        """A request was sent (not a retry): it earns `ratio` of one."""
        self._refresh()
        self._earned += self.settings.ratio

    def withdraw(self) -> bool:
        """Spend one retry if the budget has it."""
        self._refresh()
        if self._earned >= 1:
            self._earned -= 1
            return True
        if self._reserve >= 1:
            self._reserve -= 1
            return True
        return False

    def _refresh(self) -> None:
        now = self.settings.clock()
        elapsed = max(now - self._at, 0.0)
        self._at = now
        if elapsed:
            self._earned *= math.exp(-elapsed / self.settings.ttl)
            limit = self.settings.min_per_second
            self._reserve = min(limit, self._reserve + elapsed * limit)
