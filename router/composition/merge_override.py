"""@override: who resolves a field once one subgraph takes it over from another."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from router.composition.merge_base import MergeBase
from router.composition.subgraph import Directive, Field


@dataclass
class FieldContext:
    used_overridden: set[int] = field(default_factory=set)
    unused_overridden: set[int] = field(default_factory=set)
    unknown_target: set[int] = field(default_factory=set)


class OverrideChecks(MergeBase):
    def abstracted_by_interface_object(self, parent: str, name: str, idx: int) -> list[Field]:
        """Stand-ins for `parent.name` in a subgraph that only knows an interface of `parent`
        as an @interfaceObject."""
        merged = self.types.get(parent)
        sub = self.subs[idx]
        if merged is None or merged.kind != "object" or sub.type(parent) is not None:
            return []
        out = []
        for itf in merged.interfaces:
            stand_in = sub.type(itf)
            if stand_in is not None and stand_in.kind == "object" and name in stand_in.fields:
                out.append(stand_in.fields[name])
        return out

    # -- @override ---------------------------------------------------------------------
    def validate_override(
        self, sources: Sequence[Field | None], parent: str, name: str
    ) -> FieldContext:
        ctx = FieldContext()
        coordinate = f"{parent}.{name}"
        overrides: dict[int, Directive] = {}
        for idx, source in enumerate(sources):
            if source is not None:
                found = [d for d in source.directives if d.fed == "override"]
                if found:
                    overrides[idx] = found[0]
        overriding_names = {self.names[i] for i in overrides}
        for idx, directive in overrides.items():
            here = self.names[idx]
            owner = self.subs[idx].type(parent)
            assert owner is not None
            if owner.kind == "interface":
                self.error(
                    "OVERRIDE_ON_INTERFACE",
                    f'@override cannot be used on field "{coordinate}" on subgraph "{here}":'
                    " @override is not supported on interface type fields.",
                    [here],
                    parent,
                    name,
                )
                continue
            if self.metas[idx].is_interface_object(owner):
                self.error(
                    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    "@override is not yet supported on fields of @interfaceObject types: cannot be"
                    f' used on field "{coordinate}" on subgraph "{here}".',
                    [here],
                    parent,
                    name,
                )
                continue
            origin = directive.string_arg("from") or ""
            if origin not in self.names:
                ctx.unknown_target.add(idx)
                self.hints.append(
                    f'Source subgraph "{origin}" for field "{coordinate}" on subgraph "{here}"'
                    " does not exist."
                )
            elif origin == here:
                self.error(
                    "OVERRIDE_FROM_SELF_ERROR",
                    f'Source and destination subgraphs "{origin}" are the same for overridden'
                    f' field "{coordinate}"',
                    [here],
                    parent,
                    name,
                )
            elif origin in overriding_names:
                self.error(
                    "OVERRIDE_SOURCE_HAS_OVERRIDE",
                    f'Field "{coordinate}" on subgraph "{here}" is also marked with directive'
                    f' @override in subgraph "{origin}". Only one @override directive is allowed'
                    " per field.",
                    [here, origin],
                    parent,
                    name,
                )
            else:
                self._check_override_target(
                    ctx, sources, idx, self.names.index(origin), parent, name
                )
        return ctx

    def _check_override_target(
        self,
        ctx: FieldContext,
        sources: Sequence[Field | None],
        idx: int,
        origin_idx: int,
        parent: str,
        name: str,
    ) -> None:
        here, origin = self.names[idx], self.names[origin_idx]
        coordinate = f"{parent}.{name}"
        origin_field = sources[origin_idx]
        if origin_field is None:
            if self.abstracted_by_interface_object(parent, name, origin_idx):
                self.error(
                    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    f'Invalid @override on field "{coordinate}" of subgraph "{here}": source'
                    f' subgraph "{origin}" does not have field "{coordinate}" but abstract it in'
                    " an @interfaceObject and overriding abstracted fields is not supported.",
                    [here, origin],
                    parent,
                    name,
                )
            else:
                self.hints.append(
                    f'Field "{coordinate}" on subgraph "{here}" no longer exists in the from'
                    " subgraph. The @override directive can be removed."
                )
            return
        conflict: tuple[str, str] | None = None
        for d in origin_field.directives:
            if d.fed in ("requires", "provides"):
                conflict = (d.name, origin)
                break
        overriding = sources[idx]
        if conflict is None and overriding is not None and self.metas[idx].is_external(overriding):
            conflict = (self.subs[origin_idx].link.directive_name("external"), here)
        if conflict is not None:
            self.error(
                "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'@override cannot be used on field "{coordinate}" on subgraph "{here}" since'
                f' "{coordinate}" on "{conflict[1]}" is marked with directive "@{conflict[0]}"',
                [here, origin],
                parent,
                name,
            )
        elif self.metas[origin_idx].is_external(origin_field):
            self.hints.append(
                f'Field "{coordinate}" on subgraph "{here}" is not resolved anymore by the from'
                f' subgraph (it is marked "@external" in "{origin}"). The @override directive can'
                " be removed."
            )
        elif self.metas[origin_idx].is_used(origin_field):
            ctx.used_overridden.add(origin_idx)
        else:
            ctx.unused_overridden.add(origin_idx)
