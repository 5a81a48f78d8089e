"""When a user earned a badge, read from their facts (the rules are in `domain/badges.py`)."""

from __future__ import annotations

from datetime import datetime

from subgraphs.analytics.domain.badges import Badge, NthFact, reached_at
from subgraphs.analytics.repository.base import Session
from subgraphs.analytics.repository.facts import Facts


async def unlocked_at(
    badge: Badge, facts: Facts, user_id: str, session: Session
) -> datetime | None:
    """The time of the earliest event at which the badge's rule held, or None."""
    rule = badge.rule
    if isinstance(rule, NthFact):
        found = await facts.in_order(
            user_id, rule.kind, min_value=rule.min_value, limit=rule.n, session=session
        )
        return found[rule.n - 1].at if len(found) == rule.n else None
    in_order = await facts.in_order(user_id, rule.kind, session=session)
    return reached_at(((f.at, f.value) for f in in_order), rule.total)
