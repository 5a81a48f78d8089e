"""Router benchmark: `python -m bench.router`."""
