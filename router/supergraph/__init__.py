"""Supergraph model and loader."""

from router.supergraph.loader import SupergraphError, load_supergraph, parse_field_set
from router.supergraph.model import (
    EntityKey,
    FieldInfo,
    FieldSource,
    Subgraph,
    Supergraph,
    TypeInfo,
    TypeKind,
)

__all__ = [
    "EntityKey",
    "FieldInfo",
    "FieldSource",
    "Subgraph",
    "Supergraph",
    "SupergraphError",
    "TypeInfo",
    "TypeKind",
    "load_supergraph",
    "parse_field_set",
]
