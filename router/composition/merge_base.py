"""State and helpers shared by the merge steps: issues, mismatch wording, descriptions,
applied directives, type references and default values."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from graphql import ListTypeNode, NamedTypeNode, NonNullTypeNode, TypeNode, print_ast

from router.composition.federation import Metadata
from router.composition.issues import CompositionIssue, join_strings, subgraph_names
from router.composition.merge_auth import AUTH_DIRECTIVES, merge_auth
from router.composition.subgraph import Directive, Element, Field, InputValue, Subgraph, base_name
from router.composition.supergraph import Applied, Graph, SField, SInputValue, SType, value_str

Position = Literal["Input", "Output", "Both"]
MERGED_BUILTINS = ("deprecated", "specifiedBy")
# Federation directives the supergraph carries under their own @link (printer.FEATURE_LINKS).
_FEATURES = ("tag", "inaccessible", *AUTH_DIRECTIVES)
NON_REPEATABLE_DEFAULTS = {"deprecated": (("reason", '"No longer supported"'),)}


class Typed(Protocol):
    @property
    def type(self) -> TypeNode: ...


@dataclass
class EnumUsage:
    position: Position
    examples: dict[str, str] = field(default_factory=dict)


def graph_enum_values(names: Sequence[str]) -> list[str]:
    def sanitize(name: str) -> str:
        out = re.sub(r"\W", "_", name, flags=re.ASCII)
        if re.match(r"^\d", out):
            out = "_" + out
        if re.search(r"_\d+$", out):
            out += "_"
        return out.upper()

    sanitized = [sanitize(n) for n in names]
    counts: dict[str, int] = {}
    result = []
    for value in sanitized:
        if sanitized.count(value) == 1:
            result.append(value)
        else:
            counts[value] = counts.get(value, 0) + 1
            result.append(f"{value}_{counts[value]}")
    return result


class MergeBase:
    def __init__(self, subgraphs: Sequence[Subgraph], metas: Sequence[Metadata]) -> None:
        self.subs = list(subgraphs)
        self.metas = list(metas)
        self.names = [s.name for s in self.subs]
        self.graph_values = graph_enum_values(self.names)
        self.graphs = [
            Graph(v, s.name, s.url) for v, s in zip(self.graph_values, self.subs, strict=True)
        ]
        self.issues: list[CompositionIssue] = []
        self.hints: list[str] = []
        self.types: dict[str, SType] = {}
        self.roots: dict[str, str] = {}
        self.enum_usage: dict[str, EnumUsage] = {}
        self.pending: list[tuple[list[str], list[Element | None], list[Applied]]] = []
        self.features: list[str] = []
        self.description: str | None = None
        for sub in self.subs:
            for feature in ("tag", "inaccessible", *AUTH_DIRECTIVES):
                if feature not in self.features and sub.uses(feature):
                    self.features.append(feature)

    # -- reporting -----------------------------------------------------------------------
    def error(
        self,
        code: str,
        message: str,
        subgraphs: Sequence[str] = (),
        type_name: str | None = None,
        field_name: str | None = None,
    ) -> None:
        self.issues.append(CompositionIssue(code, message, tuple(subgraphs), type_name, field_name))

    def distribution(
        self,
        values: Sequence[str | None],
        supergraph_value: str | None,
        printer: Callable[[str, str], str] = lambda v, n: f"{v} in {n}",
    ) -> list[str]:
        groups: dict[str, list[str]] = {}
        for name, value in zip(self.names, values, strict=True):
            if value is not None:
                groups.setdefault(value, []).append(name)
        ordered = []
        if supergraph_value in groups:
            ordered.append((supergraph_value, groups.pop(supergraph_value)))
        ordered.extend(groups.items())
        return [printer(v, subgraph_names(n)) for v, n in ordered]

    def mismatch_error(
        self,
        code: str,
        message: str,
        values: Sequence[str | None],
        supergraph_value: str | None,
        type_name: str | None,
        field_name: str | None = None,
    ) -> None:
        text = message + join_strings(self.distribution(values, supergraph_value), " and ", " but ")
        involved = [n for n, v in zip(self.names, values, strict=True) if v is not None]
        self.error(code, text, involved, type_name, field_name)

    def present(self, sources: Sequence[object | None]) -> list[str]:
        return [n for n, s in zip(self.names, sources, strict=True) if s is not None]

    # -- descriptions --------------------------------------------------------------------
    def merge_description(self, descriptions: Sequence[str | None]) -> str | None:
        seen: list[str] = []
        counts: list[int] = []
        for d in descriptions:
            if d is None:
                continue
            if d in seen:
                counts[seen.index(d)] += 1
            else:
                seen.append(d)
                counts.append(-(10**9) if d == "" else 1)
        if not seen:
            return None
        non_empty = [d for d in seen if d]
        if len(seen) > 1 and len(non_empty) == 1:
            return non_empty[0]
        return seen[counts.index(max(counts))]

    # -- applied directives --------------------------------------------------------------
    def merged_name(self, directive: Directive) -> str | None:
        if directive.fed in _FEATURES and directive.fed in self.features:
            return directive.fed
        if directive.fed is None and directive.name in MERGED_BUILTINS:
            return directive.name
        return None

    def to_applied(self, directive: Directive) -> Applied:
        name = self.merged_name(directive) or directive.name
        return Applied(name, tuple((k, value_str(v)) for k, v in directive.args.items()))

    def record_directives(self, sources: Sequence[Element | None], dest: list[Applied]) -> None:
        """@inaccessible is merged at once (later steps look at it); the rest at the end, after
        the join directives, which is where Apollo prints them."""
        names: list[str] = []
        for source in sources:
            for d in source.directives if source is not None else ():
                name = self.merged_name(d)
                if name is not None and name not in names:
                    names.append(name)
        if "inaccessible" in names:
            names.remove("inaccessible")
            self.merge_applied("inaccessible", sources, dest)
        self.pending.append((names, list(sources), dest))

    def merge_pending(self) -> None:
        for names, sources, dest in self.pending:
            for name in names:
                self.merge_applied(name, sources, dest)
        self.pending = []

    def merge_applied(
        self, name: str, sources: Sequence[Element | None], dest: list[Applied]
    ) -> None:
        applications = [
            [self.to_applied(d) for d in s.directives if self.merged_name(d) == name]
            for s in sources
            if s is not None
        ]
        applications = [a for a in applications if a]
        if not applications:
            return
        if name in AUTH_DIRECTIVES:
            own = [d for s in sources if s is not None for d in s.directives if d.fed == name]
            dest.append(merge_auth(name, own))
            return
        if name == "tag":
            seen: set[Applied] = set()
            for apps in applications:
                for app in apps:
                    if app not in seen:
                        seen.add(app)
                        dest.append(app)
            return
        distinct: list[Applied] = []
        counts: list[int] = []
        for apps in applications:
            key = _with_defaults(apps[0])
            keys = [_with_defaults(d) for d in distinct]
            if key in keys:
                counts[keys.index(key)] += 1
            else:
                distinct.append(apps[0])
                counts.append(1)
        dest.append(distinct[counts.index(max(counts))])

    # -- types ---------------------------------------------------------------------------
    def same_type(self, a: TypeNode, b: TypeNode) -> bool:
        return print_ast(a) == print_ast(b)

    def is_subtype(self, t: TypeNode, maybe: TypeNode) -> bool:
        return self.same_type(t, maybe) or self.is_strict_subtype(t, maybe)

    def is_strict_subtype(self, t: TypeNode, maybe: TypeNode) -> bool:
        if isinstance(maybe, ListTypeNode):
            return isinstance(t, ListTypeNode) and self.is_subtype(t.type, maybe.type)
        if isinstance(maybe, NonNullTypeNode):
            if isinstance(t, NonNullTypeNode):
                return self.is_subtype(t.type, maybe.type)
            return self.is_subtype(t, maybe.type)
        if not isinstance(t, NamedTypeNode) or not isinstance(maybe, NamedTypeNode):
            return False
        parent = self.types.get(t.name.value)
        child = self.types.get(maybe.name.value)
        if parent is None or child is None:
            return False
        if parent.kind == "union":
            return child.kind == "object" and child.name in parent.members
        return child.kind in ("object", "interface") and parent.name in child.interfaces

    def merge_type_reference(
        self,
        sources: Sequence[Typed | None],
        dest: SField | SInputValue,
        coordinate: str,
        type_name: str,
        field_name: str | None,
        *,
        is_input: bool,
        is_argument: bool = False,
    ) -> bool:
        dest_type: TypeNode | None = None
        has_subtypes = incompatible = False
        for source in sources:
            if source is None:
                continue
            t = source.type
            if dest_type is None or self.same_type(dest_type, t):
                dest_type = t
            elif self.is_strict_subtype(dest_type, t):
                has_subtypes = True
                dest_type = t if is_input else dest_type
            elif self.is_strict_subtype(t, dest_type):
                has_subtypes = True
                dest_type = dest_type if is_input else t
            else:
                incompatible = True
        assert dest_type is not None
        dest.type = dest_type
        self._record_enum_usage(base_name(dest_type), "Input" if is_input else "Output", coordinate)
        element = "argument" if is_argument else "field"
        if incompatible:
            self.mismatch_error(
                "ARGUMENT_TYPE_MISMATCH" if is_argument else "FIELD_TYPE_MISMATCH",
                f'Type of {element} "{coordinate}" is incompatible across subgraphs: it has ',
                [None if s is None else f'type "{print_ast(s.type)}"' for s in sources],
                f'type "{print_ast(dest_type)}"',
                type_name,
                field_name,
            )
            return False
        if has_subtypes:
            self.hints.append(
                f'Type of {element} "{coordinate}" is inconsistent but compatible across subgraphs'
            )
            return False
        return True

    def _record_enum_usage(self, name: str, position: Position, coordinate: str) -> None:
        target = self.types.get(name)
        if target is None or target.kind != "enum":
            return
        existing = self.enum_usage.get(name)
        merged: Position = position if existing is None or existing.position == position else "Both"
        usage = EnumUsage(merged, dict(existing.examples) if existing else {})
        usage.examples.setdefault(position, coordinate)
        self.enum_usage[name] = usage

    def merge_default_value(
        self,
        sources: Sequence[InputValue | None],
        dest: SInputValue,
        kind: str,
        coordinate: str,
        type_name: str,
        field_name: str | None,
    ) -> None:
        dest_default: str | None = None
        seen = inconsistent = incompatible = False
        for source in sources:
            if source is None:
                continue
            value = value_str(source.default) if source.default is not None else None
            if dest_default is None:
                dest_default = value
                inconsistent = inconsistent or (seen and value is not None)
            elif dest_default != value:
                inconsistent = True
                incompatible = incompatible or value is not None
            seen = True
        if not inconsistent or incompatible:
            dest.default = dest_default
        if incompatible:
            self.mismatch_error(
                "ARGUMENT_DEFAULT_MISMATCH"
                if kind == "Argument"
                else "INPUT_FIELD_DEFAULT_MISMATCH",
                f'{kind} "{coordinate}" has incompatible default values across subgraphs: it has ',
                [
                    None
                    if s is None
                    else f"default value {value_str(s.default)}"
                    if s.default is not None
                    else "no default value"
                    for s in sources
                ],
                f"default value {dest_default}",
                type_name,
                field_name,
            )

    def field_set_arg(self, field: Field, fed: str) -> str | None:
        for d in field.directives:
            if d.fed == fed:
                return d.string_arg("fields")
        return None


def _with_defaults(applied: Applied) -> Applied:
    defaults = NON_REPEATABLE_DEFAULTS.get(applied.name)
    if defaults and not applied.args:
        return Applied(applied.name, defaults)
    return applied
