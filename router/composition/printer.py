"""Prints a merged supergraph exactly the way @apollo/composition's `printSchema` does with
`shallowOrderPrintedDefinitions`: definitions sorted by name, fields in merge order."""

from collections.abc import Sequence

from graphql import print_ast

from router.composition.supergraph import (
    Applied,
    SEnumValue,
    SField,
    SInputValue,
    SType,
    Supergraph,
    quote,
)

INDENT = "  "
_TYPE_LOCATIONS = (
    "FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM"
    " | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION"
)
JOIN_DIRECTIVES = {
    "join__enumValue": "directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE",
    "join__field": "directive @join__field(graph: join__Graph, requires: join__FieldSet,"
    " provides: join__FieldSet, type: String, external: Boolean, override: String,"
    " usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION",
    "join__graph": "directive @join__graph(name: String!, url: String!) on ENUM_VALUE",
    "join__implements": "directive @join__implements(graph: join__Graph!, interface: String!)"
    " repeatable on OBJECT | INTERFACE",
    "join__type": "directive @join__type(graph: join__Graph!, key: join__FieldSet,"
    " extension: Boolean! = false, resolvable: Boolean! = true,"
    " isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM"
    " | INPUT_OBJECT | SCALAR",
    "join__unionMember": "directive @join__unionMember(graph: join__Graph!, member: String!)"
    " repeatable on UNION",
    "link": "directive @link(url: String, as: String, for: link__Purpose,"
    " import: [link__Import]) repeatable on SCHEMA",
}
FEATURE_DIRECTIVES = {
    "inaccessible": f"directive @inaccessible on {_TYPE_LOCATIONS}",
    "tag": f"directive @tag(name: String!) repeatable on {_TYPE_LOCATIONS} | SCHEMA",
}
_AUTH_LOCATIONS = "FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM"
FEATURE_DIRECTIVES.update(
    {
        "authenticated": f"directive @authenticated on {_AUTH_LOCATIONS}",
        "requiresScopes": "directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!)"
        f" on {_AUTH_LOCATIONS}",
        "policy": f"directive @policy(policies: [[policy__Policy!]!]!) on {_AUTH_LOCATIONS}",
    }
)
FEATURE_LINKS = {
    "inaccessible": '@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)',
    "tag": '@link(url: "https://specs.apollo.dev/tag/v0.3")',
    "authenticated": '@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)',
    "requiresScopes": '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)',
    "policy": '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)',
}
# Scalars a feature's directive arguments are typed with.
FEATURE_TYPES = {"requiresScopes": "requiresScopes__Scope", "policy": "policy__Policy"}
LINK_PURPOSE = (
    "enum link__Purpose {\n"
    '  """\n  `SECURITY` features provide metadata necessary to securely resolve fields.\n  """\n'
    "  SECURITY\n\n"
    '  """\n  `EXECUTION` features provide metadata necessary for operation execution.\n  """\n'
    "  EXECUTION\n}"
)


def collation_key(name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sort key matching JavaScript's `localeCompare` (ICU root collation) on GraphQL names:
    '_' before digits before letters, letters case-insensitively, lower case first on ties."""

    def primary(c: str) -> int:
        if c == "_":
            return 0
        if c.isdigit():
            return 1 + ord(c) - ord("0")
        return 11 + ord(c.lower()) - ord("a")

    return tuple(primary(c) for c in name), tuple(1 if c.isupper() else 0 for c in name)


def print_supergraph(supergraph: Supergraph) -> str:
    directives = dict(JOIN_DIRECTIVES)
    directives.update({f: FEATURE_DIRECTIVES[f] for f in supergraph.features})
    definitions: list[tuple[str, str]] = [(n, _print_type(t)) for n, t in supergraph.types.items()]
    definitions.append(("join__FieldSet", "scalar join__FieldSet"))
    definitions.append(("join__Graph", _print_graph_enum(supergraph)))
    definitions.append(("link__Import", "scalar link__Import"))
    definitions.append(("link__Purpose", LINK_PURPOSE))
    for feature in supergraph.features:
        if (scalar := FEATURE_TYPES.get(feature)) is not None:
            definitions.append((scalar, f"scalar {scalar}"))
    parts = [_print_schema(supergraph)]
    parts.extend(directives[n] for n in sorted(directives, key=collation_key))
    parts.extend(text for _, text in sorted(definitions, key=lambda d: collation_key(d[0])))
    return "\n\n".join(parts) + "\n"


def _print_schema(supergraph: Supergraph) -> str:
    links = [
        '@link(url: "https://specs.apollo.dev/link/v1.0")',
        '@link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)',
        *(FEATURE_LINKS[f] for f in supergraph.features),
    ]
    roots = [f"{INDENT}{kind}: {name}" for kind, name in supergraph.roots.items()]
    return (
        _description(supergraph.description)
        + "schema"
        + "".join(f"\n{INDENT}{link}" for link in links)
        + "\n{\n"
        + "\n".join(roots)
        + "\n}"
    )


def _print_graph_enum(supergraph: Supergraph) -> str:
    values = [
        f"{INDENT}{g.enum_value} @join__graph(name: {quote(g.name)}, url: {quote(g.url)})"
        for g in supergraph.graphs
    ]
    return "enum join__Graph {\n" + "\n".join(values) + "\n}"


def block_string(value: str, prefer_multiple_lines: bool) -> str:
    single_line = "\n" not in value
    leading_space = value[:1] in (" ", "\t")
    multiple = not single_line or value.endswith(('"', "\\")) or prefer_multiple_lines
    result = ""
    if multiple and not (single_line and leading_space):
        result += "\n"
    result += value
    if multiple:
        result += "\n"
    return '"""' + result.replace('"""', '\\"""') + '"""'


def _description(value: str | None, indentation: str = "", first_in_block: bool = True) -> str:
    if value is None:
        return ""
    text = block_string(value, len(value) > 70)
    prefix = "\n" + indentation if indentation and not first_in_block else indentation
    return prefix + text.replace("\n", "\n" + indentation) + "\n"


def _directives(
    applied: Sequence[Applied], on_new_lines: bool = False, end_with_new_line: bool = False
) -> str:
    if not applied:
        return ""
    if on_new_lines:
        text = "".join(f"\n{INDENT}{d}" for d in applied)
        return text + ("\n" if end_with_new_line else "")
    return "".join(f" {d}" for d in applied)


def _input_value(value: SInputValue) -> str:
    assert value.type is not None
    default = f" = {value.default}" if value.default is not None else ""
    return f"{value.name}: {print_ast(value.type)}{default}{_directives(value.directives)}"


def _args(args: Sequence[SInputValue], indentation: str) -> str:
    if not args:
        return ""
    if all(not a.description for a in args):
        return "(" + ", ".join(_input_value(a) for a in args) + ")"
    inner = INDENT + indentation
    lines = [
        _description(a.description, inner, i == 0) + inner + _input_value(a)
        for i, a in enumerate(args)
    ]
    return "(\n" + "\n".join(lines) + f"\n{indentation})"


def _field(f: SField) -> str:
    assert f.type is not None
    args = _args(list(f.args.values()), INDENT)
    return f"{f.name}{args}: {print_ast(f.type)}{_directives(f.directives)}"


def _block(items: Sequence[str]) -> str:
    return "{\n" + "\n".join(items) + "\n}" if items else ""


def _print_type(t: SType) -> str:
    head = _description(t.description)
    if t.kind == "scalar":
        return f"{head}scalar {t.name}{_directives(t.directives, True, False)}"
    if t.kind in ("object", "interface"):
        keyword = "type" if t.kind == "object" else "interface"
        implements = " implements " + " & ".join(t.interfaces) if t.interfaces else ""
        items = [
            _description(f.description, INDENT, i == 0) + INDENT + _field(f)
            for i, f in enumerate(t.fields.values())
        ]
        return _with_body(f"{head}{keyword} {t.name}{implements}", t.directives, items)
    if t.kind == "union":
        members = " = " + " | ".join(t.members) if t.members else ""
        return f"{head}union {t.name}{_directives(t.directives, True, bool(t.members))}{members}"
    if t.kind == "enum":
        values = [_enum_value(v, i == 0) for i, v in enumerate(t.values.values())]
        return _with_body(f"{head}enum {t.name}", t.directives, values)
    items = [
        _description(f.description, INDENT, i == 0) + INDENT + _input_value(f)
        for i, f in enumerate(t.input_fields.values())
    ]
    return _with_body(f"{head}input {t.name}", t.directives, items)


def _with_body(head: str, directives: Sequence[Applied], items: Sequence[str]) -> str:
    separator = " " if not directives and items else ""
    return head + _directives(directives, True, bool(items)) + separator + _block(items)


def _enum_value(v: SEnumValue, first: bool) -> str:
    return _description(v.description, INDENT, first) + INDENT + v.name + _directives(v.directives)
