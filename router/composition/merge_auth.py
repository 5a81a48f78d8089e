"""Merging the authorization directives (`@authenticated`, `@requiresScopes`, `@policy`)
of one element that several subgraphs define.

The router may resolve a shared field from any subgraph that defines it, so the supergraph
keeps every subgraph's requirement: `@authenticated` if any has it, and for scopes and
policies the conjunction of each subgraph's OR-of-AND-lists, written again as one
OR-of-AND-lists (the product of the alternatives, without duplicates or supersets).
"""

from __future__ import annotations

from collections.abc import Sequence

from graphql import ListValueNode, StringValueNode

from router.composition.subgraph import Directive
from router.composition.supergraph import Applied, quote, value_str

AUTH_DIRECTIVES = ("authenticated", "requiresScopes", "policy")
_ARGUMENT = {"requiresScopes": "scopes", "policy": "policies"}

Alternatives = list[frozenset[str]]


def _alternatives(directive: Directive, argument: str) -> Alternatives:
    value = directive.args.get(argument)
    found: Alternatives = []
    for group in value.values if isinstance(value, ListValueNode) else ():
        if isinstance(group, ListValueNode):
            names = [v.value for v in group.values if isinstance(v, StringValueNode)]
            found.append(frozenset(names))
    return found


def _and(left: Alternatives, right: Alternatives) -> Alternatives:
    product: Alternatives = []
    for a in left:
        for b in right:
            both = a | b
            if both not in product:
                product.append(both)
    # (a AND b) OR a is just a: an alternative that contains another one adds nothing.
    return [p for p in product if not any(q < p for q in product)]


def merge_auth(name: str, directives: Sequence[Directive]) -> Applied:
    """One application of `name` that asks for everything each of `directives` asks for."""
    argument = _ARGUMENT.get(name)
    if argument is None:
        return Applied(name)
    if len(directives) == 1 and argument in directives[0].args:
        return Applied(name, ((argument, value_str(directives[0].args[argument])),))
    merged: Alternatives | None = None
    for directive in directives:
        own = _alternatives(directive, argument)
        merged = own if merged is None else _and(merged, own)
    groups = ", ".join(
        "[" + ", ".join(quote(n) for n in sorted(group)) + "]" for group in merged or ()
    )
    return Applied(name, ((argument, f"[{groups}]"),))
