"""The checks Apollo runs on each subgraph before merging: @key, @requires, @provides,
@external, @shareable and @interfaceObject used as the spec says."""

from graphql import print_ast

from router.composition.federation import Metadata, is_resolvable
from router.composition.fieldset import (
    COMPOSITE,
    FieldSetError,
    Selected,
    flatten,
    parse_field_set,
)
from router.composition.issues import CompositionIssue, human_list
from router.composition.subgraph import (
    Directive,
    Field,
    NamedType,
    Subgraph,
    base_name,
    has_applied,
)


def _fields_arg(directive: Directive) -> str:
    return directive.string_arg("fields") or ""


class _Checker:
    def __init__(self, meta: Metadata) -> None:
        self.meta = meta
        self.sub = meta.subgraph
        self.issues: list[CompositionIssue] = []

    def error(self, code: str, message: str, type_name: str | None, field_name: str | None) -> None:
        self.issues.append(
            CompositionIssue(
                code, f"[{self.sub.name}] {message}", (self.sub.name,), type_name, field_name
            )
        )

    def run(self) -> list[CompositionIssue]:
        for t in self.sub.types.values():
            if t.kind not in ("object", "interface"):
                continue
            self.check_keys(t)
            if t.kind == "interface":
                self.check_interface_keys_on_implementations(t)
            if self.meta.is_interface_object(t) and not t.applied("key"):
                self.error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    "The @interfaceObject directive can only be applied to entity types but type"
                    f' "{t.name}" has no @key in this subgraph.',
                    t.name,
                    None,
                )
            for f in t.fields.values():
                self.check_field(t, f)
        return self.issues

    def check_interface_keys_on_implementations(self, t: NamedType) -> None:
        for key in t.applied("key"):
            wanted = _shape(self.sub, t.name, _fields_arg(key))
            if wanted is None:
                continue
            resolvable = is_resolvable(key)
            missing: list[str] = []
            unresolvable: list[str] = []
            for impl in self.sub.implementations(t.name):
                match = next(
                    (
                        k
                        for k in impl.applied("key")
                        if _shape(self.sub, impl.name, _fields_arg(k)) == wanted
                    ),
                    None,
                )
                if match is None:
                    missing.append(impl.name)
                elif resolvable and not is_resolvable(match):
                    unresolvable.append(impl.name)
            key_text = print_ast(key.node)
            if missing:
                self.error(
                    "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                    f'Key {key_text} on interface type "{t.name}" is missing on implementation'
                    f" {_types(missing)}.",
                    t.name,
                    None,
                )
            elif unresolvable:
                self.error(
                    "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                    f'Key {key_text} on interface type "{t.name}" should be resolvable on all'
                    ' implementation types, but is declared with argument "@key(resolvable:)"'
                    f" set to false in {_types(unresolvable)}.",
                    t.name,
                    None,
                )

    def check_keys(self, t: NamedType) -> None:
        if t.kind == "interface" and t.applied("key") and self.sub.link.url.minor < 3:
            self.error(
                "KEY_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @key on interface "{t.name}": @key is not yet supported on interfaces',
                t.name,
                None,
            )
        for key in t.applied("key"):
            where = f'On type "{t.name}", for {print_ast(key.node)}'
            selected = self.field_set("KEY", where, t.name, key, t.name, None)
            if selected is None:
                continue
            for f in flatten(selected):
                kind = self.sub.type(base_name(f.type))
                if kind is not None and kind.kind in ("interface", "union"):
                    self.error(
                        "KEY_FIELDS_SELECT_INVALID_TYPE",
                        f'{where}: field "{f.coordinate}" is a {kind.kind.capitalize()} type which'
                        " is not allowed in @key",
                        t.name,
                        None,
                    )
            self.walk(
                "KEY",
                where,
                key,
                selected,
                t.name,
                None,
                in_external=False,
                leaves_ok=True,
                args_ok=False,
            )

    def check_field(self, t: NamedType, f: Field) -> None:
        if t.kind == "interface":
            if self.meta.is_external(f):
                self.error(
                    "EXTERNAL_ON_INTERFACE",
                    f'Interface type field "{f.coordinate}" is marked @external but @external is'
                    " not allowed on interface fields (it is nonsensical).",
                    t.name,
                    f.name,
                )
            if has_applied(f, "shareable"):
                self.error(
                    "INVALID_SHAREABLE_USAGE",
                    f'Invalid use of @shareable on field "{f.coordinate}": only object type fields'
                    " can be marked with @shareable",
                    t.name,
                    f.name,
                )
        elif self.meta.is_external(f) and not self.meta.is_used(f):
            self.error(
                "EXTERNAL_UNUSED",
                f'Field "{f.coordinate}" is marked @external but is not used in any federation'
                " directive (@key, @provides, @requires) or to satisfy an interface; the field"
                " declaration has no use and should be removed (or the field should not be"
                " @external).",
                t.name,
                f.name,
            )
        for directive in f.directives:
            if directive.fed == "requires":
                self.check_requires(t, f, directive)
            elif directive.fed == "provides":
                self.check_provides(t, f, directive)

    def check_requires(self, t: NamedType, f: Field, directive: Directive) -> None:
        if t.kind == "interface":
            self.error(
                "REQUIRES_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @requires on field "{f.coordinate}" of parent type "{t.name}":'
                " @requires is not yet supported within interfaces",
                t.name,
                f.name,
            )
        where = f'On field "{f.coordinate}", for {print_ast(directive.node)}'
        selected = self.field_set("REQUIRES", where, t.name, directive, t.name, f.name)
        if selected is not None:
            self.walk(
                "REQUIRES",
                where,
                directive,
                selected,
                t.name,
                f.name,
                in_external=False,
                leaves_ok=False,
                args_ok=True,
            )

    def check_provides(self, t: NamedType, f: Field, directive: Directive) -> None:
        if t.kind == "interface":
            self.error(
                "PROVIDES_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @provides on field "{f.coordinate}" of parent type "{t.name}":'
                " @provides is not yet supported within interfaces",
                t.name,
                f.name,
            )
        if self.meta.is_external(f):
            self.error(
                "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'Cannot have both @provides and @external on field "{f.coordinate}"',
                t.name,
                f.name,
            )
            return
        target = self.sub.type(base_name(f.type))
        if target is None or target.kind not in COMPOSITE:
            self.error(
                "PROVIDES_ON_NON_OBJECT_FIELD",
                f'Invalid @provides directive on field "{f.coordinate}": field has type'
                f' "{print_ast(f.type)}" which is not a Composite Type',
                t.name,
                f.name,
            )
            return
        where = f'On field "{f.coordinate}", for {print_ast(directive.node)}'
        selected = self.field_set("PROVIDES", where, target.name, directive, t.name, f.name)
        if selected is not None:
            self.walk(
                "PROVIDES",
                where,
                directive,
                selected,
                t.name,
                f.name,
                in_external=False,
                leaves_ok=False,
                args_ok=False,
            )

    def field_set(
        self,
        prefix: str,
        where: str,
        target: str,
        directive: Directive,
        type_name: str,
        field_name: str | None,
    ) -> list[Selected] | None:
        try:
            return parse_field_set(self.sub, target, _fields_arg(directive))
        except FieldSetError as error:
            self.error(f"{prefix}_INVALID_FIELDS", f"{where}: {error}", type_name, field_name)
            return None

    def walk(
        self,
        prefix: str,
        where: str,
        directive: Directive,
        selected: list[Selected],
        type_name: str,
        field_name: str | None,
        *,
        in_external: bool,
        leaves_ok: bool,
        args_ok: bool,
    ) -> None:
        name = directive.fed or directive.name
        for s in selected:
            f = s.field
            if s.has_directives:
                self.error(
                    f"{prefix}_DIRECTIVE_IN_FIELDS_ARG",
                    f"{where}: cannot have directive applications in the @{name}(fields:)"
                    " argument.",
                    type_name,
                    field_name,
                )
            if not args_ok and f.args:
                self.error(
                    f"{prefix}_FIELDS_HAS_ARGS",
                    f"{where}: field {f.coordinate} cannot be included because it has"
                    f" arguments (fields with argument are not allowed in @{name})",
                    type_name,
                    field_name,
                )
            external = self.meta.is_external(f)
            if not external and not s.children and not leaves_ok and not in_external:
                self.error(
                    f"{prefix}_FIELDS_MISSING_EXTERNAL",
                    f"{where}: " + self.not_external(f, name),
                    type_name,
                    field_name,
                )
            if s.children:
                nested = in_external or external or self.external_in_implementations(f)
                self.walk(
                    prefix,
                    where,
                    directive,
                    s.children,
                    type_name,
                    field_name,
                    in_external=nested,
                    leaves_ok=leaves_ok,
                    args_ok=args_ok,
                )

    def not_external(self, f: Field, name: str) -> str:
        if f.coordinate in self.meta.fake_external:
            return (
                f'field "{f.coordinate}" should not be part of a @{name} since it is already'
                ' "effectively" provided by this subgraph (while it is marked @external, it is a'
                " @key field of an extension type, which are not internally considered external"
                " for historical/backward compatibility reasons)"
            )
        return (
            f'field "{f.coordinate}" should not be part of a @{name} since it is already provided'
            " by this subgraph (it is not marked @external)"
        )

    def external_in_implementations(self, f: Field) -> bool:
        parent = self.sub.type(f.parent)
        if parent is None or parent.kind != "interface":
            return False
        return any(
            f.name in impl.fields and self.meta.is_external(impl.fields[f.name])
            for impl in self.sub.implementations(parent.name)
        )


def _shape(sub: Subgraph, type_name: str, fields: str) -> frozenset[object] | None:
    """A field set as nested sets, so equal selections compare equal whatever their order."""

    def shape(selected: list[Selected]) -> frozenset[object]:
        return frozenset((s.field.name, shape(s.children)) for s in selected)

    try:
        return shape(parse_field_set(sub, type_name, fields))
    except FieldSetError:
        return None


def _types(names: list[str]) -> str:
    return human_list([f'"{n}"' for n in names], "type", "types")


def validate_federation(meta: Metadata) -> list[CompositionIssue]:
    return _Checker(meta).run()
