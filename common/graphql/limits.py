"""Operation limits: one set of settings and one check, for the router and every subgraph.

A document is refused before validation and planning when it is too long
(tokens), too deep, uses too many aliases, selects too many fields once its
fragments are expanded (height), or costs too much. Every measure takes time
linear in the document's size (see `common.graphql.measures`), so checking a
hostile document is as cheap as reading it.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from graphql import (
    DocumentNode,
    GraphQLSchema,
    OperationDefinitionNode,
    get_operation_ast,
)
from graphql.error import GraphQLSyntaxError

from common.errors import BadUserInput
from common.graphql.cost import CostEstimator
from common.graphql.measures import (
    DocumentMeasures,
    Measures,
    fragment_definitions,
    measure_operations,
)
from common.graphql.parser import Counted, CountingParser, SelectionLimitReached

if TYPE_CHECKING:
    from common.settings import CommonSettings

P = ParamSpec("P")
T = TypeVar("T")

# Documents up to this long are parsed, checked and validated on the event loop
# (under a millisecond); longer ones on a document thread. Threads start on first use.
INLINE_DOCUMENT_CHARS = 500
_DOCUMENT_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="graphql-document")

# graphql-core ends the message of every error that stops parsing early
# (too many tokens or comments, too long) with this.
_ABORTED = "Parsing aborted."


@dataclass(frozen=True, slots=True)
class OperationLimits:
    """The limits every operation must stay within; None turns a limit off.

    Example:
        limits = OperationLimits.from_settings(get_settings())
        document = parse_document(query, limits)
        check_document(document, limits)
    """

    max_depth: int | None = 15
    max_aliases: int | None = 30
    # Fields selected with every fragment spread expanded (Apollo's "height").
    max_height: int | None = 500
    # Lexical tokens of the document (comments are capped at the same number).
    max_tokens: int | None = 20_000
    max_cost: int | None = 50_000
    # What an unpaged list field multiplies the cost of its selection by.
    default_list_size: int = 10
    # List entries in a request's variables, over all lists (`check_input_items`).
    max_input_items: int | None = 2_000

    @classmethod
    def from_settings(cls, settings: CommonSettings) -> OperationLimits:
        return cls(
            max_depth=settings.graphql_max_depth,
            max_aliases=settings.graphql_max_aliases,
            max_height=settings.graphql_max_height,
            max_tokens=settings.graphql_max_tokens,
            max_cost=settings.router_max_cost,
            default_list_size=settings.graphql_default_list_size,
            max_input_items=settings.graphql_max_input_items,
        )


class OperationLimitExceeded(BadUserInput):
    """A document over one of the limits; `reason` says which (e.g. DEPTH_LIMIT_EXCEEDED)."""

    def __init__(self, message: str, *, reason: str, **extensions: Any) -> None:
        super().__init__(message, reason=reason, **extensions)
        self.reason = reason


def parse_document(source: str, limits: OperationLimits) -> DocumentNode:
    """Parse within the token limit, stopping at the first definition with too many fields
    or aliases; raises `OperationLimitExceeded` or `GraphQLSyntaxError`.
    """
    parser = CountingParser(
        source,
        max_fields=limits.max_height,
        max_aliases=limits.max_aliases,
        max_tokens=limits.max_tokens,
    )
    refusal: OperationLimitExceeded
    try:
        return parser.parse_document()
    except RecursionError:
        # graphql-core refuses nesting past 200 levels, whatever the depth limit.
        refusal = OperationLimitExceeded(
            "Document is nested too deeply.", reason="DEPTH_LIMIT_EXCEEDED"
        )
    except SelectionLimitReached as exc:
        refusal = _selection_limit(exc.counted, limits)
    except GraphQLSyntaxError as exc:
        if not exc.message.endswith(_ABORTED):
            raise
        refusal = OperationLimitExceeded(
            exc.message.removeprefix("Syntax Error: "),
            reason="TOKEN_LIMIT_EXCEEDED",
            maxTokens=limits.max_tokens,
        )
    # Raised outside the except blocks: the parser's error, and the frames its
    # traceback holds, are not kept as this one's context.
    raise refusal


def _selection_limit(counted: Counted, limits: OperationLimits) -> OperationLimitExceeded:
    if counted == "aliases":
        return OperationLimitExceeded(
            f"Query uses more than the {limits.max_aliases} aliases allowed",
            reason="ALIAS_LIMIT_EXCEEDED",
            maxAliases=limits.max_aliases,
        )
    return OperationLimitExceeded(
        f"Query selects more than the {limits.max_height} fields allowed",
        reason="HEIGHT_LIMIT_EXCEEDED",
        maxHeight=limits.max_height,
    )


def check_document(document: DocumentNode, limits: OperationLimits) -> Measures:
    """Depth, aliases and height of every operation and fragment, checked against `limits`."""
    return check_operations(document, limits).widest()


def check_operations(document: DocumentNode, limits: OperationLimits) -> DocumentMeasures:
    """`check_document`, keeping each operation's measures.

    One walk, each fragment once; the router plans from the same result (`@skip`/
    `@include` variables, the expanded size), so it never walks the document again.
    """
    measures = measure_operations(document)
    check_measures(measures.widest(), limits)
    return measures


def check_measures(measures: Measures, limits: OperationLimits) -> None:
    """Refuse (`OperationLimitExceeded`) measures over any of the `limits`."""
    if limits.max_depth is not None and measures.depth > limits.max_depth:
        raise OperationLimitExceeded(
            f"Query depth {measures.depth} exceeds the maximum allowed depth of {limits.max_depth}",
            reason="DEPTH_LIMIT_EXCEEDED",
            depth=measures.depth,
            maxDepth=limits.max_depth,
        )
    if limits.max_aliases is not None and measures.aliases > limits.max_aliases:
        raise OperationLimitExceeded(
            f"Query uses {measures.aliases} aliases; at most {limits.max_aliases} are allowed",
            reason="ALIAS_LIMIT_EXCEEDED",
            aliases=measures.aliases,
            maxAliases=limits.max_aliases,
        )
    if limits.max_height is not None and measures.height > limits.max_height:
        raise OperationLimitExceeded(
            f"Query selects {measures.height} fields with its fragments expanded;"
            f" at most {limits.max_height} are allowed",
            reason="HEIGHT_LIMIT_EXCEEDED",
            height=measures.height,
            maxHeight=limits.max_height,
        )


def check_cost(cost: int, limits: OperationLimits) -> None:
    if limits.max_cost is not None and cost > limits.max_cost:
        raise OperationLimitExceeded(
            f"Query cost {cost} exceeds the maximum allowed cost of {limits.max_cost}",
            reason="COST_LIMIT_EXCEEDED",
            cost=cost,
            maxCost=limits.max_cost,
        )


def check_operation_cost(
    document: DocumentNode,
    schema: GraphQLSchema,
    limits: OperationLimits,
    *,
    operation_name: str | None,
    variables: Mapping[str, Any],
) -> None:
    """The cost of the operation that would run (of each, when that is ambiguous), checked."""
    if limits.max_cost is None:
        return
    chosen = get_operation_ast(document, operation_name)
    operations = (
        [chosen]
        if chosen is not None
        else [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    )
    estimator = CostEstimator(schema, limits.default_list_size)
    fragments = fragment_definitions(document)
    for operation in operations:
        check_cost(estimator.cost(operation, fragments, variables), limits)


def check_input_items(variables: Mapping[str, Any], limits: OperationLimits) -> None:
    """Refuse variables whose lists hold more than `limits.max_input_items` entries in all.

    Strawberry converts every entry of an input list into its Python type before the
    resolver can check the list's own cap, at tens of microseconds an entry: 5,000
    goal tasks held the event loop for 300 ms. Counting first costs a walk of the
    JSON (without recursion) that stops at the first entry over the limit.
    """
    limit = limits.max_input_items
    if limit is None:
        return
    items = 0
    pending: list[object] = [variables]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            items += len(value)
            if items > limit:
                raise OperationLimitExceeded(
                    f"The variables hold more than the {limit} list entries allowed",
                    reason="INPUT_LIMIT_EXCEEDED",
                    maxInputItems=limit,
                )
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.values())


async def off_loop_if_long(
    document_length: int, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T:
    """`work(*args, **kwargs)`, on one of the document threads when the document is long.

    Parsing is linear but still a few microseconds a token: run inline, a stream
    of long documents would hold the event loop from every other request. Their own
    small pool keeps a flood of them from delaying other `asyncio.to_thread` work.
    """
    if document_length <= INLINE_DOCUMENT_CHARS:
        return work(*args, **kwargs)
    call = functools.partial(contextvars.copy_context().run, work, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(_DOCUMENT_THREADS, call)
