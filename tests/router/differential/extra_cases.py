"""Differential cases of our own, for shapes the conformance tests do not send.

Read-only queries (a mutation here would run twice, once per router) across the four
fixture supergraphs: fragments, variables and directives over entity chains, errors
and null propagation, abstract types from every subgraph, and invalid operations.
"""

from __future__ import annotations

from tests.router.differential.cases import Case


def _shop(name: str, query: str, **variables: object) -> Case:
    return Case(f"extra::shop::{name}", "shop.graphql", query, variables or None)


def _catalog(name: str, query: str, **variables: object) -> Case:
    return Case(f"extra::catalog::{name}", "catalog.graphql", query, variables or None)


def _conformance(name: str, query: str, **variables: object) -> Case:
    return Case(f"extra::conformance::{name}", "conformance.graphql", query, variables or None)


def _shapes(name: str, query: str, **variables: object) -> Case:
    return Case(f"extra::shapes::{name}", "shapes.graphql", query, variables or None)


EXTRA = [
    # shop: keys, @requires, @provides, errors, non-null
    _shop("root_typename", "{ __typename me { __typename id } }"),
    _shop("users_with_reviews", "{ users { name reviews { body product { name } } } }"),
    _shop(
        "named_fragments_across_subgraphs",
        "query Q { topProducts(first: 3) { ...P } } "
        "fragment P on Product { upc name inStock reviews { ...R } } "
        "fragment R on Review { body author { name username } }",
    ),
    _shop(
        "requires_under_entity_chain",
        "{ me { reviews { product { name shippingEstimate inStock } } } }",
    ),
    _shop("provides_username", '{ review(id: "r2") { author { username } } }'),
    _shop("provides_plus_remote", '{ review(id: "r2") { author { username name } } }'),
    _shop("product_by_upc", '{ product(upc: "7") { upc name price weight shippingEstimate } }'),
    _shop("product_missing", '{ product(upc: "999") { upc name inStock } }'),
    _shop("review_missing", '{ review(id: "nope") { id body } }'),
    _shop(
        "variables_everywhere",
        "query($n: Int, $u: String!, $r: ID!) { topProducts(first: $n) { upc } "
        "product(upc: $u) { name } review(id: $r) { body } }",
        n=2,
        u="3",
        r="r3",
    ),
    _shop(
        "skip_and_include_on_entity_fields",
        "query($a: Boolean!, $b: Boolean!) { topProducts(first: 2) { name "
        "inStock @include(if: $a) reviews @skip(if: $b) { body } } }",
        a=True,
        b=False,
    ),
    _shop(
        "skip_everything_remote",
        "query($s: Boolean!) { topProducts(first: 2) { name inStock @skip(if: $s) "
        "reviews @skip(if: $s) { body } } }",
        s=True,
    ),
    _shop("inline_fragment_without_type", "{ me { ... { name } ... @include(if: true) { id } } }"),
    _shop("flaky_error_in_list", "{ me { reviews { id flaky } } }"),
    _shop("non_null_in_list_propagates", "{ users { id strictName } }"),
    _shop("strict_products", "{ strictProducts { upc inStock } }"),
    _shop("same_field_twice_merged", "{ me { name name id } me { id username } }"),
    _shop(
        "aliases_on_entities",
        '{ first: product(upc: "1") { n: name s: inStock } '
        'second: product(upc: "2") { n: name s: shippingEstimate } }',
    ),
    _shop("deep_cycle", "{ me { reviews { author { reviews { product { reviews { id } } } } } } }"),
    _shop("unknown_field", "{ me { nope } }"),
    _shop("missing_variable", "query($u: String!) { product(upc: $u) { name } }"),
    _shop("wrong_argument_type", '{ topProducts(first: "x") { upc } }'),
    _shop("syntax_error", "{ me { "),
    _shop("operation_name_chooses", "query A { me { id } }"),
    # catalog: interfaces, unions, @interfaceObject, compound keys, @override, enums, inputs
    _catalog("media_typename", "{ media { __typename id title } }"),
    _catalog(
        "media_fragments",
        "{ media { id ... on Book { pages price author { name handle } } "
        "... on Movie { runtime genre } } }",
    ),
    _catalog("media_rating_from_interface_object", "{ media { id rating } }"),
    _catalog(
        "media_filtered_by_input",
        "query($f: MediaFilter) { media(filter: $f) { title } }",
        f={"genre": "COMEDY"},
    ),
    _catalog("media_filtered_inline", '{ media(filter: { titlePrefix: "A" }) { title } }'),
    _catalog(
        "search_union",
        '{ search(term: "a") { __typename ... on Book { title } ... on Movie { title } '
        "... on Magazine { issue } ... on Person { name } } }",
    ),
    _catalog("search_only_typename", '{ search(term: "a") { __typename } }'),
    _catalog(
        "legacy_search",
        "{ legacySearch { __typename ... on Book { id title pages } ... on Person { handle } } }",
    ),
    _catalog("featured_book", "{ featured { id title pages price rating author { name } } }"),
    _catalog("people", "{ people { id handle name reputation org { code } } }"),
    _catalog(
        "top_rated_with_named_fragment",
        "{ topRated { ...M } } fragment M on Media { id title rating ... on Movie { genre } }",
    ),
    _catalog("enum_argument_invalid", "{ media(filter: { genre: HORROR }) { title } }"),
    # conformance: @requires with arguments, @interfaceObject, unions with conflicts
    _conformance("post_plain", '{ post(id: "1") { id title tags } }'),
    _conformance("post_comments_only", '{ post(id: "1") { comments(limit: 2) { id text } } }'),
    _conformance("post_summary_only", '{ post(id: "1") { summary } }'),
    _conformance("post_price_label", '{ post(id: "1") { priceLabel } }'),
    _conformance("node_fragment", '{ node(id: "1") { id ... on Post { title summary } } }'),
    _conformance(
        "items_union",
        "{ items { __typename ... on Book { id title code meta { label } } "
        "... on Pen { id colour code meta { label } } } }",
    ),
    _conformance("things_interface", "{ things { code ... on Book { title } } }"),
    _conformance("external_only_field", '{ post(id: "1") { legacyCode } }'),
    # shapes: ancestor routes, shareable roots, per-subgraph members
    _shapes("shop_root", "{ shop { name carriers staff location { city dock zone } } }"),
    _shapes("shop_in", '{ shopIn(city: "Lyon") { name location { city zone } } }'),
    _shapes(
        "employee_everything",
        '{ employee(id: "e1") { id level title name mailCode '
        "company { id legal { name registry form } address { city zip geo { lat } } "
        "hq { floor address { city } } venue { floor } } "
        "manager { id name deskNo team { id label } } } }",
    ),
    _shapes("employees_list", "{ employees { id name company { address { zip } } } }"),
    _shapes(
        "catalog_union",
        "{ catalog { __typename ... on Gadget { sku label price } ... on Gizmo { sku size } } }",
    ),
    _shapes("things_interface", "{ things { sku ... on Gadget { label } ... on Gizmo { size } } }"),
    _shapes("featured_typename", "{ featured { __typename } }"),
    _shapes(
        "venue_fragment",
        '{ employee(id: "e1") { company { venue { __typename floor '
        "... on Office { address { city zip } } } } } }",
    ),
    # more combinations: fragments on abstract types inside entity fetches, directives on
    # spreads, aliased roots with different arguments, typename-only and nested lists
    _shop(
        "aliased_roots_with_different_arguments",
        "{ a: topProducts(first: 1) { upc inStock } b: topProducts(first: 3) { upc name } "
        'c: product(upc: "5") { reviews { id } } }',
    ),
    _shop(
        "directives_on_spreads",
        "query($yes: Boolean!, $no: Boolean!) { topProducts(first: 2) { "
        "...A @include(if: $yes) ...B @include(if: $no) "
        "... on Product @skip(if: $no) { weight } } } "
        "fragment A on Product { name inStock } fragment B on Product { reviews { body } }",
        yes=True,
        no=False,
    ),
    _shop("requires_only", "{ topProducts(first: 4) { shippingEstimate } }"),
    _shop("requires_and_its_inputs", "{ topProducts(first: 2) { price weight shippingEstimate } }"),
    _shop(
        "typename_on_entities",
        "{ me { __typename reviews { __typename product { __typename } } } }",
    ),
    _shop(
        "review_to_product_and_back",
        '{ review(id: "r1") { product { name reviews { author { name username } } } } }',
    ),
    _shop(
        "long_list_across_three_subgraphs",
        "{ topProducts(first: 30) { upc inStock reviews { author { name } } } }",
    ),
    _catalog(
        "media_nested_interface_fragments",
        "{ media { ... on Media { id ... on Book { title "
        "author { ... on Person { name reputation } } } } } }",
    ),
    _catalog(
        "search_with_compound_key_person",
        '{ search(term: "x") { ... on Person { id handle name reputation org { code } } } }',
    ),
    _catalog("featured_override_price", "{ featured { price title } }"),
    _catalog("top_rated_typename_and_title", "{ topRated { __typename id title rating } }"),
    _catalog(
        "legacy_search_across_owners",
        "{ legacySearch { ... on Book { price title author { name } } "
        "... on Magazine { issue } } }",
    ),
    _catalog(
        "media_variable_input_with_nested_fields",
        "query($f: MediaFilter!) { media(filter: $f) { id ... on Book { price } } }",
        f={"titlePrefix": "D", "genre": None},
    ),
    _conformance("post_requires_and_own_fields", '{ post(id: "1") { summary title id } }'),
    _conformance(
        "post_aliased_arguments",
        '{ post(id: "1") { one: comments(limit: 1) { id } '
        "two: comments(limit: 2) { id } summary } }",
    ),
    _conformance("node_typename", '{ node(id: "1") { __typename id } }'),
    _conformance(
        "items_typename_and_meta",
        "{ items { __typename ... on Book { meta { label } } ... on Pen { meta { label } } } }",
    ),
    _conformance("things_codes_with_typename", "{ things { __typename code } }"),
    _shapes(
        "two_employees_aliased",
        '{ a: employee(id: "e1") { name company { address { zip } } } '
        'b: employee(id: "e2") { name manager { name team { label } } } }',
    ),
    _shapes(
        "employee_manager_person",
        '{ employee(id: "e1") { manager { id name deskNo team { id label } } } }',
    ),
    _shapes("employees_titles_levels", "{ employees { id level title mailCode } }"),
    _shapes("shop_location_only", "{ shop { location { dock } } }"),
    _shapes("featured_gadget_fields", "{ featured { ... on Gadget { sku label price } } }"),
    _shapes("catalog_typename_only", "{ catalog { __typename } }"),
    _shapes(
        "company_legal_and_venue",
        '{ employee(id: "e1") { company { legal { form registry } venue { floor } } } }',
    ),
]
