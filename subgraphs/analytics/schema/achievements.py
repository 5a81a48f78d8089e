"""Badges: the ones a user earned and the ones that can be earned."""

from __future__ import annotations

import datetime as dt

import strawberry

from subgraphs.analytics.domain.badges import BADGES, BY_ID
from subgraphs.analytics.models import Achievement as AchievementRow


@strawberry.type(description="A badge a user has earned.")
class Achievement:
    badge: str = strawberry.field(description="Stable badge id, e.g. `streak_7`.")
    title: str = strawberry.field(description="Human title of the badge.")
    description: str = strawberry.field(description="What earns the badge.")
    unlocked_at: dt.datetime = strawberry.field(description="When the badge was earned.")


@strawberry.type(description="A badge that can be earned.")
class BadgeDefinition:
    badge: str = strawberry.field(description="Stable badge id.")
    title: str = strawberry.field(description="Human title of the badge.")
    description: str = strawberry.field(description="What earns the badge.")


def to_achievement(row: AchievementRow) -> Achievement:
    definition = BY_ID.get(row.badge)
    return Achievement(
        badge=row.badge,
        title=row.title,
        description=definition.description if definition else "",
        unlocked_at=row.unlocked_at,
    )


def badge_definitions() -> list[BadgeDefinition]:
    return [BadgeDefinition(badge=b.id, title=b.title, description=b.description) for b in BADGES]
