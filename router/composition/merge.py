"""Merges validated subgraphs into a supergraph, following @apollo/composition's merge rules."""

from collections.abc import Sequence

from graphql import print_ast

from router.composition.federation import Metadata, is_resolvable
from router.composition.issues import human_list, subgraph_names
from router.composition.merge_override import FieldContext
from router.composition.merge_values import ValueMerging
from router.composition.subgraph import DEFAULT_ROOTS, NamedType, Subgraph
from router.composition.supergraph import (
    Applied,
    SField,
    SType,
    Supergraph,
    join_type,
    quote,
    value_str,
)

_KIND_NAMES = {
    "scalar": "Scalar Type",
    "object": "Object Type",
    "interface": "Interface Type",
    "union": "Union Type",
    "enum": "Enum Type",
    "input": "Input Object Type",
}


class Merger(ValueMerging):
    def merge(self) -> Supergraph:
        order = self.add_types_shallow()
        for name in order:
            if self.types[name].kind in ("object", "interface"):
                self.merge_implements(self.sources(name), self.types[name])
        for name in order:
            if self.types[name].kind == "union":
                self.merge_type(name)
        self.merge_schema_definition()
        for name in order:
            if self.types[name].kind not in ("union", "enum"):
                self.merge_type(name)
        for name in order:
            if name in self.types and self.types[name].kind == "enum":
                self.merge_type(name)
        if "query" not in self.roots:
            self.error(
                "NO_QUERIES",
                "No queries found in any subgraph: a supergraph must have a query root type.",
            )
        self.merge_pending()
        self.add_missing_interface_object_fields()
        if not self.issues:
            self.post_merge_validations()
        return Supergraph(self.graphs, self.types, self.roots, self.features, self.description)

    def kind_in(self, sub: Subgraph, meta: Metadata, t: NamedType) -> str:
        return "interface" if meta.is_interface_object(t) else t.kind

    def sources(self, name: str) -> list[NamedType | None]:
        kind = self.types[name].kind
        out: list[NamedType | None] = []
        for sub, meta in zip(self.subs, self.metas, strict=True):
            t = sub.type(name)
            out.append(t if t is not None and self.kind_in(sub, meta, t) == kind else None)
        return out

    def add_types_shallow(self) -> list[str]:
        order: list[str] = []
        mismatched: list[str] = []
        interface_objects: list[str] = []
        for sub, meta in zip(self.subs, self.metas, strict=True):
            for t in sub.types.values():
                kind = self.kind_in(sub, meta, t)
                if meta.is_interface_object(t) and t.name not in interface_objects:
                    interface_objects.append(t.name)
                if t.name not in self.types:
                    self.types[t.name] = SType(t.name, t.kind if kind == t.kind else "interface")
                    order.append(t.name)
                elif self.types[t.name].kind != kind and t.name not in mismatched:
                    mismatched.append(t.name)
        for name in mismatched:

            def describe(sub: Subgraph, meta: Metadata, name: str = name) -> str | None:
                t = sub.type(name)
                if t is None:
                    return None
                if meta.is_interface_object(t):
                    return "Interface Object Type (Object Type with @interfaceObject)"
                return _KIND_NAMES[t.kind]

            values = [describe(s, m) for s, m in zip(self.subs, self.metas, strict=True)]
            self.mismatch_error(
                "TYPE_KIND_MISMATCH",
                f'Type "{name}" has mismatched kind: it is defined as ',
                values,
                _KIND_NAMES[self.types[name].kind],
                name,
            )
        for name in interface_objects:
            if name in mismatched:
                continue
            if not any(_is_interface(s.type(name)) for s in self.subs):
                defining = [s.name for s in self.subs if s.type(name) is not None]
                self.error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'Type "{name}" is declared with @interfaceObject in all the subgraphs in which'
                    f" is is defined (it is defined in {subgraph_names(defining)} but should be"
                    " defined as an interface in at least one subgraph)",
                    defining,
                    name,
                )
        return order

    def merge_implements(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        for idx, source in enumerate(sources):
            for itf in source.interfaces if source is not None else ():
                if itf not in dest.interfaces:
                    dest.interfaces.append(itf)
                dest.directives.append(
                    Applied(
                        "join__implements",
                        (("graph", self.graph_values[idx]), ("interface", quote(itf))),
                    )
                )

    def merge_schema_definition(self) -> None:
        self.description = self.merge_description([s.schema_description for s in self.subs])
        for kind, default in DEFAULT_ROOTS.items():
            for sub in self.subs:
                root = sub.type(sub.roots.get(kind, ""))
                if root is not None and root.fields:
                    self.roots[kind] = default
                    break

    def is_root(self, name: str) -> bool:
        return name in self.roots.values()

    def merge_type(self, name: str) -> None:
        dest = self.types[name]
        sources = self.sources(name)
        if not (dest.kind == "object" and self.is_root(name)):
            self.check_extension_with_no_base(sources, name)
        dest.description = self.merge_description([s.description if s else None for s in sources])
        self.add_join_type(sources, dest)
        self.record_directives(sources, dest.directives)
        if dest.kind == "object":
            self.merge_object(sources, dest)
        elif dest.kind == "interface":
            self.merge_interface(sources, dest)
        elif dest.kind == "union":
            self.merge_union(sources, dest)
        elif dest.kind == "enum":
            self.merge_enum(sources, dest)
        elif dest.kind == "input":
            self.merge_input(sources, dest)

    def check_extension_with_no_base(self, sources: Sequence[NamedType | None], name: str) -> None:
        present = [(i, s) for i, s in enumerate(sources) if s is not None]
        if any(s.definition_blocks for _, s in present):
            return
        for idx, _ in (p for p in present if p[1].extension_blocks):
            sub = self.names[idx]
            self.error(
                "EXTENSION_WITH_NO_BASE",
                f'[{sub}] Type "{name}" is an extension type, but there is no type definition for'
                f' "{name}" in any subgraph.',
                [sub],
                name,
            )

    def add_join_type(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        for idx, source in enumerate(sources):
            if source is None:
                continue
            graph = self.graph_values[idx]
            interface_object = self.metas[idx].is_interface_object(source)
            keys = source.applied("key")
            if not keys:
                dest.directives.append(join_type(graph, interface_object=interface_object))
            extends = bool(source.applied("extends"))
            for key in keys:
                resolvable = key.args.get("resolvable")
                dest.directives.append(
                    join_type(
                        graph,
                        key.string_arg("fields") or "",
                        extension=extends or key.block in source.extension_blocks,
                        resolvable=value_str(resolvable) if resolvable is not None else None,
                        interface_object=interface_object,
                    )
                )

    def add_fields_shallow(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        for source in sources:
            for name in source.fields if source is not None else ():
                if name not in dest.fields:
                    dest.fields[name] = SField(name)

    def merge_object(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        self.add_fields_shallow(sources, dest)
        if not dest.fields:
            del self.types[dest.name]
            return
        subscription = self.roots.get("subscription") == dest.name
        for name, dest_field in dest.fields.items():
            fields = [s.fields.get(name) if s is not None else None for s in sources]
            ctx = self.validate_override(fields, dest.name, name)
            if subscription:
                self.validate_subscription_field(fields, dest.name, name)
            self.merge_field(fields, dest_field, ctx, dest.name)
            self.validate_field_sharing(fields, dest_field, ctx, dest.name)

    def merge_interface(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        self.validate_interface_keys(sources, dest)
        self.validate_interface_objects(sources, dest)
        self.add_fields_shallow(sources, dest)
        for name, dest_field in dest.fields.items():
            fields = [s.fields.get(name) if s is not None else None for s in sources]
            ctx = self.validate_override(fields, dest.name, name)
            self.merge_field(fields, dest_field, ctx, dest.name)

    def implementations(self, interface: str) -> list[str]:
        return [
            t.name for t in self.types.values() if t.kind == "object" and interface in t.interfaces
        ]

    def validate_interface_keys(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        supergraph_impls = self.implementations(dest.name)
        for idx, source in enumerate(sources):
            if source is None or source.kind != "interface":
                continue
            resolvable = [k for k in source.applied("key") if is_resolvable(k)]
            if not resolvable:
                continue
            local = {t.name for t in self.subs[idx].implementations(dest.name)}
            missing = [n for n in supergraph_impls if n not in local]
            if missing:
                sub = self.names[idx]
                self.error(
                    "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                    f'[{sub}] Interface type "{dest.name}" has a resolvable key'
                    f' ({print_ast(resolvable[0].node)}) in subgraph "{sub}" but that subgraph is'
                    f' missing some of the supergraph implementation types of "{dest.name}".'
                    f' Subgraph "{sub}" should define'
                    f" {_types(missing)} (and have"
                    f' {"them" if len(missing) > 1 else "it"} implement "{dest.name}").',
                    [sub],
                    dest.name,
                )

    def validate_interface_objects(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        supergraph_impls = self.implementations(dest.name)
        for idx, source in enumerate(sources):
            if source is None or not self.metas[idx].is_interface_object(source):
                continue
            defined = [n for n in supergraph_impls if self.subs[idx].type(n) is not None]
            if defined:
                sub = self.names[idx]
                self.error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'[{sub}] Interface type "{dest.name}" is defined as an @interfaceObject in'
                    f' subgraph "{sub}" so that subgraph should not define any of the'
                    f' implementation types of "{dest.name}", but it defines'
                    f" {_types(defined)}",
                    [sub],
                    dest.name,
                )

    def add_missing_interface_object_fields(self) -> None:
        for t in list(self.types.values()):
            if t.kind != "object":
                continue
            for itf_name in t.interfaces:
                itf = self.types.get(itf_name)
                if itf is None:
                    continue
                for name, itf_field in itf.fields.items():
                    if name in t.fields or not self.provided_by_interface_object(itf_name, name):
                        continue
                    t.fields[name] = self.copy_from_interface(itf_field)
                    nothing: list[None] = [None] * len(self.subs)
                    self.validate_field_sharing(nothing, t.fields[name], FieldContext(), t.name)

    def post_merge_validations(self) -> None:
        for t in self.types.values():
            if t.kind not in ("object", "interface"):
                continue
            for itf_name in t.interfaces:
                itf = self.types.get(itf_name)
                for name in itf.fields if itf is not None else {}:
                    if name in t.fields:
                        continue
                    with_field = [
                        s.name
                        for s in self.subs
                        if (x := s.type(itf_name)) is not None
                        and x.kind == "interface"
                        and name in x.fields
                    ]
                    implementing = [
                        s.name
                        for s in self.subs
                        if (x := s.type(t.name)) is not None and itf_name in x.interfaces
                    ]
                    self.error(
                        "INTERFACE_FIELD_NO_IMPLEM",
                        f'Interface field "{itf_name}.{name}" is declared in'
                        f' {subgraph_names(with_field)} but type "{t.name}", which implements'
                        f' "{itf_name}" only in {subgraph_names(implementing)} does not have field'
                        f' "{name}".',
                        with_field + implementing,
                        t.name,
                        name,
                    )


def _types(names: Sequence[str]) -> str:
    return human_list([f'"{n}"' for n in names], "type", "types")


def _is_interface(t: NamedType | None) -> bool:
    return t is not None and t.kind == "interface"
