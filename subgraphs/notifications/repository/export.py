"""What a data export takes from the notifications subgraph (docs/media.md, "Data export")."""

from __future__ import annotations

from common.export import Owned

# Push credentials are the device's, not the member's: left out.
OWNED: tuple[Owned, ...] = (
    Owned("notifications", "user_id"),
    Owned("deliveries", "user_id"),
    Owned("preferences", "user_id"),
    Owned("devices", "user_id", omit=("token",)),
    Owned("push_subscriptions", "user_id", omit=("p256dh", "auth")),
)
