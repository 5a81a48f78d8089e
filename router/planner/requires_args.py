"""Which client fields must be fetched under their own alias because a `@requires` may
ask the same subgraph for the same field with other arguments.

`comments(limit: 1)` from the client and `comments(limit: 3)` from
`@requires(fields: "comments(limit: 3) { text }")` are different fields. The required one
keeps its plain name (representations are read by field name); the client's is sent
under a reserved alias and mapped back by the shaper, so the two never merge, whichever
is planned first.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import FieldNode, SelectionSetNode

from router.supergraph.model import Supergraph


@dataclass(frozen=True, slots=True)
class RequiredArguments:
    # every field name inside any @requires field set
    required: frozenset[str]
    # those of them that a @requires passes arguments to
    with_arguments: frozenset[str]

    def must_alias(self, name: str, has_arguments: bool) -> bool:
        """Whether a client field could differ in arguments from a required same-named one."""
        return name in self.with_arguments or (has_arguments and name in self.required)


def required_arguments(supergraph: Supergraph) -> RequiredArguments:
    required: set[str] = set()
    with_arguments: set[str] = set()
    for info in supergraph.types.values():
        for field in info.fields.values():
            for source in field.sources.values():
                if source.requires is not None:
                    _collect(source.requires, required, with_arguments)
    return RequiredArguments(frozenset(required), frozenset(with_arguments))


def _collect(selection_set: SelectionSetNode, names: set[str], with_args: set[str]) -> None:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
            if selection.arguments:
                with_args.add(selection.name.value)
        nested = getattr(selection, "selection_set", None)
        if isinstance(nested, SelectionSetNode):
            _collect(nested, names, with_args)
