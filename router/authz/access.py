"""What one request's viewer may see: authenticated or not, token scopes, policies granted."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass

from common.auth import Principal
from router.authz.rules import Requirement

# Given the policies an operation's `@policy` directives name and the verified viewer
# (None: anonymous), answers which of them the viewer satisfies.
PolicyHook = Callable[[frozenset[str], Principal | None], Awaitable[Iterable[str]]]


@dataclass(frozen=True, slots=True)
class Access:
    authenticated: bool = False
    scopes: frozenset[str] = frozenset()
    policies: frozenset[str] = frozenset()

    def allows(self, requirement: Requirement) -> bool:
        return requirement.met_by(self.authenticated, self.scopes, self.policies)

    def verdicts(self, requirements: Collection[Requirement]) -> tuple[bool, ...]:
        """Which of `requirements` hold: with the operation, this decides the plan."""
        return tuple(self.allows(r) for r in requirements)


ANONYMOUS = Access()


async def access_for(
    viewer: Principal | None, policies: frozenset[str], hook: PolicyHook | None
) -> Access:
    """The viewer's access; `hook` is asked only about `policies` (none asked: none granted).

    Scopes are the token's `scope` claim, as Apollo Router reads them: a member's own
    sign-in carries none, so it meets `@authenticated` but no `@requiresScopes`.
    """
    granted: frozenset[str] = frozenset()
    if policies and hook is not None:
        granted = frozenset(await hook(policies, viewer)) & policies
    if viewer is None:
        return Access(policies=granted) if granted else ANONYMOUS
    return Access(True, viewer.scopes or frozenset(), granted)
