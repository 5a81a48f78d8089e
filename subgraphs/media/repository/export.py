"""What a data export takes from the media subgraph (docs/media.md, "Data export")."""

from __future__ import annotations

from common.export import Owned

# The records; the files themselves go into the archive beside the parts.
OWNED: tuple[Owned, ...] = (Owned("media", "owner_id"),)
