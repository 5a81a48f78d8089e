"""Authorization directives of the supergraph (`@authenticated`, `@requiresScopes`,
`@policy`), enforced by the router before any subgraph is called."""

from router.authz.access import Access, PolicyHook, access_for
from router.authz.rules import AccessRules, Requirement
from router.authz.withhold import UNAUTHORIZED_FIELD_OR_TYPE, withhold

__all__ = [
    "UNAUTHORIZED_FIELD_OR_TYPE",
    "Access",
    "AccessRules",
    "PolicyHook",
    "Requirement",
    "access_for",
    "withhold",
]
