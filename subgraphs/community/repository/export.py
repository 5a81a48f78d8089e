"""What a data export takes from the community subgraph (docs/media.md, "Data export")."""

from __future__ import annotations

from common.export import Owned

# What the member wrote or did; others' comments on their posts are the others' data.
OWNED: tuple[Owned, ...] = (
    Owned("posts", "author_id"),
    Owned("comments", "author_id"),
    Owned("likes", "user_id"),
    Owned("saves", "user_id"),
    Owned("follows", "follower_id"),
    Owned("reports", "reporter_id"),
)
