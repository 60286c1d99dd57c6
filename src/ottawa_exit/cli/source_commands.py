"""`ottawa-exit sources`: every source the data cite, with its kind, its publisher and the facts it supports.

No `from __future__ import annotations` here: Typer reads these annotations when it builds the command.
"""

from typing import Annotated

import typer

from .. import api
from ..data.model import KINDS
from ..render import Format
from .options import Debug, Formats, Output, RulesFiles, complete_treaty, guarded, load_rules
from .output import emit

SOURCE_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV, Format.MARKDOWN)


def complete_kind(incomplete: str) -> list[str]:
    return [k for k in KINDS if k.startswith(incomplete)]


@guarded
def sources(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND", autocompletion=complete_kind,
                                             help=f"Only sources of this kind: {', '.join(KINDS)}.")] = None,
    state: Annotated[str | None, typer.Option("--state", metavar="STATE",
                                              help="Only sources of facts about this state (any name or ISO "
                                              "code).")] = None,
    treaty: Annotated[str | None, typer.Option("--treaty", metavar="ID", autocompletion=complete_treaty,
                                               help="Only sources of facts about this treaty.")] = None,
    fmt: Annotated[Format, SOURCE_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """Every source the data cite: its kind, publisher, title and address (and the copy read, if any), and the facts
    it supports, each with its file and key. A fact no citable source states is marked secondary.

    \b
    Examples:
      ottawa-exit sources --kind depositary
      ottawa-exit sources --state Latvia --format markdown
      ottawa-exit sources --treaty ect --format csv -o ect-sources.csv
    """
    emit(fmt, output, api.sources(kind, state, treaty, rules=load_rules(ctx, rules)))
