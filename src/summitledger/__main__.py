"""``python -m summitledger``: the command line."""

from summitledger.cli.main import run

run()
