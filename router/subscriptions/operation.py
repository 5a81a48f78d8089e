"""One client operation on a socket: a subscription through a subgraph, or a single result."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from graphql import OperationType

from common.auth import Principal
from router.executor.errors import INTERNAL, SUBGRAPH_UNAVAILABLE, from_subgraph, graphql_error
from router.planner import PlanningError, QueryPlan
from router.service import GraphQLRequest, RequestError, Router, planning_failed
from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.events import Completed, Dropped, EventInbox, Failed, Next
from router.subscriptions.framing import Framing
from router.subscriptions.outbox import Outbox
from router.subscriptions.pool import Subscribed
from router.subscriptions.protocol import SubscribePayload, encode
from router.subscriptions.shared import (
    Credentials,
    SharedResolutions,
    event_key,
    fetched_services,
    shareable,
)
from router.subscriptions.upstream import UpstreamSink, UpstreamUnavailable

logger = logging.getLogger("router.subscriptions")


class OperationSession(Protocol):
    """What an operation uses of its socket's session (`ClientSession` is the one).

    A protocol rather than the class, so the session can import this module
    without this module importing it back.
    """

    router: Router
    config: SubscriptionConfig
    request_id: str
    headers: dict[str, str]
    # The client's own headers (lower case), for the header rules (router/header_rules.py).
    client_headers: dict[str, str]
    credentials: Credentials | None
    # The verified viewer, for the supergraph's authorization directives (router/authz).
    principal: Principal | None
    shared: SharedResolutions
    outbox: Outbox

    @property
    def framing(self) -> Framing: ...

    def operation_ended(self, operation: ClientOperation) -> None: ...

    async def subscribe_upstream(
        self, service: str, payload: Mapping[str, Any], sink: UpstreamSink
    ) -> Subscribed: ...


class ClientOperation:
    def __init__(self, session: OperationSession, op_id: str, payload: SubscribePayload) -> None:
        self.session = session
        self.id = op_id
        self.payload = payload
        self.router = session.router

    def _internal(self) -> list[dict[str, Any]]:
        rid = self.session.request_id
        return [graphql_error("Internal server error", INTERNAL, requestId=rid)]

    def _send(self, text: str) -> None:
        self.session.outbox.put(text)

    def _fail(self, errors: list[dict[str, Any]]) -> None:
        self._send(self.session.framing.error(self.id, errors))

    def _next(self, encoded_result: str) -> None:
        self._send(self.session.framing.next(self.id, encoded_result))

    def _complete(self) -> None:
        self._send(self.session.framing.complete(self.id))

    async def run(self) -> None:
        try:
            await self._run()
        except RequestError as exc:
            self._fail(exc.errors)
        except UpstreamUnavailable as exc:
            self._fail([graphql_error(exc.message, exc.code)])
        except PlanningError as exc:
            self._fail([planning_failed(exc, self.session.request_id)])
        except Exception:
            logger.exception("operation %s failed (request %s)", self.id, self.session.request_id)
            self._fail(self._internal())
        finally:
            self.session.operation_ended(self)

    async def _run(self) -> None:
        payload, router = self.payload, self.router
        query, name = payload["query"], payload.get("operationName")
        prepared = await router.prepare_async(query, name)
        if prepared.kind is not OperationType.SUBSCRIPTION:
            request = GraphQLRequest(query, name, payload.get("variables"))
            result = await router.execute(
                request,
                self.session.headers,
                request_id=self.session.request_id,
                viewer=self.session.principal,
                client_headers=self.session.client_headers,
            )
            self._next(encode(result))
            self._complete()
            return
        variables = router.coerce_variables(prepared, payload.get("variables"))
        access = await router.access_for(prepared, variables, self.session.principal)
        plan = router.plan_for(prepared, variables, access)
        await self._subscribe(plan, variables)

    async def _subscribe(self, plan: QueryPlan, variables: Mapping[str, Any]) -> None:
        root = plan.subscription_root
        if root is None:
            raise PlanningError("a subscription plan without a root fetch")
        config = self.session.config
        inline = self._inline_shaper(plan) if plan.node is None else None
        inbox = EventInbox(config.max_pending_events, inline)
        upstream_payload: dict[str, Any] = {
            "query": root.operation,
            "variables": {n: variables[n] for n in root.variable_names if n in variables},
        }
        if root.operation_name:
            upstream_payload["operationName"] = root.operation_name
        subscribed = await self.session.subscribe_upstream(root.service, upstream_payload, inbox)
        try:
            await self._relay(plan, variables, root.service, inbox)
        finally:
            await subscribed.stop()  # the upstream ends once no client operation wants it

    async def _relay(
        self, plan: QueryPlan, variables: Mapping[str, Any], service: str, inbox: EventInbox
    ) -> None:
        public = shareable(plan, self.session.config.shared_entity_subgraphs)
        async for event in inbox:
            if isinstance(event, Next):
                text = await self._resolved(plan, variables, event, public)
                self._next(text)
            elif isinstance(event, Completed):
                self._complete()
            elif isinstance(event, Failed):
                errors = [from_subgraph(error, service, _path(error)) for error in event.errors]
                self.router.shaper.client_paths(plan, errors)
                self._fail(errors)
            elif isinstance(event, Dropped):
                if event.code == SUBGRAPH_UNAVAILABLE:
                    message = f'Subgraph "{service}" closed the subscription'
                    self._fail([graphql_error(message, event.code, serviceName=service)])
                elif event.code == INTERNAL:
                    self._fail(self._internal())
                else:
                    self._fail([graphql_error(event.message, event.code)])

    async def _resolved(
        self, plan: QueryPlan, variables: Mapping[str, Any], event: Next, public: bool
    ) -> str:
        """The event's encoded result, shared with subscribers that would get the same."""
        session = self.session
        shared = session.shared
        credentials = session.credentials or ()
        # Public fetches go without credentials, nor the client's headers: the result is
        # every subscriber's.
        headers = {"x-request-id": session.request_id} if public else session.headers
        client_headers: Mapping[str, str] = {} if public else session.client_headers

        async def compute() -> str:
            return encode(await self._resolve(plan, variables, event, headers, client_headers))

        services = fetched_services(plan)
        if not public and shared.alone(credentials):
            return await shared.bounded(services, compute)
        key = event_key(plan, variables, event.payload, None if public else credentials)
        return await shared.resolve(key, services, compute)

    async def _resolve(
        self,
        plan: QueryPlan,
        variables: Mapping[str, Any],
        event: Next,
        headers: Mapping[str, str],
        client_headers: Mapping[str, str],
    ) -> dict[str, Any]:
        router = self.router
        state = await router.executor.execute_event(
            plan, event.payload, variables, headers, client_headers
        )
        data = router.shaper.shape(plan, state.data, state.errors)
        if state.errors:
            return {"data": data, "errors": state.errors}
        return {"data": data}

    def _inline_shaper(self, plan: QueryPlan) -> Callable[[dict[str, Any]], None]:
        """Shapes events whose plan needs no further fetch, inside the upstream reader."""
        service = plan.subscription_root.service if plan.subscription_root else ""
        shaper = self.router.shaper

        def deliver(payload: dict[str, Any]) -> None:
            data = payload.get("data")
            errors = [from_subgraph(e, service, _path(e)) for e in payload.get("errors") or ()]
            shaped = shaper.shape(plan, data if isinstance(data, dict) else {}, errors)
            result: dict[str, Any] = {"data": shaped}
            if errors:
                result["errors"] = errors
            self._next(encode(result))

        return deliver


def _path(error: Any) -> list[Any] | None:
    path = error.get("path") if isinstance(error, dict) else None
    return path if isinstance(path, list) else None
