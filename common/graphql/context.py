"""The request context every resolver sees: caller, services, per-request loaders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from common.auth import Principal, Role, TokenVerifier
from common.errors import Forbidden, Unauthenticated
from common.graphql.limits import OperationLimits

S = TypeVar("S")
L = TypeVar("L")

_UNRESOLVED: Any = object()


class WriteScope(SchemaExtension):
    """Marks mutations on the context, so `require_viewer` can refuse read-only tokens.

    `build_schema` adds it; a schema built otherwise would add it the same way.

    ```python
    strawberry.federation.Schema(query=Query, mutation=Mutation, extensions=[WriteScope])
    ```
    """

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, RequestContext):
            context.operation_writes = (
                self.execution_context.operation_type is OperationType.MUTATION
            )
        yield


@dataclass
class RequestContext(Generic[S]):
    """`info.context` in every resolver: the caller, the subgraph's services, loaders.

    `S` is what the subgraph's `build` returned; type `Info` with it once.

    ```python
    Info = strawberry.Info[RequestContext[GoalsServices], None]

    async def my_goals(self, info: Info) -> list[GoalType]:
        viewer = await info.context.require_viewer()
        return [GoalType.from_doc(g) for g in await info.context.services.goals.of(viewer)]
    ```
    """

    request: Request | WebSocket
    services: S
    verifier: TokenVerifier
    authorization: str | None
    request_id: str
    # Filled by Strawberry from a WebSocket's connection_init payload.
    connection_params: dict[str, Any] | None = None
    # Set for mutations (by `WriteScope`): a read-only token may not act in them.
    operation_writes: bool = False
    # What `OperationLimiter` holds each operation to (the settings' `graphql_*` limits).
    limits: OperationLimits = field(default_factory=OperationLimits)
    _principal: Principal | None = field(default=_UNRESOLVED, repr=False)
    _loaders: dict[str, Any] = field(default_factory=dict, repr=False)

    async def viewer(self) -> Principal | None:
        """The verified caller, or None without a token. A bad token is an error, not anonymity.

        ```python
        viewer = await info.context.viewer()
        show_private = viewer is not None and viewer.user_id == owner_id
        ```
        """
        if self._principal is _UNRESOLVED:
            self._principal = await self.verifier.verify_header(self.authorization)
        return self._principal

    async def require_viewer(self) -> Principal:
        """The caller, or `Unauthenticated`; in a mutation, `Forbidden` for a read-only token.

        ```python
        viewer = await info.context.require_viewer()
        ```
        """
        principal = await self.viewer()
        if principal is None:
            raise Unauthenticated()
        # Every write needs a viewer, so checking here covers every mutation of every subgraph.
        if self.operation_writes and not principal.may("write"):
            raise Forbidden("This token may only read.", scope="write")
        return principal

    async def require_role(self, role: Role) -> Principal:
        """The caller if they hold `role` (admins hold moderator's too), else `Forbidden`.

        ```python
        moderator = await info.context.require_role(Role.MODERATOR)
        ```
        """
        principal = await self.require_viewer()
        if not principal.has_role(role):
            raise Forbidden(f"This needs the {role.value} role.")
        return principal

    def set_principal(self, principal: Principal | None) -> None:
        """Set the caller verified elsewhere (a socket's `connection_init` token).

        ```python
        context.set_principal(await context.verifier.verify_header(authorization))
        ```
        """
        self._principal = principal

    def loader(self, name: str, factory: Callable[[], L]) -> L:
        """A DataLoader that lives for this request only, so caches never leak between users.

        `factory` runs once per request and `name`; on a WebSocket, once per call.

        ```python
        loader = info.context.loader("goals.by_id", lambda: batch_loader(goals.get_many))
        ```
        """
        if isinstance(self.request, WebSocket):
            # A WebSocket's context lives as long as the connection: a cached loader
            # would serve every later subscription event stale data.
            return factory()
        if name not in self._loaders:
            self._loaders[name] = factory()
        loader: L = self._loaders[name]
        return loader
