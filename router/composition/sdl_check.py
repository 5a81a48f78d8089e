"""Parses a subgraph SDL and checks it is valid GraphQL once the federation definitions
it links to are in scope (subgraph SDLs never define @key and friends themselves)."""

from dataclasses import replace

from graphql import (
    DefinitionNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    GraphQLError,
    GraphQLSyntaxError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    build_ast_schema,
    parse,
    validate_schema,
)
from graphql.validation.specified_rules import specified_sdl_rules
from graphql.validation.validate import validate_sdl

from router.composition.issues import CompositionIssue
from router.composition.links import (
    FEDERATION_DIRECTIVES,
    KNOWN_MINOR_VERSIONS,
    FederationLink,
    default_federation_link,
    find_federation_link,
    link_directive_nodes,
)
from router.composition.subgraph import DEFAULT_ROOTS

_AS_DEFINITION: dict[type, type] = {
    ScalarTypeExtensionNode: ScalarTypeDefinitionNode,
    ObjectTypeExtensionNode: ObjectTypeDefinitionNode,
    InterfaceTypeExtensionNode: InterfaceTypeDefinitionNode,
    UnionTypeExtensionNode: UnionTypeDefinitionNode,
    EnumTypeExtensionNode: EnumTypeDefinitionNode,
    InputObjectTypeExtensionNode: InputObjectTypeDefinitionNode,
}

_FED_DEFINITIONS = {
    "key": "(fields: {FieldSet}!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE",
    "requires": "(fields: {FieldSet}!) on FIELD_DEFINITION",
    "provides": "(fields: {FieldSet}!) on FIELD_DEFINITION",
    "external": "(reason: String) on OBJECT | FIELD_DEFINITION",
    "tag": "(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION"
    " | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT"
    " | INPUT_FIELD_DEFINITION | SCHEMA",
    "extends": " on OBJECT | INTERFACE",
    "shareable": " repeatable on OBJECT | FIELD_DEFINITION",
    "inaccessible": " on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION"
    " | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION",
    "override": "(from: String!, label: String) on FIELD_DEFINITION",
    "composeDirective": "(name: String!) repeatable on SCHEMA",
    "interfaceObject": " on OBJECT",
    "authenticated": " on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM",
    "requiresScopes": "(scopes: [[{Scope}!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE"
    " | SCALAR | ENUM",
    "policy": "(policies: [[{Policy}!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE"
    " | SCALAR | ENUM",
    "context": "(name: String!) repeatable on INTERFACE | OBJECT | UNION",
    "fromContext": "(field: {ContextFieldValue}) on ARGUMENT_DEFINITION",
    "cost": "(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION"
    " | INPUT_FIELD_DEFINITION | OBJECT | SCALAR",
    "listSize": "(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!],"
    " requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION",
}
_LINK_DEFINITIONS = (
    "directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])"
    " repeatable on SCHEMA",
    "scalar link__Import",
    "enum link__Purpose { SECURITY EXECUTION }",
)


def _invalid(subgraph: str, message: str) -> CompositionIssue:
    return CompositionIssue("INVALID_GRAPHQL", f"[{subgraph}] {message}", (subgraph,))


def parse_subgraph_sdl(
    name: str, sdl: str
) -> tuple[DocumentNode, FederationLink] | list[CompositionIssue]:
    try:
        document = parse(sdl)
    except GraphQLSyntaxError as error:
        return [_invalid(name, error.message + _location(error))]
    schema_nodes = [
        d for d in document.definitions if isinstance(d, SchemaDefinitionNode | SchemaExtensionNode)
    ]
    links = link_directive_nodes([d for node in schema_nodes for d in node.directives or ()])
    link = find_federation_link(links)
    if link is None:
        # Strawberry prints no @link when a schema happens to use no federation directive;
        # such a schema is a Federation 2 subgraph that imports nothing it needs.
        link = default_federation_link()
    if link.url.major != 2 or link.url.minor not in KNOWN_MINOR_VERSIONS:
        return [
            CompositionIssue(
                "UNKNOWN_FEDERATION_LINK_VERSION",
                f"[{name}] Invalid version v{link.url.major}.{link.url.minor} for the federation"
                " feature in @link direction on schema",
                (name,),
            )
        ]
    issues = _root_issues(name, document) + _validate(name, document, link)
    return issues if issues else (document, link)


def _location(error: GraphQLError) -> str:
    if error.locations:
        loc = error.locations[0]
        return f" (line {loc.line}, column {loc.column})"
    return ""


def _root_issues(name: str, document: DocumentNode) -> list[CompositionIssue]:
    defined = {d.name.value for d in document.definitions if isinstance(d, TypeDefinitionNode)}
    issues = []
    for node in document.definitions:
        if not isinstance(node, SchemaDefinitionNode | SchemaExtensionNode):
            continue
        for op in node.operation_types or ():
            default = DEFAULT_ROOTS[op.operation.value]
            if op.type.name.value != default and default in defined:
                issues.append(
                    CompositionIssue(
                        f"ROOT_{op.operation.value.upper()}_USED",
                        f'[{name}] The schema has a type named "{default}" but it is not set as'
                        f' the {op.operation.value} root type ("{op.type.name.value}" is'
                        " instead): this is not supported by federation. If a root type does"
                        " not use its default name, there should be no other type with that"
                        " default name.",
                        (name,),
                        default,
                    )
                )
    return issues


def _augmented(document: DocumentNode, link: FederationLink) -> DocumentNode:
    """The document with federation definitions added and extension-only types turned into
    definitions, so graphql-core's SDL rules accept what federation accepts."""
    defined_types = {
        d.name.value for d in document.definitions if isinstance(d, TypeDefinitionNode)
    }
    defined_directives = {
        d.name.value for d in document.definitions if isinstance(d, DirectiveDefinitionNode)
    }
    definitions: list[DefinitionNode] = []
    for node in document.definitions:
        if isinstance(node, TypeExtensionNode) and node.name.value not in defined_types:
            defined_types.add(node.name.value)
            node = _AS_DEFINITION[type(node)](**{k: getattr(node, k) for k in node.keys})
        definitions.append(node)
    extra: list[str] = []
    type_names = {
        t: link.type_name(t) for t in ("FieldSet", "Scope", "Policy", "ContextFieldValue")
    }
    for local in type_names.values():
        if local not in defined_types:
            extra.append(f"scalar {local}")
    for spec_name in FEDERATION_DIRECTIVES:
        local = link.directive_name(spec_name)
        if local not in defined_directives:
            body = _FED_DEFINITIONS[spec_name].format(**type_names)
            extra.append(f"directive @{local}{body}")
    for text in _LINK_DEFINITIONS:
        element = text.split()[1].lstrip("@").split("(")[0]
        if element not in defined_types and element not in defined_directives:
            extra.append(text)
    if "Query" not in defined_types and not _has_custom_query_root(document):
        extra.append("type Query { _service: _Service! }")
        if "_Service" not in defined_types:
            extra.append("type _Service { sdl: String }")
    definitions.extend(parse("\n".join(extra)).definitions)
    return replace(document, definitions=tuple(definitions))


def _has_custom_query_root(document: DocumentNode) -> bool:
    return any(
        op.operation.value == "query"
        for node in document.definitions
        if isinstance(node, SchemaDefinitionNode | SchemaExtensionNode)
        for op in node.operation_types or ()
    )


def _validate(name: str, document: DocumentNode, link: FederationLink) -> list[CompositionIssue]:
    augmented = _augmented(document, link)
    errors = validate_sdl(augmented, rules=specified_sdl_rules)
    if not errors:
        schema = build_ast_schema(augmented, assume_valid_sdl=True)
        errors = validate_schema(schema)
    return [_invalid(name, _with_federation_hint(e.message, link) + _location(e)) for e in errors]


def _with_federation_hint(message: str, link: FederationLink) -> str:
    for spec_name in FEDERATION_DIRECTIVES:
        if message == f"Unknown directive '@{spec_name}'.":
            local = link.directive_name(spec_name)
            if local.startswith(f"{link.prefix}__"):
                return (
                    f'{message} If you meant the "@{spec_name}" federation directive, you should'
                    f' use fully-qualified name "@{local}" or add "@{spec_name}" to the `import`'
                    " argument of the @link to the federation specification."
                )
            return (
                f'{message} If you meant the "@{spec_name}" federation directive, you should use'
                f' "@{local}" as it is imported under that name in the @link to the federation'
                " specification of this schema."
            )
    return message
