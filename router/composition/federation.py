"""Per-subgraph federation semantics: what is external, shareable and used."""

from dataclasses import dataclass, field

from graphql import BooleanValueNode

from router.composition.fieldset import (
    COMPOSITE,
    target_fields,
)
from router.composition.subgraph import (
    Directive,
    Field,
    NamedType,
    Subgraph,
    base_name,
    has_applied,
)


@dataclass
class Metadata:
    subgraph: Subgraph
    fake_external: set[str] = field(default_factory=set)
    external: set[str] = field(default_factory=set)
    provided: set[str] = field(default_factory=set)
    shareable: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)

    def is_external(self, f: Field) -> bool:
        return f.coordinate in self.external

    def is_fully_external(self, f: Field) -> bool:
        return self.is_external(f) and f.coordinate not in self.provided

    def is_shareable(self, f: Field) -> bool:
        return f.coordinate in self.shareable

    def is_used(self, f: Field) -> bool:
        return f.coordinate in self.used

    def is_interface_object(self, t: NamedType) -> bool:
        return t.kind == "object" and bool(t.applied("interfaceObject"))


def _fields_arg(directive: Directive) -> str:
    return directive.string_arg("fields") or ""


def compute_metadata(sub: Subgraph) -> Metadata:
    meta = Metadata(sub)
    composite = [t for t in sub.types.values() if t.kind in ("object", "interface")]
    for t in composite:
        extension = bool(t.applied("extends"))
        for key in t.applied("key"):
            if not (extension or key.block in t.extension_blocks):
                continue
            for f in target_fields(sub, t.name, _fields_arg(key), with_implementations=False):
                if has_applied(f, "external"):
                    meta.fake_external.add(f.coordinate)
    for t in composite:
        type_external = t.kind == "object" and bool(t.applied("external"))
        for f in t.fields.values():
            if (
                type_external or has_applied(f, "external")
            ) and f.coordinate not in meta.fake_external:
                meta.external.add(f.coordinate)
    for t in composite:
        for key in t.applied("key"):
            keyed = target_fields(sub, t.name, _fields_arg(key), with_implementations=True)
            meta.shareable.update(f.coordinate for f in keyed)
            meta.used.update(f.coordinate for f in keyed)
        for f in t.fields.values():
            for requires in (d for d in f.directives if d.fed == "requires"):
                needed = target_fields(
                    sub, t.name, _fields_arg(requires), with_implementations=True
                )
                meta.used.update(x.coordinate for x in needed)
            target = sub.type(base_name(f.type))
            for provides in (d for d in f.directives if d.fed == "provides"):
                if target is None or target.kind not in COMPOSITE:
                    continue
                given = target_fields(
                    sub, target.name, _fields_arg(provides), with_implementations=True
                )
                meta.used.update(x.coordinate for x in given)
                meta.provided.update(x.coordinate for x in given)
                meta.shareable.update(x.coordinate for x in given if meta.is_external(x))
        if t.kind == "object":
            shareable_blocks = {d.block for d in t.applied("shareable")}
            for f in t.fields.values():
                if has_applied(f, "shareable") or f.block in shareable_blocks:
                    meta.shareable.add(f.coordinate)
        else:
            for impl in sub.implementations(t.name):
                meta.used.update(impl.fields[n].coordinate for n in t.fields if n in impl.fields)
    return meta


def is_resolvable(key: Directive) -> bool:
    value = key.args.get("resolvable")
    return not (isinstance(value, BooleanValueNode) and not value.value)
