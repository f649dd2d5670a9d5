"""summitledger diff [OUTLET_A [OUTLET_B]]"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from summitledger import report
from summitledger.cli.options import DbOption, EventOption, FormatOption, open_event, settings
from summitledger.report.output import Format, emit, table, write_json

GROUP_COLUMNS = ["group", "actor", "status", "outlets", "statement"]


def diff_cli(
    outlet_a: Annotated[str | None, typer.Argument(help="An outlet (as in 'claims').")] = None,
    outlet_b: Annotated[str | None, typer.Argument(help="Another outlet.")] = None,
    event: EventOption = None,
    db: DbOption = None,
    format: FormatOption = Format.table,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when the outlets differ, 0 when they do not (like git).")] = False,
) -> None:
    """Compare outlets: what both report, what only one does, where they contradict,
    and which figures one source updated over time.

    With two outlets, those two; with one, that outlet against the rest; with none,
    every outlet against the others, plus an actor-by-outlet table of claim counts.
    Only what involves the outlets named is reported (a contradiction between one of
    them and a third outlet is not theirs); an outlet is not compared with itself.

    \b
    Examples:
      summitledger diff
      summitledger diff "The Economist" 003_5de13dea81f391c1 --format json
    """
    engine, scope = open_event(settings(db).db, event)
    try:
        d = report.diff(engine, outlet_a, outlet_b, event=scope)
    finally:
        engine.dispose()
    if format is Format.json:
        write_json(d.model_dump())
    elif format in (Format.jsonl, Format.csv):
        rows = [{"section": "both", "outlet": "", **g.model_dump()} for g in d.both]
        for outlet, groups in d.only.items():
            rows += [{"section": "only", "outlet": outlet, **g.model_dump()} for g in groups]
        rows += [{"section": "contradicted", "outlet": "", **g.model_dump()}
                 for g in d.contradictions]
        rows += [{"section": "updated", "outlet": "", **g.model_dump()} for g in d.updated]
        rows += [{"section": "worded-differently", "outlet": "", **g.model_dump()}
                 for g in d.worded_differently]
        rows += [{"section": "disputed", "outlet": "", **g.model_dump()} for g in d.disputes]
        emit(rows, format, ["section", "outlet", *GROUP_COLUMNS])
    else:
        names = " vs ".join(d.outlets) if len(d.outlets) <= 2 else "every outlet"
        emit(d.both, format, GROUP_COLUMNS, title=f"reported by more than one outlet ({names})")
        for outlet, groups in d.only.items():
            emit(groups, format, GROUP_COLUMNS, title=f"only {outlet}")
        emit(d.contradictions, format, GROUP_COLUMNS, title="contradictions")
        emit(d.updated, format, GROUP_COLUMNS, title="figures one source updated")
        emit(d.worded_differently, format, GROUP_COLUMNS, title="quotations worded differently")
        emit(d.disputes, format, GROUP_COLUMNS, title="disputed by another actor")
        if outlet_b is None:
            outlets = sorted({o for row in d.matrix.values() for o in row})
            rows = [{"actor": actor, **counts} for actor, counts in d.matrix.items()]
            table(rows, ["actor", *outlets], title="claims by actor and outlet", out=sys.stdout)
    if exit_code and d.differs:
        raise typer.Exit(1)
