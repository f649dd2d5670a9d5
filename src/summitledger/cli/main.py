"""The ``summitledger`` command: registers one small module per command."""

from __future__ import annotations

import typer

from summitledger.cli.actors_cmd import actors_app
from summitledger.cli.claims_cmd import claims_cli
from summitledger.cli.diff_cmd import diff_cli
from summitledger.cli.eval_cmd import eval_cli
from summitledger.cli.events_cmd import events_cli
from summitledger.cli.export_cmd import export_cli
from summitledger.cli.figures_cmd import figures_cli
from summitledger.cli.ingest_cmd import ingest_cli
from summitledger.cli.ledger_cmd import ledger_app
from summitledger.cli.options import LedgerGroup
from summitledger.cli.reconcile_cmd import reconcile_cli
from summitledger.cli.report_cmd import report_cli
from summitledger.cli.serve_cmd import serve_cli
from summitledger.cli.show_cmd import show_cli
from summitledger.version import __version__

app = typer.Typer(
    name="summitledger",
    cls=LedgerGroup,
    no_args_is_help=True,
    add_completion=True,  # --install-completion for bash, zsh, fish, PowerShell
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "A cross-source ledger of attributed claims for news events: who said what, "
        "which outlets reported it, and whether it is corroborated, single-source, "
        "updated or contradicted; and every figure of an event as a series across "
        "sources. Events are kept apart (ingest --event, summitledger events).\n\n"
        "Start with: summitledger ingest seeds/ ; then "
        "summitledger claims --actor Putin ; summitledger diff.\n\n"
        "The ledger is data/claims.db unless --db or SUMMITLEDGER_DB says otherwise: "
        "an SQLite file, or a shared PostgreSQL ledger (postgresql+psycopg://user@host/db)."
    ),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summitledger {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """summitledger"""


app.command("ingest")(ingest_cli)
app.command("events")(events_cli)
app.command("claims")(claims_cli)
app.command("diff")(diff_cli)
app.command("show")(show_cli)
app.command("figures")(figures_cli)
app.command("reconcile")(reconcile_cli)
app.command("eval")(eval_cli)
app.command("report")(report_cli)
app.command("export")(export_cli)
app.command("serve")(serve_cli)
app.add_typer(actors_app, name="actors")
app.add_typer(ledger_app, name="ledger")


def run() -> None:
    app()
