"""All database access of the analytics subgraph, one module per area."""
