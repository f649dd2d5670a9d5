"""``python -m summitledger``: the command line."""

from .cli.main import run

run()
