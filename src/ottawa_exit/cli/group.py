"""The Click objects behind the commands, shaped through the methods Click and Typer document for overriding:
one-line usage errors, commands imported and built only when they run, argument help that shows the metavar alone.

No private API and no patching: ``Commands`` is Click's lazy-loading group (``list_commands`` and ``get_command``
overridden, each command built by ``typer.main.get_command``), and every error is caught as ``typer.TyperException``,
the public base of the errors Typer's parser raises.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from ..errors import closest

USAGE_EXIT = 2  # the exit code of a usage error: bad option, missing argument, unknown command


def fail(message: str, code: int) -> NoReturn:
    """The one way a command ends in error: one line on stderr, then the exit code."""
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()
    sys.exit(code)


def _sentence(message: str) -> str:
    message = " ".join(message.split()).replace("Value error, ", "")  # Typer's validators prefix pydantic's words
    return message[:1].lower() + message[1:].rstrip(".")


class OneLineErrors(TyperGroup):
    """Usage errors as one line on stderr (exit 2), never a box or a traceback; no arguments at all: the help, on
    stdout, exit 0."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        try:
            result = super().main(args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False,
                                  windows_expand_args=windows_expand_args, **extra)
        except typer.Abort as exc:  # Click turns Ctrl-C outside a command (parsing, the root callback) into Abort
            fail("interrupted", 130) if isinstance(exc.__cause__, KeyboardInterrupt) else fail("aborted", 1)
        except typer.TyperException as exc:  # every error of Typer's parser derives from it
            context = getattr(exc, "ctx", None)
            if exc.exit_code == USAGE_EXIT:
                command = context.command_path if context is not None else "ottawa-exit"
                fail(f"{_sentence(exc.format_message())} (see '{command} --help')", USAGE_EXIT)
            fail(_sentence(exc.format_message()), exc.exit_code)
        code = result if isinstance(result, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            sys.stdout.write(ctx.get_help() + "\n")
            ctx.exit(0)
        return super().parse_args(ctx, args)


class Command(TyperCommand):
    """A command whose arguments are shown in help by their metavar alone (``COUNTRY``, where Typer would write
    ``COUNTRY <str>``)."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((param.metavar or record[0], record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def one_command(name: str, function: Callable[..., Any]) -> typer.Typer:
    """A Typer app of one command, as Typer builds it for ``typer.main.get_command``."""
    app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    app.command(name, cls=Command)(function)
    return app


class Commands(OneLineErrors):
    """Click's lazy-loading group: each command is named in ``lazy`` ("module:attribute", relative to this
    package), and its module is imported and its Click command built only when that command is run, completed or
    listed in help. A command that is not run costs nothing at start-up: neither its imports nor Typer's reading of
    its parameters."""

    lazy: Mapping[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.built: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.lazy)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.lazy:
            return None
        if cmd_name not in self.built:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            target = getattr(importlib.import_module(module, __package__), attribute)
            app = target if isinstance(target, typer.Typer) else one_command(cmd_name, target)
            self.built[cmd_name] = typer.main.get_command(app)
        return self.built[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command is a usage error that suggests the closest name."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in self.lazy and not ctx.resilient_parsing:
            near = closest(name, self.lazy)
            hint = f" Did you mean {near!r}?" if near else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)
