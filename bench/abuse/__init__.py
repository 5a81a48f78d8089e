"""How fast hostile requests are refused, and how `/health` fares while they run."""
