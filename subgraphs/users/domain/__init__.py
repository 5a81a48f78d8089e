"""Pure rules of the users subgraph: no I/O, no database, no GraphQL."""
