"""Who contributes to an export, and where each piece is stored."""

from __future__ import annotations

# Every subgraph sends one part; media builds the archive once all have arrived.
PARTS: tuple[str, ...] = (
    "users",
    "goals",
    "community",
    "chat",
    "analytics",
    "notifications",
    "media",
)

# Events of the export: requested by media, one part from each subgraph, ready from media.
REQUESTED = "media.export.requested"
READY = "media.export.ready"


def part_ready_type(subgraph: str) -> str:
    return f"{subgraph}.export.part_ready"


def part_key(export_id: str, subgraph: str) -> str:
    return f"exports/{export_id}/{subgraph}.json"


def archive_key(export_id: str) -> str:
    return f"exports/{export_id}/lifegraph-export.zip"
