from lifegraph.cli import app

app()
