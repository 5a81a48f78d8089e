"""graphql-core's parser, stopped as soon as one definition selects too many fields or aliases.

Parsing is the costliest step of refusing a long document (a few microseconds a
token). A definition's own fields and aliases are a lower bound of its measures
(spreads only add to them), so stopping at the first one past a limit refuses
exactly what `common.graphql.measures` would, after reading only that much.
"""

from __future__ import annotations

from typing import Literal

from graphql import FieldNode, FragmentDefinitionNode, OperationDefinitionNode
from graphql.language.parser import Parser

Counted = Literal["fields", "aliases"]


class SelectionLimitReached(Exception):
    def __init__(self, counted: Counted) -> None:
        super().__init__(counted)
        self.counted = counted


class CountingParser(Parser):
    """Counts each definition's fields and aliases as `common.graphql.measures` does."""

    def __init__(
        self,
        source: str,
        *,
        max_fields: int | None,
        max_aliases: int | None,
        max_tokens: int | None,
    ) -> None:
        super().__init__(source, max_lexical_tokens=max_tokens, max_comments=max_tokens)
        self._max_fields = max_fields
        self._max_aliases = max_aliases
        self._fields = self._aliases = 0

    def parse_operation_definition(self) -> OperationDefinitionNode:
        self._fields = self._aliases = 0
        return super().parse_operation_definition()

    def parse_fragment_definition(self) -> FragmentDefinitionNode:
        self._fields = self._aliases = 0
        return super().parse_fragment_definition()

    def parse_field(self) -> FieldNode:
        field = super().parse_field()
        self._fields += 1
        if self._max_fields is not None and self._fields > self._max_fields:
            raise SelectionLimitReached("fields")
        if field.alias is not None:
            self._aliases += 1
            if self._max_aliases is not None and self._aliases > self._max_aliases:
                raise SelectionLimitReached("aliases")
        return field
