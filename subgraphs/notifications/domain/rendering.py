"""The words of a notification, derived from its current state so a grouped one reads right."""

from __future__ import annotations

from dataclasses import dataclass

from subgraphs.notifications.models import Kind, Notification


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str


def remaining_actors(n: Notification) -> list[str]:
    """Actors still standing: a follower who unfollowed again is not announced."""
    withdrawn = set(n.withdrawn_ids)
    return [a for a in n.actor_ids if a not in withdrawn]


def render(n: Notification) -> Rendered:
    people = len(remaining_actors(n))
    data = n.data
    match n.kind:
        case Kind.REMINDER:
            return Rendered(
                f"Reminder: {data.get('title', '')}", f"Due at {data.get('fire_at', '')}"
            )
        case Kind.POST_LIKED:
            if people <= 1:
                return Rendered("Someone liked your post", "Open the post to see who.")
            return Rendered(f"{people} people liked your post", "Open the post to see who.")
        case Kind.POST_COMMENTED:
            if n.event_count <= 1:
                return Rendered("New comment on your post", "Open the post to read it.")
            return Rendered(
                f"{n.event_count} new comments on your post", "Open the post to read them."
            )
        case Kind.NEW_FOLLOWER:
            if people <= 1:
                return Rendered("You have a new follower", "See who follows you now.")
            return Rendered(f"{people} new followers", "See who follows you now.")
        case Kind.SECURITY_ALERT:
            return Rendered(
                "Your LifeGraph password was changed",
                "If this was not you, reset your password now.",
            )
        case Kind.DATA_EXPORT:
            return Rendered(
                "Your export is ready",
                f"Download it from your account settings before {data.get('expires_at', '')}.",
            )
        case Kind.ACHIEVEMENT:
            return Rendered(f"Achievement unlocked: {data.get('title', '')}", "Well done!")
        case Kind.MESSAGE:
            preview = str(data.get("preview", ""))
            if n.event_count <= 1:
                return Rendered("New message", preview)
            return Rendered(f"{n.event_count} new messages", preview)
