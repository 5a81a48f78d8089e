"""The router's request path, transport-free: prepare, plan, execute, shape."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    execute_sync,
    specified_rules,
    validate,
    validate_schema,
)
from graphql.error import GraphQLSyntaxError
from graphql.execution.values import get_variable_values
from graphql.validation import NoSchemaIntrospectionCustomRule

from common.graphql.cost import CostEstimator, uses_variable_page_sizes
from common.graphql.limits import (
    OperationLimitExceeded,
    check_cost,
    check_document,
    off_loop_if_long,
    parse_document,
)
from common.graphql.measures import fragment_definitions
from common.lru import LruCache
from router.api_schema import build_api_schema
from router.config import RouterConfig
from router.defer.split import uses_defer
from router.edge.gate import Edge
from router.edge.metrics import RouterMetrics
from router.edge.tracing import FetchTelemetry, Tracing
from router.executor import PlanExecutor, ResponseShaper, SubgraphClient
from router.executor.breaker import CircuitState
from router.executor.errors import BAD_USER_INPUT, graphql_error
from router.planner import PlanningError, QueryPlan, QueryPlanner
from router.planner.operation import condition_variables
from router.supergraph import Supergraph, SupergraphError, load_supergraph

logger = logging.getLogger("router")


class RequestError(Exception):
    """The request can't be executed at all; `errors` explain why."""

    def __init__(self, errors: list[dict[str, Any]], *, status: int = 400) -> None:
        super().__init__(errors[0]["message"] if errors else "bad request")
        self.errors = errors
        self.status = status


def bad_request(message: str, *, status: int = 400) -> RequestError:
    return RequestError([graphql_error(message, BAD_USER_INPUT)], status=status)


@dataclass(slots=True)
class PreparedOperation:
    document: DocumentNode
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    condition_variables: tuple[str, ...]
    introspection: DocumentNode | None
    plans: dict[tuple[bool, ...], QueryPlan] = field(default_factory=dict)
    # The cost limit must be checked per request: page sizes come from variables.
    cost_per_request: bool = False
    # Uses `@defer`: only the multipart transport runs it (router/defer/).
    deferred: bool = False
    # That transport's plans, by the values of its condition variables (router/defer/).
    deferred_plans: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    @property
    def kind(self) -> OperationType:
        return self.operation.operation


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    query: str
    operation_name: str | None = None
    variables: Mapping[str, Any] | None = None


@dataclass(slots=True)
class RequestInfo:
    """What the transport learns about a request as it runs (for metrics and logs)."""

    operation_type: str = "unknown"


class Router:
    def __init__(self, config: RouterConfig) -> None:
        self.config = config
        self.supergraph: Supergraph = load_supergraph(config.supergraph_sdl)
        self.api_schema = build_api_schema(config.supergraph_sdl, config.root_descriptions)
        problems = validate_schema(self.api_schema)
        if problems:
            raise SupergraphError(f"API schema is invalid: {problems[0].message}")
        unknown = set(config.subgraph_urls) - set(self.supergraph.subgraphs)
        if unknown:
            raise SupergraphError(f"URL overrides for unknown subgraphs: {sorted(unknown)}")
        config.check_subgraphs(self.supergraph.subgraphs)
        self.planner = QueryPlanner(self.supergraph)
        self.shaper = ResponseShaper(self.api_schema)
        self.operations: LruCache[tuple[str, str | None], PreparedOperation] = LruCache(
            config.plan_cache_size
        )
        self.clients: dict[str, SubgraphClient] = {}
        self._executor: PlanExecutor | None = None
        self.metrics = RouterMetrics()
        self.tracing = Tracing(config.tracer_provider)
        self.edge = Edge(config)
        self.limits = config.limits
        self.cost = CostEstimator(self.api_schema, config.default_list_size)
        self._rules = (
            specified_rules
            if config.introspection
            else (*specified_rules, NoSchemaIntrospectionCustomRule)
        )

    def subgraph_url(self, name: str) -> str:
        return self.config.subgraph_urls.get(name) or self.supergraph.subgraphs[name].url

    async def start(self) -> None:
        telemetry = FetchTelemetry(self.tracing, self.metrics)
        self.clients = {
            name: SubgraphClient(
                name,
                self.subgraph_url(name),
                self.config.timeout_for(name),
                max_connections=self.config.max_connections_per_subgraph,
                observer=telemetry,
                headers=self.config.subgraph_headers,
                deduplicate=self.config.deduplicate_subgraph_requests,
                breaker=self.config.circuit_breaker,
            )
            for name in self.supergraph.subgraphs
        }
        states = tuple(state.value for state in CircuitState)
        for name, client in self.clients.items():
            if (breaker := client.breaker) is not None:
                self.metrics.watch_circuit(name, states, breaker.state_name)
        self._executor = PlanExecutor(self.supergraph, self.clients)
        await self.edge.start()

    async def close(self) -> None:
        clients, self.clients, self._executor = self.clients, {}, None
        await asyncio.gather(*(client.close() for client in clients.values()))

    @property
    def executor(self) -> PlanExecutor:
        if self._executor is None:
            raise RuntimeError("the router is not started (use the app lifespan)")
        return self._executor

    @property
    def started(self) -> bool:
        return self._executor is not None

    # -- preparing -----------------------------------------------------------------

    def prepare(self, query: str, operation_name: str | None) -> PreparedOperation:
        cache_key = (query, operation_name)
        prepared = self.operations.get(cache_key)
        if prepared is None:
            prepared = self._prepare(query, operation_name)
            self.operations.put(cache_key, prepared)
        return prepared

    async def prepare_async(self, query: str, operation_name: str | None) -> PreparedOperation:
        """`prepare`, with a long document parsed, checked and validated off the event loop."""
        cache_key = (query, operation_name)
        prepared = self.operations.get(cache_key)
        if prepared is None:
            prepared = await off_loop_if_long(len(query), self._prepare, query, operation_name)
            self.operations.put(cache_key, prepared)
        return prepared

    def _prepare(self, query: str, operation_name: str | None) -> PreparedOperation:
        limits = self.limits
        try:
            document = parse_document(query, limits)
            # Before validation: the limits are cheap on any document; validation is not.
            check_document(document, limits)
        except GraphQLSyntaxError as exc:
            raise RequestError([_located(exc)]) from exc
        except OperationLimitExceeded as exc:
            raise _limit_error(exc) from exc
        errors = validate(self.api_schema, document, self._rules)
        if errors:
            raise RequestError([_located(e) for e in errors])
        operation = _select_operation(document, operation_name)
        fragments = fragment_definitions(document)
        cost_per_request = False
        if limits.max_cost is not None:
            cost_per_request = uses_variable_page_sizes(operation, fragments)
            if not cost_per_request:
                self._check_cost(operation, fragments, {})
        return PreparedOperation(
            document=document,
            operation=operation,
            fragments=fragments,
            condition_variables=condition_variables(operation, fragments),
            introspection=_introspection_document(document, operation),
            cost_per_request=cost_per_request,
            deferred=uses_defer(operation, fragments),
        )

    def _check_cost(
        self,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        try:
            check_cost(self.cost.cost(operation, fragments, variables), self.limits)
        except OperationLimitExceeded as exc:
            raise _limit_error(exc) from exc

    def plan_for(self, prepared: PreparedOperation, variables: Mapping[str, Any]) -> QueryPlan:
        if prepared.deferred:
            raise defer_not_accepted(prepared.kind)
        flags = tuple(bool(variables.get(name)) for name in prepared.condition_variables)
        plan = prepared.plans.get(flags)
        self.metrics.plan_lookup(hit=plan is not None)
        if plan is None:
            with self.tracing.plan():
                plan = self.planner.plan(prepared.operation, prepared.fragments, variables)
            prepared.plans[flags] = plan
        return plan

    def coerce_variables(
        self, prepared: PreparedOperation, raw: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        """The request's variables, coerced; page sizes they set are held to the cost limit."""
        result = get_variable_values(
            self.api_schema, prepared.operation.variable_definitions or (), dict(raw or {})
        )
        if isinstance(result, list):
            raise RequestError([_located(e) for e in result])
        if prepared.cost_per_request:
            self._check_cost(prepared.operation, prepared.fragments, result.coerced)
        return result.coerced

    # -- executing -----------------------------------------------------------------

    async def execute(
        self,
        request: GraphQLRequest,
        headers: Mapping[str, str],
        *,
        allow_mutations: bool = True,
        request_id: str = "",
        info: RequestInfo | None = None,
    ) -> dict[str, Any]:
        prepared = await self.prepare_async(request.query, request.operation_name)
        if info is not None:
            info.operation_type = prepared.kind.value
        if prepared.kind is OperationType.SUBSCRIPTION:
            raise bad_request(
                "Subscriptions are served over WebSocket, or over HTTP with 'Accept: "
                "multipart/mixed;subscriptionSpec=\"1.0\"' or 'Accept: text/event-stream'",
                status=405,
            )
        if prepared.kind is OperationType.MUTATION and not allow_mutations:
            raise bad_request("Mutations are only accepted over POST", status=405)
        variables = self.coerce_variables(prepared, request.variables)
        try:
            plan = self.plan_for(prepared, variables)
        except PlanningError as exc:
            return {"data": None, "errors": [planning_failed(exc, request_id)]}
        introspection = None
        if prepared.introspection is not None:
            introspection = self._introspect(prepared, request.variables)
        state = await self.executor.execute(plan, variables, headers)
        data = self.shaper.shape(plan, state.data, state.errors, introspection)
        if state.errors:
            return {"data": data, "errors": state.errors}
        return {"data": data}

    def _introspect(
        self, prepared: PreparedOperation, variables: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        assert prepared.introspection is not None
        result = execute_sync(
            self.api_schema, prepared.introspection, variable_values=dict(variables or {})
        )
        return result.data or {}

    async def health(self) -> dict[str, Any]:
        names = list(self.clients)
        reachable = await asyncio.gather(
            *(self.clients[n].ping(self.config.health_timeout) for n in names)
        )
        subgraphs: dict[str, dict[str, Any]] = {}
        for name, ok in zip(names, reachable, strict=True):
            subgraphs[name] = {"url": self.subgraph_url(name), "reachable": ok}
            breaker = self.clients[name].breaker
            if breaker is not None:
                subgraphs[name]["circuit"] = breaker.state.value
        status = "ok" if all(reachable) else "degraded"
        return {"status": status, "ready": self.started, "subgraphs": subgraphs}


DEFER_BAD_HEADER = "DEFER_BAD_HEADER"
DEFER_ACCEPT = "multipart/mixed;deferSpec=20220824"


def defer_not_accepted(kind: OperationType) -> RequestError:
    """`@defer` outside the one transport that delivers it (Apollo Router's refusal)."""
    if kind is not OperationType.QUERY:
        message = "@defer is only supported in queries"
        return RequestError([graphql_error(message, BAD_USER_INPUT)])
    message = (
        "The operation uses @defer but the client does not accept multipart/mixed "
        f"responses: send the header 'Accept: {DEFER_ACCEPT}, application/json'"
    )
    return RequestError([graphql_error(message, DEFER_BAD_HEADER)], status=406)


def _located(error: GraphQLError) -> dict[str, Any]:
    formatted: dict[str, Any] = {"message": error.message}
    if error.locations:
        formatted["locations"] = [
            {"line": loc.line, "column": loc.column} for loc in error.locations
        ]
    formatted["extensions"] = {"code": BAD_USER_INPUT}
    return formatted


def _limit_error(exc: OperationLimitExceeded) -> RequestError:
    return RequestError([graphql_error(exc.message, exc.code, **exc.extensions)])


def planning_failed(error: PlanningError, request_id: str) -> dict[str, Any]:
    """The client's refusal for an operation no plan serves; logged, with the planner's
    traceback only when a bug (not the supergraph) was the reason."""
    logger.warning(
        "query planning failed (request %s): %s",
        request_id,
        error.message,
        exc_info=error.__cause__ is not None,
    )
    return graphql_error(error.message, error.code, requestId=request_id)


def _select_operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        for operation in operations:
            if operation.name and operation.name.value == operation_name:
                return operation
        raise bad_request(f"Unknown operation named '{operation_name}'")
    if len(operations) != 1:
        raise bad_request("Must provide operation name if query contains multiple operations")
    return operations[0]


def _introspection_document(
    document: DocumentNode, operation: OperationDefinitionNode
) -> DocumentNode | None:
    if operation.operation is not OperationType.QUERY:
        return None
    fields = [
        s
        for s in operation.selection_set.selections
        if isinstance(s, FieldNode) and s.name.value in ("__schema", "__type")
    ]
    if not fields:
        return None
    only = OperationDefinitionNode(
        operation=OperationType.QUERY,
        name=operation.name,
        variable_definitions=operation.variable_definitions,
        directives=(),
        selection_set=SelectionSetNode(selections=tuple(fields)),
    )
    fragments = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
    return DocumentNode(definitions=(only, *fragments))
