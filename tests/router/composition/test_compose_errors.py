"""Every composition error: stable code, the subgraphs, type and field it is about, and a
message that says what to fix (Apollo's wording where Apollo has one)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pytest

from router.composition import CompositionError, CompositionIssue, SubgraphSource, compose

Issues = Callable[[Mapping[str, str]], list[CompositionIssue]]


@dataclass(frozen=True)
class Case:
    subgraphs: Mapping[str, str]
    code: str
    where: tuple[tuple[str, ...], str | None, str | None]  # subgraphs, type, field
    message: str


CASES = {
    "syntax error": Case(
        {"a": "type Query { x: Int"},
        "INVALID_GRAPHQL",
        (("a",), None, None),
        "[a] Syntax Error: Expected Name, found <EOF>.",
    ),
    "unknown type": Case(
        {"a": "type Query { x: Missing }"},
        "INVALID_GRAPHQL",
        (("a",), None, None),
        "[a] Unknown type 'Missing'.",
    ),
    "federation 1 link": Case(
        {
            "a": 'extend schema @link(url: "https://specs.apollo.dev/federation/v1.0")\n'
            "type Query { x: Int }"
        },
        "UNKNOWN_FEDERATION_LINK_VERSION",
        (("a",), None, None),
        "[a] Invalid version v1.0 for the federation feature in @link direction on schema",
    ),
    "unimported directive": Case(
        {
            "a": 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",'
            " import: [])\n"
            'type Query { x: T } type T @key(fields: "id") { id: ID! }'
        },
        "INVALID_GRAPHQL",
        (("a",), None, None),
        'you should use fully-qualified name "@federation__key"',
    ),
    "root type name taken": Case(
        {"a": "schema { query: Root } type Root { x: Int } type Query { y: Int }"},
        "ROOT_QUERY_USED",
        (("a",), "Query", None),
        '[a] The schema has a type named "Query" but it is not set as the query root type',
    ),
    "field in two subgraphs, not shareable": Case(
        {"a": "type Query { me: Int }", "b": "type Query { me: Int }"},
        "INVALID_FIELD_SHARING",
        (("a", "b"), "Query", "me"),
        'Non-shareable field "Query.me" is resolved from multiple subgraphs: it is resolved from'
        ' subgraphs "a" and "b" and defined as non-shareable in all of them',
    ),
    "value type shared by one side only": Case(
        {
            "a": "type Query { a: P } type P { x: Int @shareable }",
            "b": "type Query { b: P } type P { x: Int }",
        },
        "INVALID_FIELD_SHARING",
        (("a", "b"), "P", "x"),
        'Non-shareable field "P.x" is resolved from multiple subgraphs: it is resolved from'
        ' subgraphs "a" and "b" and defined as non-shareable in subgraph "b"',
    ),
    "shareable subscription": Case(
        {"a": "type Query { x: Int } type Subscription { s: Int @shareable }"},
        "INVALID_FIELD_SHARING",
        (("a",), "Subscription", "s"),
        "Fields on root level subscription object cannot be marked as shareable",
    ),
    "key on a missing field": Case(
        {"a": 'type Query { t: T } type T @key(fields: "uuid") { id: ID! }'},
        "KEY_INVALID_FIELDS",
        (("a",), "T", None),
        '[a] On type "T", for @key(fields: "uuid"): Cannot query field "uuid" on type "T" (if'
        " the field is defined in another subgraph, you need to add it to this subgraph with"
        " @external).",
    ),
    "key selecting an interface": Case(
        {
            "a": "type Query { t: T } interface I { id: ID! } type C implements I { id: ID! }"
            ' type T @key(fields: "i { id }") { i: I }'
        },
        "KEY_FIELDS_SELECT_INVALID_TYPE",
        (("a",), "T", None),
        '[a] On type "T", for @key(fields: "i { id }"): field "T.i" is a Interface type which'
        " is not allowed in @key",
    ),
    "key field with arguments": Case(
        {"a": 'type Query { t: T } type T @key(fields: "id") { id(x: Int): ID! }'},
        "KEY_FIELDS_HAS_ARGS",
        (("a",), "T", None),
        "field T.id cannot be included because it has arguments",
    ),
    "requires a local field": Case(
        {
            "a": 'type Query { t: T } type T @key(fields: "id") {'
            ' id: ID! w: Int s: Int @requires(fields: "w") }'
        },
        "REQUIRES_FIELDS_MISSING_EXTERNAL",
        (("a",), "T", "s"),
        '[a] On field "T.s", for @requires(fields: "w"): field "T.w" should not be part of a'
        " @requires since it is already provided by this subgraph (it is not marked @external)",
    ),
    "requires an unknown field": Case(
        {
            "a": 'type Query { t: T } type T @key(fields: "id") { id: ID! s: Int'
            ' @requires(fields: "w") }'
        },
        "REQUIRES_INVALID_FIELDS",
        (("a",), "T", "s"),
        'Cannot query field "w" on type "T"',
    ),
    "provides a local field": Case(
        {
            "a": 'type Query { t: T @provides(fields: "n") } type T @key(fields: "id") {'
            " id: ID! n: Int }"
        },
        "PROVIDES_FIELDS_MISSING_EXTERNAL",
        (("a",), "Query", "t"),
        '[a] On field "Query.t", for @provides(fields: "n"): field "T.n" should not be part of a'
        " @provides since it is already provided by this subgraph (it is not marked @external)",
    ),
    "provides on a scalar": Case(
        {"a": 'type Query { t: Int @provides(fields: "n") }'},
        "PROVIDES_ON_NON_OBJECT_FIELD",
        (("a",), "Query", "t"),
        '[a] Invalid @provides directive on field "Query.t": field has type "Int" which is not a'
        " Composite Type",
    ),
    "unused external": Case(
        {"a": 'type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @external }'},
        "EXTERNAL_UNUSED",
        (("a",), "T", "n"),
        '[a] Field "T.n" is marked @external but is not used in any federation directive (@key,'
        " @provides, @requires) or to satisfy an interface; the field declaration has no use and"
        " should be removed (or the field should not be @external).",
    ),
    "external on an interface field": Case(
        {"a": "type Query { i: I } interface I { x: Int @external }"},
        "EXTERNAL_ON_INTERFACE",
        (("a",), "I", "x"),
        'Interface type field "I.x" is marked @external but @external is not allowed',
    ),
    "external everywhere": Case(
        {
            "a": 'type Query { t: T @provides(fields: "n") } type T @key(fields: "id") {'
            " id: ID! n: Int @external }",
            "b": 'type T @key(fields: "id") { id: ID! n: Int @external m: Int'
            ' @requires(fields: "n") }',
        },
        "EXTERNAL_MISSING_ON_BASE",
        (("a", "b"), "T", "n"),
        'Field "T.n" is marked @external on all the subgraphs in which it is listed (subgraphs'
        ' "a" and "b").',
    ),
    "tag on an external field": Case(
        {
            "a": 'type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @shareable }',
            "b": 'type T @key(fields: "id") { id: ID! n: Int @external @tag(name: "x")'
            ' m: Int @requires(fields: "n") }',
        },
        "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
        (("b",), "T", "n"),
        '[b] Cannot apply merged directive @tag(name: "x") to external field "T.n"',
    ),
    "incompatible field types": Case(
        {
            "a": 'type Query { t: T! } type T @key(fields: "id") { id: ID! f: String @shareable }',
            "b": 'type T @key(fields: "id") { id: ID! f: Int @shareable }',
        },
        "FIELD_TYPE_MISMATCH",
        (("a", "b"), "T", "f"),
        'Type of field "T.f" is incompatible across subgraphs: it has type "String" in subgraph'
        ' "a" but type "Int" in subgraph "b"',
    ),
    "list and non-list": Case(
        {
            "a": 'type Query { t: T! } type T @key(fields: "id") { id: ID! f: String @shareable }',
            "b": 'type T @key(fields: "id") { id: ID! f: [String] @shareable }',
        },
        "FIELD_TYPE_MISMATCH",
        (("a", "b"), "T", "f"),
        'it has type "String" in subgraph "a" but type "[String]" in subgraph "b"',
    ),
    "incompatible argument types": Case(
        {
            "a": "type Query { f(x: Int): Int @shareable }",
            "b": "type Query { f(x: String): Int @shareable }",
        },
        "ARGUMENT_TYPE_MISMATCH",
        (("a", "b"), "Query", "f"),
        'Type of argument "Query.f(x:)" is incompatible across subgraphs: it has type "Int" in'
        ' subgraph "a" but type "String" in subgraph "b"',
    ),
    "incompatible argument defaults": Case(
        {
            "a": "type Query { f(x: Int = 1): Int @shareable }",
            "b": "type Query { f(x: Int = 2): Int @shareable }",
        },
        "ARGUMENT_DEFAULT_MISMATCH",
        (("a", "b"), "Query", "f"),
        'Argument "Query.f(x:)" has incompatible default values across subgraphs: it has default'
        ' value 1 in subgraph "a" but default value 2 in subgraph "b"',
    ),
    "required argument missing elsewhere": Case(
        {
            "a": "type Query { f(x: Int!): Int @shareable }",
            "b": "type Query { f: Int @shareable }",
        },
        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
        (("a", "b"), "Query", "f"),
        'Argument "Query.f(x:)" is required in some subgraphs but does not appear in all'
        ' subgraphs: it is required in subgraph "a" but does not appear in subgraph "b"',
    ),
    "required input field missing elsewhere": Case(
        {
            "a": "type Query { f(i: In): Int } input In { a: Int! b: Int }",
            "b": "type Query { g(i: In): Int } input In { b: Int }",
        },
        "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
        (("a", "b"), "In", "a"),
        'Input object field "In.a" is required in some subgraphs but does not appear in all'
        ' subgraphs: it is required in subgraph "a" but does not appear in subgraph "b"',
    ),
    "input with no common field": Case(
        {
            "a": "type Query { f(i: In): Int } input In { a: Int }",
            "b": "type Query { g(i: In): Int } input In { b: Int }",
        },
        "EMPTY_MERGED_INPUT_TYPE",
        (("a", "b"), "In", None),
        'None of the fields of input object type "In" are consistently defined in all the'
        " subgraphs defining that type. As only fields common to all subgraphs are merged, this"
        " would result in an empty type.",
    ),
    "input field defaults disagree": Case(
        {
            "a": "type Query { f(i: In): Int } input In { a: Int = 1 }",
            "b": "type Query { g(i: In): Int } input In { a: Int = 2 }",
        },
        "INPUT_FIELD_DEFAULT_MISMATCH",
        (("a", "b"), "In", "a"),
        'Input field "In.a" has incompatible default values across subgraphs',
    ),
    "enum both ways with different values": Case(
        {
            "a": "type Query { a(c: Color): Color } enum Color { RED GREEN }",
            "b": "type Query { b: Color } enum Color { RED }",
        },
        "ENUM_VALUE_MISMATCH",
        (("a", "b"), "Color", None),
        'Enum type "Color" is used as both input type (for example, as type of "Query.a(c:)")'
        ' and output type (for example, as type of "Query.a"), but value "GREEN" is not defined'
        ' in all the subgraphs defining "Color": "GREEN" is defined in subgraph "a" but not in'
        ' subgraph "b"',
    ),
    "input enum with no common value": Case(
        {
            "a": "type Query { a(c: Color): Int } enum Color { RED }",
            "b": "type Query { b(c: Color): Int } enum Color { BLUE }",
        },
        "EMPTY_MERGED_ENUM_TYPE",
        (("a", "b"), "Color", None),
        'None of the values of enum type "Color" are defined consistently in all the subgraphs',
    ),
    "same name, different kinds": Case(
        {
            "a": "type Query { a: Thing } type Thing { x: Int }",
            "b": "type Query { b: Thing } interface Thing { x: Int }",
        },
        "TYPE_KIND_MISMATCH",
        (("a", "b"), "Thing", None),
        'Type "Thing" has mismatched kind: it is defined as Object Type in subgraph "a" but'
        ' Interface Type in subgraph "b"',
    ),
    "extension without a definition": Case(
        {"a": 'type Query { u: User } extend type User @key(fields: "id") { id: ID! }'},
        "EXTENSION_WITH_NO_BASE",
        (("a",), "User", None),
        '[a] Type "User" is an extension type, but there is no type definition for "User" in any'
        " subgraph.",
    ),
    "override from itself": Case(
        {
            "a": 'type Query { t: T } type T @key(fields: "id") { id: ID! x: Int'
            ' @override(from: "a") }'
        },
        "OVERRIDE_FROM_SELF_ERROR",
        (("a",), "T", "x"),
        'Source and destination subgraphs "a" are the same for overridden field "T.x"',
    ),
    "override both ways": Case(
        {
            "a": 'type Query { t: T } type T @key(fields: "id") { id: ID! x: Int'
            ' @override(from: "b") }',
            "b": 'type T @key(fields: "id") { id: ID! x: Int @override(from: "a") }',
        },
        "OVERRIDE_SOURCE_HAS_OVERRIDE",
        (("a", "b"), "T", "x"),
        'Field "T.x" on subgraph "a" is also marked with directive @override in subgraph "b".'
        " Only one @override directive is allowed per field.",
    ),
    "override of a field with @requires": Case(
        {
            "a": 'type Query { t: T } type T @key(fields: "id") { id: ID! w: Int @external'
            ' x: Int @requires(fields: "w") }',
            "b": 'type T @key(fields: "id") { id: ID! w: Int x: Int @override(from: "a") }',
        },
        "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
        (("b", "a"), "T", "x"),
        '@override cannot be used on field "T.x" on subgraph "b" since "T.x" on "a" is marked'
        ' with directive "@requires"',
    ),
    "override on an interface field": Case(
        {
            "a": 'type Query { i: I } interface I { x: Int @override(from: "b") }'
            " type C implements I { x: Int }",
            "b": "interface I { x: Int } type D implements I { x: Int }",
        },
        "OVERRIDE_ON_INTERFACE",
        (("a",), "I", "x"),
        '@override cannot be used on field "I.x" on subgraph "a": @override is not supported on'
        " interface type fields.",
    ),
    "interface field not implemented": Case(
        {
            "a": "type Query { e: Entry } interface Entry { id: ID! } type G implements"
            " Entry { id: ID! }",
            "b": "interface Entry { id: ID! at: Int } type P implements Entry { id: ID! at: Int }",
        },
        "INTERFACE_FIELD_NO_IMPLEM",
        (("b", "a"), "G", "at"),
        'Interface field "Entry.at" is declared in subgraph "b" but type "G", which implements'
        ' "Entry" only in subgraph "a" does not have field "at".',
    ),
    "no query anywhere": Case(
        {"a": "type Mutation { x: Int }"},
        "NO_QUERIES",
        ((), None, None),
        "No queries found in any subgraph: a supergraph must have a query root type.",
    ),
    "interface object without key": Case(
        {
            "a": "type Query { n: N } interface N { id: ID! } type X implements N { id: ID! }",
            "b": "type N @interfaceObject { id: ID! }",
        },
        "INTERFACE_OBJECT_USAGE_ERROR",
        (("b",), "N", None),
        '[b] The @interfaceObject directive can only be applied to entity types but type "N"'
        " has no @key in this subgraph.",
    ),
    "interface object but no interface": Case(
        {"a": 'type Query { n: N } type N @key(fields: "id") @interfaceObject { id: ID! }'},
        "INTERFACE_OBJECT_USAGE_ERROR",
        (("a",), "N", None),
        'Type "N" is declared with @interfaceObject in all the subgraphs in which is is defined',
    ),
    "shareable on an interface field": Case(
        {"a": "type Query { i: I } interface I { x: Int @shareable }"},
        "INVALID_SHAREABLE_USAGE",
        (("a",), "I", "x"),
        'Invalid use of @shareable on field "I.x": only object type fields can be marked with'
        " @shareable",
    ),
    "external with another type": Case(
        {
            "a": 'type Query { t: T @provides(fields: "n") }'
            ' type T @key(fields: "id") { id: ID! n: String @external }',
            "b": 'type T @key(fields: "id") { id: ID! n: Int @shareable }',
        },
        "EXTERNAL_TYPE_MISMATCH",
        (("a", "b"), "T", "n"),
        'Type of field "T.n" is incompatible across subgraphs (where marked @external): it has'
        ' type "Int" in subgraph "b" but type "String" in subgraph "a"',
    ),
    "entity interface missing an implementation": Case(
        {
            "a": 'type Query { n: N } interface N @key(fields: "id") { id: ID! }'
            ' type A implements N @key(fields: "id") { id: ID! }',
            "b": 'interface N { id: ID! } type B implements N @key(fields: "id") { id: ID! }',
        },
        "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
        (("a",), "N", None),
        '[a] Interface type "N" has a resolvable key (@key(fields: "id")) in subgraph "a" but'
        ' that subgraph is missing some of the supergraph implementation types of "N".'
        ' Subgraph "a" should define type "B" (and have it implement "N").',
    ),
    "interface key not on an implementation": Case(
        {
            "a": 'type Query { n: N } interface N @key(fields: "id") { id: ID! }'
            ' type A implements N @key(fields: "id") { id: ID! }'
            " type B implements N { id: ID! }"
        },
        "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
        (("a",), "N", None),
        '[a] Key @key(fields: "id") on interface type "N" is missing on implementation type "B".',
    ),
    "key on an interface before federation 2.3": Case(
        {
            "a": 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.2",'
            ' import: ["@key"])\n'
            'type Query { n: N } interface N @key(fields: "id") { id: ID! }'
        },
        "KEY_UNSUPPORTED_ON_INTERFACE",
        (("a",), "N", None),
        '[a] Cannot use @key on interface "N": @key is not yet supported on interfaces',
    ),
    "interface object next to its implementations": Case(
        {
            "a": 'type Query { n: N } interface N @key(fields: "id") { id: ID! }'
            ' type X implements N @key(fields: "id") { id: ID! }',
            "b": 'type N @key(fields: "id") @interfaceObject { id: ID! }'
            ' type X @key(fields: "id") { id: ID! }',
        },
        "INTERFACE_OBJECT_USAGE_ERROR",
        (("b",), "N", None),
        '[b] Interface type "N" is defined as an @interfaceObject in subgraph "b" so that'
        ' subgraph should not define any of the implementation types of "N", but it defines'
        ' type "X"',
    ),
    "visible field of an inaccessible type": Case(
        {"a": "type Query { s: Secret } type Secret @inaccessible { x: Int }"},
        "REFERENCED_INACCESSIBLE",
        (("a",), "Query", "s"),
        'Type "Secret" is @inaccessible but is referenced by "Query.s", which is in the API'
        " schema.",
    ),
    "every field inaccessible": Case(
        {"a": "type Query { t: T } type T { x: Int @inaccessible }"},
        "ONLY_INACCESSIBLE_CHILDREN",
        (("a",), "T", None),
        'Type "T" is in the API schema but all of its fields are @inaccessible.',
    ),
    "required argument inaccessible": Case(
        {"a": "type Query { f(x: Int! @inaccessible, y: Int): Int }"},
        "REQUIRED_INACCESSIBLE",
        (("a",), "Query", "f"),
        'Argument "Query.f(x:)" is @inaccessible but is a required argument of its field.',
    ),
    "inaccessible implementation of a visible interface field": Case(
        {
            "a": "type Query { i: I } interface I { x: Int y: Int } type C implements I {"
            " x: Int @inaccessible y: Int }"
        },
        "IMPLEMENTED_BY_INACCESSIBLE",
        (("a",), "C", "x"),
        'Field "C.x" is @inaccessible but implements the interface field "I.x", which is in the'
        " API schema.",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_composition_error(composition_issues: Issues, case: Case) -> None:
    issues = composition_issues(case.subgraphs)
    matching = [i for i in issues if i.code == case.code]
    assert matching, [str(i) for i in issues]
    issue = matching[0]
    assert (issue.subgraphs, issue.type_name, issue.field) == case.where
    assert case.message in issue.message
    assert str(issue) == f"{issue.code}: {issue.message}"


def test_subgraph_names_must_be_unique_and_not_reserved() -> None:
    with pytest.raises(CompositionError) as caught:
        compose(
            [
                SubgraphSource("a", "http://a", "type Query { x: Int }"),
                SubgraphSource("a", "http://a2", "type Query { y: Int }"),
                SubgraphSource("_", "http://u", "type Query { z: Int }"),
            ]
        )
    assert caught.value.codes == ["INVALID_SUBGRAPH_NAME", "INVALID_SUBGRAPH_NAME"]
    assert 'A subgraph named "a" already exists' in str(caught.value)


def test_every_issue_is_reported_at_once(composition_issues: Issues) -> None:
    issues = composition_issues(
        {
            "a": 'type Query { me: Int t: T } type T @key(fields: "nope") { id: ID! }',
            "b": "type Query { me: Int x: Missing }",
        }
    )
    assert [i.code for i in issues] == ["KEY_INVALID_FIELDS", "INVALID_GRAPHQL"]
