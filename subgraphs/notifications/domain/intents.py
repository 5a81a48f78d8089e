"""Which events become which notifications, for whom."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from common.events import Event
from common.events.catalog import (
    AchievementUnlocked,
    ExportReady,
    MessageSent,
    PostCommented,
    PostLiked,
    ReminderDue,
    SecurityAlert,
    UserFollowed,
    payload_of,
)
from subgraphs.notifications.models import Kind


@dataclass(frozen=True)
class Intent:
    user_id: str
    kind: Kind
    target_id: str
    at: datetime
    actor_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


PATTERNS = [
    "goals.reminder.due",
    "community.post.liked",
    "community.post.commented",
    "community.user.followed",
    "community.user.unfollowed",
    "analytics.achievement.unlocked",
    "chat.message.sent",
    "users.security.alert",
    "media.export.ready",
]


def intents_from(event: Event) -> list[Intent]:
    """Notifications an event asks for; a chat message still needs the offline check."""
    payload = payload_of(event.type, event.data)

    def intent(user_id: str, kind: Kind, target: str, **extra: Any) -> Intent:
        return Intent(user_id, kind, target, event.time, **extra)

    match payload:
        case ReminderDue():
            data = {
                "title": payload.title,
                "fire_at": payload.fire_at.isoformat(),
                "target_type": payload.target_type,
                "target_id": payload.target_id,
            }
            return [intent(payload.owner_id, Kind.REMINDER, payload.reminder_id, data=data)]
        case PostLiked() if payload.liker_id != payload.author_id:
            return [
                intent(
                    payload.author_id, Kind.POST_LIKED, payload.post_id, actor_id=payload.liker_id
                )
            ]
        case PostCommented() if payload.commenter_id != payload.author_id:
            return [
                intent(
                    payload.author_id,
                    Kind.POST_COMMENTED,
                    payload.post_id,
                    actor_id=payload.commenter_id,
                    data={"comment_id": payload.comment_id},
                )
            ]
        case SecurityAlert():
            return [
                intent(
                    payload.user_id, Kind.SECURITY_ALERT, "account", data={"reason": payload.reason}
                )
            ]
        case ExportReady():
            data = {"export_id": payload.export_id, "expires_at": payload.expires_at.isoformat()}
            return [intent(payload.user_id, Kind.DATA_EXPORT, payload.export_id, data=data)]
        case UserFollowed():
            return [
                intent(
                    payload.followee_id,
                    Kind.NEW_FOLLOWER,
                    payload.followee_id,
                    actor_id=payload.follower_id,
                )
            ]
        case AchievementUnlocked():
            return [
                intent(
                    payload.user_id,
                    Kind.ACHIEVEMENT,
                    payload.badge,
                    data={"title": payload.title, "badge": payload.badge},
                )
            ]
        case MessageSent():
            data = {"preview": payload.preview[:140], "message_id": payload.message_id}
            return [
                intent(
                    user,
                    Kind.MESSAGE,
                    payload.conversation_id,
                    actor_id=payload.sender_id,
                    data=data,
                )
                for user in dict.fromkeys(payload.recipient_ids)
                if user != payload.sender_id
            ]
    return []


def fan_out_lane(event: Event) -> str | None:
    """The lane a fan-out event applies in: one conversation's messages one at a time.

    Every message of a group writes the same members' inbox rows and positions, so
    concurrent ones would conflict and re-run; queued, each commits first time.
    """
    # Read raw: the lane is taken before the payload is validated (a bad one is
    # dead-lettered by the consumer, not here).
    conversation = event.data.get("conversation_id")
    if event.type != "chat.message.sent" or not isinstance(conversation, str):
        return None
    return f"conversation:{conversation}"
