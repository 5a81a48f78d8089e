"""Parse and validate each distinct document once per subgraph, not once per request.

The router sends the same few documents to a subgraph again and again; graphql-core
re-validating them was most of a subgraph's CPU. The cache is keyed by the document's
text (and parse options, and the validation rules in force), so a new document, or a
request under other rules (say, a per-request limit rule), is always validated in full.
Only documents that parsed and validated cleanly are remembered: invalid ones are
re-checked every time and cannot fill the cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import ASTValidationRule, DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types.execution import ParseOptions

from common.lru import LruCache

DEFAULT_MAXSIZE = 256


ParseKey = tuple[str, tuple[tuple[str, Any], ...]]
# The text, the rules in force, and whatever else decided its validity (the limits).
ValidationKey = tuple[str, tuple[type[ASTValidationRule], ...], object]


class DocumentCaches:
    """One subgraph's caches: parsed documents and the texts known to validate."""

    def __init__(self, maxsize: int = DEFAULT_MAXSIZE) -> None:
        self.parsed: LruCache[ParseKey, DocumentNode] = LruCache(maxsize)
        self.valid: LruCache[ValidationKey, bool] = LruCache(maxsize)


def document_cache(caches: DocumentCaches) -> type[SchemaExtension]:
    """A schema extension serving parse and validation results from `caches`.

    List it LAST: it stands in for Strawberry's own parse and validate steps, so every
    other extension's `on_operation`/`on_parse`/`on_validate` must have run first (a rule
    added after it would be missed on a cache hit):

        caches = DocumentCaches(maxsize=256)
        strawberry.federation.Schema(query=Query, extensions=[..., document_cache(caches)])
    """

    class DocumentCache(SchemaExtension):
        # The document this extension supplied: only its validation is cached, never
        # one another extension put in place (a persisted query, say).
        _document: DocumentNode | None = None

        def on_parse(self) -> Iterator[None]:
            context = self.execution_context
            if context.graphql_document is None and context.query:
                key = (context.query, tuple(sorted(context.parse_options.items())))
                document = caches.parsed.get(key)
                if document is None:
                    document = _parse_or_none(context.query, context.parse_options)
                    if document is not None:
                        caches.parsed.put(key, document)
                context.graphql_document = self._document = document
            yield

        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            document = context.graphql_document
            rules = tuple(context.validation_rules)
            # Already decided (another extension's check), or validation is off: leave it.
            if (
                document is not None
                and document is self._document
                and context.query
                and rules
                and context.pre_execution_errors is None
            ):
                key = (context.query, rules, None)
                if caches.valid.get(key):
                    context.pre_execution_errors = []
                else:
                    errors = validate_document(context.schema._schema, document, rules)
                    context.pre_execution_errors = errors
                    if not errors:
                        caches.valid.put(key, True)
            yield

    return DocumentCache


def _parse_or_none(query: str, options: ParseOptions) -> DocumentNode | None:
    try:
        return parse(query, **options)
    except GraphQLError:
        # Strawberry parses it again and reports the error its usual way.
        return None
