"""Reads a subgraph's `@link` to the federation spec: version, `as:` prefix, `import:` renames."""

import re
from dataclasses import dataclass, field

from graphql import ConstDirectiveNode, ListValueNode, ObjectValueNode, StringValueNode

FEDERATION_IDENTITY = "https://specs.apollo.dev/federation"

# Every directive of the federation 2.x spec, in the order the spec registers them.
FEDERATION_DIRECTIVES = (
    "key",
    "requires",
    "provides",
    "external",
    "tag",
    "extends",
    "shareable",
    "inaccessible",
    "override",
    "composeDirective",
    "interfaceObject",
    "authenticated",
    "requiresScopes",
    "policy",
    "context",
    "fromContext",
    "cost",
    "listSize",
)
FEDERATION_TYPES = ("FieldSet", "Scope", "Policy", "ContextFieldValue")
KNOWN_MINOR_VERSIONS = range(0, 12)

_URL = re.compile(r"^(?P<identity>https?://.+)/v(?P<major>\d+)\.(?P<minor>\d+)/?$")


@dataclass(frozen=True)
class SpecUrl:
    identity: str
    major: int
    minor: int

    @property
    def name(self) -> str:
        return self.identity.rstrip("/").rsplit("/", 1)[-1]


def parse_spec_url(url: str) -> SpecUrl | None:
    match = _URL.match(url)
    if match is None:
        return None
    return SpecUrl(match["identity"], int(match["major"]), int(match["minor"]))


@dataclass
class FederationLink:
    url: SpecUrl
    prefix: str
    # name used in the subgraph -> spec name, for directives (without "@") and types
    directives: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)

    def directive_name(self, spec_name: str) -> str:
        for local, spec in self.directives.items():
            if spec == spec_name:
                return local
        return f"{self.prefix}__{spec_name}"

    def type_name(self, spec_name: str) -> str:
        for local, spec in self.types.items():
            if spec == spec_name:
                return local
        return f"{self.prefix}__{spec_name}"


def _string_arg(directive: ConstDirectiveNode, name: str) -> str | None:
    for arg in directive.arguments or ():
        if arg.name.value == name and isinstance(arg.value, StringValueNode):
            return arg.value.value
    return None


def _imports(directive: ConstDirectiveNode) -> list[tuple[str, str]]:
    """(spec element, local name) pairs from `import:`; names keep their leading '@'."""
    pairs: list[tuple[str, str]] = []
    for arg in directive.arguments or ():
        if arg.name.value != "import" or not isinstance(arg.value, ListValueNode):
            continue
        for item in arg.value.values:
            if isinstance(item, StringValueNode):
                pairs.append((item.value, item.value))
            elif isinstance(item, ObjectValueNode):
                values = {
                    f.name.value: f.value.value
                    for f in item.fields
                    if isinstance(f.value, StringValueNode)
                }
                if "name" in values:
                    pairs.append((values["name"], values.get("as", values["name"])))
    return pairs


def find_federation_link(links: list[ConstDirectiveNode]) -> FederationLink | None:
    for directive in links:
        url = parse_spec_url(_string_arg(directive, "url") or "")
        if url is None or url.identity != FEDERATION_IDENTITY:
            continue
        link = FederationLink(url=url, prefix=_string_arg(directive, "as") or url.name)
        for element, local in _imports(directive):
            if element.startswith("@"):
                link.directives[local.lstrip("@")] = element.lstrip("@")
            else:
                link.types[local] = element
        return link
    return None


def link_directive_nodes(nodes: list[ConstDirectiveNode]) -> list[ConstDirectiveNode]:
    """`@link` applications: the link spec may itself be imported under another name, but
    no subgraph printer we target does that, so the default name is enough."""
    return [d for d in nodes if d.name.value == "link"]


def default_federation_link() -> FederationLink:
    """Federation 2.0 with every directive under its own name."""
    link = FederationLink(url=SpecUrl(FEDERATION_IDENTITY, 2, 0), prefix="federation")
    link.directives = {name: name for name in FEDERATION_DIRECTIVES}
    return link
