"""Derived progress: what a goal's children and tasks say about how far along it is."""

from __future__ import annotations

import math
from collections.abc import Sequence

from subgraphs.goals.domain.enums import GoalStatus


def child_contribution(status: GoalStatus, progress: int) -> int | None:
    """A completed child counts as done; an abandoned one no longer counts at all."""
    if status is GoalStatus.ABANDONED:
        return None
    if status is GoalStatus.COMPLETED:
        return 100
    return progress


def derived_progress(
    children: Sequence[tuple[GoalStatus, int]], tasks_done: Sequence[bool]
) -> int | None:
    """The mean over sub-goals (their progress) and tasks (0 or 100); None with nothing to count."""
    parts = [c for s, p in children if (c := child_contribution(s, p)) is not None]
    parts += [100 if done else 0 for done in tasks_done]
    if not parts:
        return None
    # Half up (62.5 -> 63), not Python's banker's rounding.
    return math.floor(sum(parts) / len(parts) + 0.5)
