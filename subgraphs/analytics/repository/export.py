"""What a data export takes from the analytics subgraph (docs/media.md, "Data export")."""

from __future__ import annotations

from common.export import Owned

# Every projection of the member, and the logged events it was built from.
OWNED: tuple[Owned, ...] = (
    Owned("profiles", "user_id"),
    Owned("goals", "owner_id"),
    Owned("habits", "owner_id"),
    Owned("vacations", "user_id"),
    Owned("facts", "user_id"),
    Owned("achievements", "user_id"),
    Owned("events", "user_ids"),
)
