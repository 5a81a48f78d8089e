"""What a data export takes from the chat subgraph (docs/media.md, "Data export")."""

from __future__ import annotations

from common.export import Owned

# Others' messages are theirs: the archive holds only what the member sent.
OWNED: tuple[Owned, ...] = (
    # The conversations the member is in, and the messages they sent in them.
    Owned("conversations", "member_ids"),
    Owned("messages", "sender_id"),
    Owned("read_states", "user_id"),
)
