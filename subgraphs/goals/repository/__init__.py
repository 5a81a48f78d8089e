"""All database access of the goals subgraph, one module per area."""
