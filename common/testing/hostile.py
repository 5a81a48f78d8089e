"""Hostile GraphQL documents, for the limit tests and `bench.abuse`."""

from __future__ import annotations


def fragment_explosion(fragments: int = 30) -> str:
    """Each fragment spreads the next twice: 2**fragments fields once expanded."""
    lines = ["query { me { ...F0 } }"]
    lines += [f"fragment F{i} on User {{ ...F{i + 1} ...F{i + 1} }}" for i in range(fragments)]
    lines.append(f"fragment F{fragments} on User {{ id }}")
    return "\n".join(lines)


def aliases(count: int = 1000, field: str = "me { id }") -> str:
    return "{ " + " ".join(f"a{i}: {field}" for i in range(count)) + " }"


def deep(depth: int = 165, *, root: str = "me", field: str = "friends", leaf: str = "id") -> str:
    """`root { field { field ... { leaf } } }`, `depth` fields deep."""
    inner = depth - 2
    return "{ " + f"{root} {{ " + f"{field} {{ " * inner + leaf + " }" * inner + " } }"
