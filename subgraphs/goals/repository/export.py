"""What a data export takes from the goals subgraph (docs/media.md, "Data export")."""

from __future__ import annotations

from common.export import Owned

# What erasure deletes, less the copies of other subgraphs' data (profiles, follows).
OWNED: tuple[Owned, ...] = (
    Owned("goals", "owner_id"),
    Owned("goal_templates", "owner_id"),
    Owned("projects", "owner_id"),
    Owned("todo_tasks", "owner_id"),
    Owned("habits", "owner_id"),
    Owned("habit_checkins", "owner_id"),
    Owned("focus_sessions", "owner_id"),
    Owned("activities", "owner_id"),
    Owned("calendar_feeds", "owner_id", omit=("token_hash",)),
    Owned("reminders", "owner_id"),
    Owned("tracker_entries", "owner_id"),
    Owned("journal_entries", "owner_id"),
    Owned("mood_checkins", "owner_id"),
    Owned("vacations", "owner_id"),
    Owned("coach_actions", "owner_id"),
    # What is in the trash, by kind, title and dates; the stored documents themselves are
    # BSON kept for a byte-exact restore, not something to read (restore, then export).
    Owned("trash", "owner_id", omit=("documents",)),
)
