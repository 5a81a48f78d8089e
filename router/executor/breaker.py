"""A circuit breaker per subgraph: stop calling one that keeps failing, for a while.

Closed, requests flow. After `failures` consecutive failed requests (unreachable,
timed out, no usable GraphQL response) it opens: requests fail at once, without a
connection, for `cooldown` seconds. Then it is half-open: one request goes through
as a probe while the rest still fail fast; its success closes the circuit, its
failure opens it for another cool-down.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class CircuitState(Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass(frozen=True, slots=True)
class BreakerSettings:
    """`failures` consecutive failures open the circuit for `cooldown` seconds."""

    failures: int = 5
    cooldown: float = 10.0
    # Seconds on a monotonic scale; tests inject their own to move time by hand.
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        if self.failures < 1:
            raise ValueError(f"circuit breaker failures must be >= 1: {self.failures}")
        if not self.cooldown > 0:
            raise ValueError(f"circuit breaker cool-down must be > 0: {self.cooldown}")


class CircuitOpen(Exception):
    """Refused without a request: the subgraph failed too often lately."""

    def __init__(self, retry_in: float) -> None:
        super().__init__(f"retry in {retry_in:.3g}s")
        self.retry_in = retry_in


class CircuitBreaker:
    def __init__(self, settings: BreakerSettings) -> None:
        self.settings = settings
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> CircuitState:
        if self._opened_at is None:
            return CircuitState.CLOSED
        if self._probing or self._remaining() <= 0:
            return CircuitState.HALF_OPEN
        return CircuitState.OPEN

    def state_name(self) -> str:
        return self.state.value

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    def admit(self) -> bool:
        """Let one request through (True: it is the half-open probe), or raise
        CircuitOpen. Every admitted request ends in `succeeded`, `failed` or `abandoned`."""
        if self._opened_at is None:
            return False
        remaining = self._remaining()
        if self._probing or remaining > 0:
            raise CircuitOpen(max(remaining, 0.0))
        self._probing = True
        return True

    def succeeded(self) -> None:
        # Any success, the probe's or one sent before the circuit opened, shows it is back.
        self._failures = 0
        self._opened_at = None
        self._probing = False

    def failed(self, probe: bool) -> None:
        self._failures += 1
        if probe or self._failures >= self.settings.failures:
            self._opened_at = self.settings.clock()
        if probe:
            self._probing = False

    def abandoned(self, probe: bool) -> None:
        """The request ended with no verdict (cancelled): the next one may probe."""
        if probe:
            self._probing = False

    def _remaining(self) -> float:
        assert self._opened_at is not None
        return self._opened_at + self.settings.cooldown - self.settings.clock()
