"""The router's request path, transport-free: prepare, plan, execute, shape."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Mapping
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

from common.auth import Principal
from common.graphql.cost import CostEstimator, uses_variable_page_sizes
from common.graphql.limits import (
    OperationLimitExceeded,
    check_cost,
    check_input_items,
    check_operations,
    off_loop_if_long,
    parse_document,
)
from common.graphql.measures import Measures, fragment_definitions
from common.lru import LruCache
from router.api_schema import build_api_schema
from router.authz import Access, AccessRules, Requirement, access_for, withhold
from router.authz.access import ANONYMOUS
from router.authz.withhold import requirements_in
from router.config import RouterConfig
from router.defer.split import uses_defer
from router.edge.gate import Edge
from router.edge.metrics import RouterMetrics
from router.edge.tracing import FetchTelemetry, Tracing
from router.executor import PlanExecutor, ResponseShaper, SubgraphClient
from router.executor.breaker import CircuitState
from router.executor.errors import BAD_USER_INPUT, graphql_error
from router.executor.inprocess import AsgiTransport
from router.planner import PlanningError, QueryPlan, QueryPlanner
from router.planner.operation import Normalizer, SSelection, Withholding
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
    # From the limits' walk of the document; planning reads it instead of walking again.
    measures: Measures
    # By @skip/@include flags, and by the viewer's authorization verdicts when it has any.
    plans: dict[Any, QueryPlan] = field(default_factory=dict)
    # By @skip/@include flags: the authorization requirements its fields meet (router/authz).
    requirements: dict[tuple[bool, ...], list[Requirement]] = field(default_factory=dict)
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
    def __init__(self, config: RouterConfig, previous: Router | None = None) -> None:
        """`previous`: the router this one replaces on a reload (router/reload.py); its
        edge state, metrics and unchanged subgraph connections carry over."""
        self.config = config
        self.previous = previous
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
        self.access_rules = (
            AccessRules.from_sdl(config.supergraph_sdl, self.supergraph.possible_types)
            if config.authorization_directives
            else AccessRules({}, {}, {})
        )
        self.shaper = ResponseShaper(self.api_schema)
        self.operations: LruCache[tuple[str, str | None], PreparedOperation] = LruCache(
            config.plan_cache_size
        )
        self.clients: dict[str, SubgraphClient] = {}
        self._executor: PlanExecutor | None = None
        self.metrics: RouterMetrics = previous.metrics if previous else RouterMetrics()
        self.tracing: Tracing = previous.tracing if previous else Tracing(config.tracer_provider)
        self.edge: Edge = previous.edge if previous else Edge(config)
        # Operations running in `execute`: a replaced router closes its connections
        # only once they are done.
        self.running = 0
        self._idle = asyncio.Event()
        self._idle.set()
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
        kept = self._unchanged_clients()
        self.clients = {
            name: kept.get(name)
            or SubgraphClient(
                name,
                self.subgraph_url(name),
                self.config.timeout_for(name),
                max_connections=self.config.max_connections_per_subgraph,
                observer=telemetry,
                headers=self.config.subgraph_headers,
                deduplicate=self.config.deduplicate_subgraph_requests,
                breaker=self.config.circuit_breaker,
                retry=self.config.retry,
                transport=self._in_process(name),
            )
            for name in self.supergraph.subgraphs
        }
        states = tuple(state.value for state in CircuitState)
        for name, client in self.clients.items():
            if (breaker := client.breaker) is not None:
                self.metrics.watch_circuit(name, states, breaker.state_name)
        rules = dataclasses.replace(
            self.config.header_rules,
            protected=frozenset(name.lower() for name in self.config.subgraph_headers),
        )
        self._executor = PlanExecutor(self.supergraph, self.clients, rules)
        if self.previous is None:
            await self.edge.start()

    def _unchanged_clients(self) -> dict[str, SubgraphClient]:
        """The replaced router's connections to subgraphs still at the same URL: their
        pools, breakers and retry budgets carry on across a reload."""
        if self.previous is None:
            return {}
        return {
            name: client
            for name, client in self.previous.clients.items()
            if name in self.supergraph.subgraphs
            and client.url == self.subgraph_url(name)
            and client.timeout == self.config.timeout_for(name)
        }

    async def retire(self, successor: Router, grace: float) -> None:
        """Replaced by `successor`: once the operations still running here are done (or
        after `grace` seconds), close the connections the successor did not take over."""
        self.previous = None
        try:
            async with asyncio.timeout(grace):
                await self._idle.wait()
        except TimeoutError:
            logger.warning("%d operations still running on the replaced supergraph", self.running)
        kept = {id(client) for client in successor.clients.values()}
        clients, self.clients, self._executor = self.clients, {}, None
        await asyncio.gather(*(c.close() for c in clients.values() if id(c) not in kept))

    def _in_process(self, name: str) -> AsgiTransport | None:
        url = self.subgraph_url(name)
        local = self.config.in_process_subgraphs.get(url)
        if local is None:
            return None
        return AsgiTransport(local.app, url, root_path=local.root_path, direct=local.direct)

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
            measured = check_operations(document, limits)
        except GraphQLSyntaxError as exc:
            raise RequestError([_located(exc)]) from exc
        except OperationLimitExceeded as exc:
            raise _limit_error(exc) from exc
        errors = validate(self.api_schema, document, self._rules)
        if errors:
            raise RequestError([_located(e) for e in errors])
        operation = _select_operation(document, operation_name)
        measures = measured.of(operation)
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
            condition_variables=tuple(sorted(measures.conditions)),
            introspection=_introspection_document(document, operation),
            measures=measures,
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

    def plan_for(
        self,
        prepared: PreparedOperation,
        variables: Mapping[str, Any],
        access: Access = ANONYMOUS,
    ) -> QueryPlan:
        """The plan for these variables, without the fields `access` does not allow."""
        if prepared.deferred:
            raise defer_not_accepted(prepared.kind)
        key, restrict = self.authorization(prepared, variables, access)
        plan = prepared.plans.get(key)
        self.metrics.plan_lookup(hit=plan is not None)
        if plan is None:
            with self.tracing.plan():
                plan = self.planner.plan(
                    prepared.operation,
                    prepared.fragments,
                    variables,
                    prepared.measures,
                    restrict,
                )
            prepared.plans[key] = plan
        return plan

    def authorization(
        self, prepared: PreparedOperation, variables: Mapping[str, Any], access: Access
    ) -> tuple[Any, Callable[[str, list[SSelection]], Withholding] | None]:
        """What plans of `prepared` for these variables and `access` are cached by, and what
        takes refused fields out before planning (None: no rules, nothing to take out)."""
        flags = tuple(bool(variables.get(name)) for name in prepared.condition_variables)
        if not self.access_rules:
            return flags, None
        verdicts = access.verdicts(self._requirements(prepared, variables, flags))
        return (flags, verdicts), self._withholder(access)

    async def access_for(
        self, prepared: PreparedOperation, variables: Mapping[str, Any], viewer: Principal | None
    ) -> Access:
        """What the viewer may see of this operation (the policy hook asked if it must be)."""
        if not self.access_rules:
            return ANONYMOUS
        flags = tuple(bool(variables.get(name)) for name in prepared.condition_variables)
        policies: set[str] = set()
        for requirement in self._requirements(prepared, variables, flags):
            policies |= requirement.policy_names()
        return await access_for(viewer, frozenset(policies), self.config.policy_hook)

    def _requirements(
        self, prepared: PreparedOperation, variables: Mapping[str, Any], flags: tuple[bool, ...]
    ) -> list[Requirement]:
        found = prepared.requirements.get(flags)
        if found is None:
            root_type = self.planner.root_type(prepared.kind.value)
            selections = Normalizer(prepared.fragments, variables).selections(
                prepared.operation.selection_set
            )
            found = requirements_in(self.api_schema, self.access_rules, root_type, selections)
            prepared.requirements[flags] = found
        return found

    def _withholder(self, access: Access) -> Callable[[str, list[SSelection]], Withholding]:
        def restrict(root_type: str, selections: list[SSelection]) -> Withholding:
            return withhold(
                self.api_schema, self.access_rules, access.allows, root_type, selections
            )

        return restrict

    def coerce_variables(
        self, prepared: PreparedOperation, raw: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        """The request's variables, size-checked and coerced; page sizes they set are held
        to the cost limit."""
        try:
            check_input_items(raw or {}, self.limits)
        except OperationLimitExceeded as exc:
            raise _limit_error(exc) from exc
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
        viewer: Principal | None = None,
        client_headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Run one operation, all of it on this router's supergraph, even if a reload
        replaces it meanwhile; `viewer` (verified, None: anonymous) meets the supergraph's
        authorization directives or has the fields they guard withheld; `client_headers`
        feed the header rules."""
        self.running += 1
        self._idle.clear()
        try:
            return await self._execute(
                request, headers, allow_mutations, request_id, info, viewer, client_headers
            )
        finally:
            self.running -= 1
            if not self.running:
                self._idle.set()

    async def _execute(
        self,
        request: GraphQLRequest,
        headers: Mapping[str, str],
        allow_mutations: bool,
        request_id: str,
        info: RequestInfo | None,
        viewer: Principal | None,
        client_headers: Mapping[str, str] | None,
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
        access = await self.access_for(prepared, variables, viewer)
        try:
            plan = self.plan_for(prepared, variables, access)
        except PlanningError as exc:
            return {"data": None, "errors": [planning_failed(exc, request_id)]}
        introspection = None
        if prepared.introspection is not None:
            introspection = self._introspect(prepared, request.variables)
        state = await self.executor.execute(plan, variables, headers, client_headers)
        errors = [*plan_refusals(plan), *state.errors]
        data = self.shaper.shape(plan, state.data, errors, introspection)
        if errors:
            return {"data": data, "errors": errors}
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


def plan_refusals(plan: QueryPlan) -> list[dict[str, Any]]:
    """The plan's authorization errors, copied: a response's errors are its own."""
    return [{**e, "path": list(e["path"])} for e in plan.refusals]


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
