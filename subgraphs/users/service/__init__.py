"""The users subgraph's use cases: the only layer its schema talks to."""
