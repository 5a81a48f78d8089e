"""Domain logic of the goals subgraph (no GraphQL, no transport)."""
