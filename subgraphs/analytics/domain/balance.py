"""Life-balance arithmetic (docs/analytics.md): an area's activity score and its combined score."""

from __future__ import annotations


def half_up(value: float) -> int:
    # round() rounds halves to even; scores read more naturally rounded half up.
    return int(value + 0.5)


def activity_score(
    *, completed: int, mean_progress: float, tracker_entries: int, focus_minutes: float
) -> int:
    """min(100, 25 x goals completed + 0.25 x mean progress of active goals
    + 4 x tracker entries + focus minutes / 10), rounded half up."""
    return half_up(
        min(
            100.0,
            25 * completed + 0.25 * mean_progress + 4 * tracker_entries + focus_minutes / 10,
        )
    )


def area_score(rating: int | None, activity: int) -> int:
    """Half the user's own rating, half their activity; the activity alone without a rating."""
    return activity if rating is None else half_up(0.5 * rating + 0.5 * activity)
