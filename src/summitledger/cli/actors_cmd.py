"""summitledger actors [merge|split]"""

from __future__ import annotations

from typing import Annotated

import typer

from summitledger import report
from summitledger.cli.options import (
    DbOption,
    EventOption,
    FormatOption,
    open_event,
    open_reading,
    settings,
)
from summitledger.reconcile.overrides import list_overrides, record_override, reset_overrides
from summitledger.report.names import several_events
from summitledger.report.output import Format, emit
from summitledger.safe import line_safe

actors_app = typer.Typer(rich_markup_mode=None)


@actors_app.callback(invoke_without_command=True)
def actors_cli(
    ctx: typer.Context,
    why: Annotated[str | None, typer.Option(
        "--why", metavar="NAME",
        help="Explain one actor: every name it went by and why each joined it.")] = None,
    event: EventOption = None,
    db: DbOption = None,
    format: FormatOption = Format.table,
) -> None:
    """Actors: list each with its aliases, claim count and outlets; explain, merge or
    split them.

    \b
    Examples:
      summitledger actors
      summitledger actors --why "the provincial governor"
      summitledger actors merge "Kim Jong Un" "the North Korean leader"
      summitledger actors split "Kim Jong Un" "Kim Yo Jong"
      summitledger actors overrides
      summitledger actors reset --all
    """
    if ctx.invoked_subcommand is not None:
        return
    engine, scope = open_event(settings(db).db, event)
    try:
        if why is not None:
            emit(report.joins(engine, why, event=scope), format,
                 ["actor", "name", "joined", "reason"], title=f"why: {why}")
            return
        rows = report.actors(engine, event=scope)
        several = scope is None and several_events(engine)
    finally:
        engine.dispose()
    columns = ["id", "actor", "kind", "aliases", "claims", "outlets"]
    emit(rows, format, ["event", *columns] if several else columns, title="actors")


@actors_app.command("merge")
def merge_cli(
    a: Annotated[str, typer.Argument(help="An actor or any name it goes by.")],
    b: Annotated[str, typer.Argument(help="Another name that is the same actor.")],
    db: DbOption = None,
) -> None:
    """Treat two actors as one from now on, named as A is (kept across re-ingests), and
    reconcile. Each name must name one actor: its name, an alias only it has, or #ID."""
    done = record_override(settings(db).db, "merge", a, b)
    typer.echo(line_safe(f"merged {done.b} into {done.a}; ledger now has "
                         f"{done.summary.actors} actors"), err=True)


@actors_app.command("split")
def split_cli(
    a: Annotated[str, typer.Argument(help="The actor.")],
    b: Annotated[str, typer.Argument(help="A name that is NOT that actor.")],
    db: DbOption = None,
) -> None:
    """Keep a name apart from an actor it was joined to, and reconcile."""
    done = record_override(settings(db).db, "split", a, b)
    typer.echo(line_safe(f"split '{done.b}' from {done.a}; ledger now has "
                         f"{done.summary.actors} actors"), err=True)


@actors_app.command("overrides")
def overrides_cli(db: DbOption = None, format: FormatOption = Format.table) -> None:
    """List your merges and splits (the id is what 'actors reset' takes)."""
    engine = open_reading(settings(db).db)
    try:
        rows = list_overrides(engine)
    finally:
        engine.dispose()
    emit(rows, format, ["id", "action", "a", "b", "created_at"], title="actor overrides")


@actors_app.command("reset")
def reset_cli(
    ids: Annotated[list[int] | None, typer.Argument(
        help="Override ids to undo (see 'actors overrides').", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Undo every merge and split.")] = False,
    db: DbOption = None,
) -> None:
    """Undo merges and splits, and reconcile.

    \b
    Examples:
      summitledger actors reset 2
      summitledger actors reset --all
    """
    if not ids and not all_:
        raise typer.BadParameter("give override ids, or --all")
    summary = reset_overrides(settings(db).db, None if all_ else list(ids or []))
    typer.echo(line_safe(f"overrides undone; ledger now has {summary.actors} actors"), err=True)
