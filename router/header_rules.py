"""Which client headers reach which subgraph: propagated (by name or pattern, perhaps
renamed), inserted, removed; per subgraph or for all, in Apollo Router's shape.

Rules run in order over the headers the router already sends a subgraph (request id,
verified client address, the client's `Authorization`): first the rules for all
subgraphs, then the subgraph's own. Some headers are never propagated or inserted:
hop-by-hop ones (they describe one connection, not the request) and the ones the router
itself vouches for, which a client must not be able to set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from common.clientaddr import CLIENT_IP_HEADER

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        # Set by the router for its own JSON body.
        "content-type",
        "accept",
        "accept-encoding",
    }
)
# What the router sends on its own authority: a client's copy is never passed on.
ROUTER_OWNED = frozenset({"x-request-id", CLIENT_IP_HEADER.lower()})

Action = Literal["propagate", "insert", "remove"]


def never_sent(name: str) -> bool:
    lowered = name.lower()
    return lowered in HOP_BY_HOP or lowered.startswith("proxy-")


@dataclass(frozen=True, slots=True)
class HeaderRule:
    """One step. `propagate`: the client's header `named` (sent as `rename` if given, with
    `default` when the client sent none), or every client header whose name fully
    `matching` (case-insensitive). `insert`: `named` with `value`. `remove`: `named`, or
    whatever is `matching`."""

    action: Action
    named: str | None = None
    matching: str | None = None
    rename: str | None = None
    default: str | None = None
    value: str | None = None
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if (self.named is None) == (self.matching is None):
            raise ValueError(f"a {self.action} header rule needs `named` or `matching`")
        if self.action == "insert" and (self.named is None or self.value is None):
            raise ValueError("an insert header rule needs `name` and `value`")
        if self.matching is not None:
            if self.action == "insert" or self.rename or self.default:
                raise ValueError("`matching` goes with propagate or remove, without rename")
            object.__setattr__(self, "_pattern", re.compile(self.matching, re.IGNORECASE))
        for name in (self.named, self.rename):
            if name is not None and self.action != "remove" and _reserved(name):
                raise ValueError(f"header {name!r} is never sent to subgraphs by a rule")

    def apply(self, out: dict[str, str], client: Mapping[str, str]) -> None:
        if self.action == "insert":
            assert self.named is not None
            assert self.value is not None
            out[self.named.lower()] = self.value
        elif self.action == "remove":
            for name in [n for n in out if self._selects(n)]:
                del out[name]
        elif self._pattern is not None:
            for name, value in client.items():
                lowered = name.lower()
                if self._pattern.fullmatch(lowered) and not _reserved(lowered):
                    out[lowered] = value
        else:
            assert self.named is not None
            sent = client.get(self.named.lower())
            if sent is None:
                sent = self.default
            if sent is not None:
                out[(self.rename or self.named).lower()] = sent

    def reads(self, name: str) -> bool:
        """Does this rule pass on the client's header `name` (lower case) when sent?"""
        if self.action != "propagate":
            return False
        if self._pattern is not None:
            return self._pattern.fullmatch(name) is not None and not _reserved(name)
        assert self.named is not None
        return name == self.named.lower()

    def _selects(self, name: str) -> bool:
        if self._pattern is not None:
            return self._pattern.fullmatch(name) is not None
        assert self.named is not None
        return name == self.named.lower()


def _reserved(name: str) -> bool:
    return never_sent(name) or name.lower() in ROUTER_OWNED


@dataclass(frozen=True, slots=True)
class HeaderRules:
    """Rules for every subgraph (`all`), then per subgraph name."""

    all: tuple[HeaderRule, ...] = ()
    subgraphs: Mapping[str, tuple[HeaderRule, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    # Lower-case names the router sets on every call itself (the router secret): taken
    # out after the rules, whatever they did, so the router's own value is what goes.
    protected: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.all) or any(self.subgraphs.values())

    def apply(
        self, subgraph: str, base: Mapping[str, str], client: Mapping[str, str]
    ) -> dict[str, str]:
        """The headers for one request to `subgraph`; `client` as received (any case)."""
        out = dict(base)
        lowered = {k.lower(): v for k, v in client.items()}
        for rule in (*self.all, *self.subgraphs.get(subgraph, ())):
            rule.apply(out, lowered)
        for name in self.protected.intersection(out):
            del out[name]
        return out

    def propagated(self, client: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
        """The client's headers (lower case, sorted) that some rule passes on to some
        subgraph: two clients equal in these (and in what the router sends itself) get
        the same headers from `apply` everywhere, so their subgraph requests may be shared."""
        rules = (*self.all, *(r for each in self.subgraphs.values() for r in each))
        found = {
            lowered: value
            for name, value in client.items()
            if any(rule.reads(lowered := name.lower()) for rule in rules)
        }
        return tuple(sorted(found.items()))

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> HeaderRules:
        """From Apollo Router's `headers` shape (as JSON):
        `{"all": {"request": [{"propagate": {"named": "accept-language"}}]},
        "subgraphs": {"users": {"request": [{"insert": {"name": "x", "value": "1"}}]}}}`
        (the `request` level may be left out)."""
        unknown = set(data) - {"all", "subgraphs"}
        if unknown:
            raise ValueError(f"unknown header rule sections: {sorted(unknown)}")
        subgraphs = data.get("subgraphs") or {}
        return cls(
            _rules(data.get("all")),
            MappingProxyType({name: _rules(rules) for name, rules in subgraphs.items()}),
        )


def _rules(section: Any) -> tuple[HeaderRule, ...]:
    if section is None:
        return ()
    if isinstance(section, Mapping):
        section = section.get("request", ())
    if not isinstance(section, Sequence):
        raise ValueError("header rules must be a list")
    return tuple(_rule(item) for item in section)


def _rule(item: Any) -> HeaderRule:
    if not isinstance(item, Mapping) or len(item) != 1:
        raise ValueError(f"a header rule is one of propagate, insert, remove: {item!r}")
    [(action, options)] = item.items()
    if action not in ("propagate", "insert", "remove") or not isinstance(options, Mapping):
        raise ValueError(f"unknown header rule {action!r}")
    known = {"named", "matching", "rename", "default", "name", "value"}
    if set(options) - known:
        raise ValueError(f"unknown {action} options: {sorted(set(options) - known)}")
    return HeaderRule(
        action,
        named=options.get("named", options.get("name")),
        matching=options.get("matching"),
        rename=options.get("rename"),
        default=options.get("default"),
        value=options.get("value"),
    )
