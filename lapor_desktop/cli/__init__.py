"""The `lapor-desktop` command line (DESIGN §8): headless access to the same data as the GUI."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from lapor_desktop.cli.parser import UsageError, _sub, build_parser
from lapor_desktop.clock import Clock, clock_from_env
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.errors import MaintenanceError, WorkspaceError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(message: str, status: int = EXIT_USAGE) -> int:
    # One line on stderr: scripts and the OS scheduler's logs read it as is.
    sys.stderr.write(f"lapor-desktop: error: {' '.join(message.split())}\n")
    return status


GuiOpener = Callable[[AppPaths, Clock], int]
# Adds a sub-command parser named `name` that accepts the global options too.
AddParser = Callable[[str, str], argparse.ArgumentParser]


class CommandFailed(Exception):
    """An extra command's failure: a one-line message and an exit status (1: not done)."""

    def __init__(self, message: str, status: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.status = status


class ExtraCommand(Protocol):
    """A sub-command from outside the core (the sync commands, passed in by ui/launcher).

    The core cannot import `sync`; the launcher hands such commands to `main`. `register`
    must stay cheap (no heavy imports): `--help` builds every parser.
    """

    name: str

    def register(self, add: AddParser) -> None: ...

    def run(self, args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int: ...


def main(
    argv: Sequence[str] | None = None,
    open_gui: GuiOpener | None = None,
    extra_commands: Sequence[ExtraCommand] = (),
) -> int:
    """Run one command; with none, open the window through `open_gui` (the core has no GUI)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        extras = {command.name: command for command in extra_commands}
        if extras:
            commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
            for command in extras.values():
                command.register(lambda name, help_text: _sub(commands, name, help_text))
        args = parser.parse_args(args_list)
        clock = clock_from_env()
        if args.command is None:
            if open_gui is None:
                return _no_gui()
            return open_gui(AppPaths.resolve(args.data_dir), clock)
        if args.command in extras:
            return extras[args.command].run(args, AppPaths.resolve(args.data_dir), clock)
        return _dispatch(args, AppPaths.resolve(args.data_dir), clock)
    except CommandFailed as error:
        return _fail(str(error), error.status)
    except UsageError as error:
        return _fail(str(error))
    except (DomainError, WorkspaceError, MaintenanceError) as error:
        return _fail(str(error))
    except ValueError as error:  # e.g. a malformed LAPOR_NOW
        return _fail(str(error))
    except sqlite3.OperationalError as error:
        return _fail(f"database unavailable: {error}", EXIT_FAILED)
    except BrokenPipeError:
        # The reader went away (`… | head`): not an error of ours, and nothing more to say.
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - keeps the exit flush quiet
        return EXIT_OK
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as error:  # never a traceback at an operator; keep it for the developer
        logging.getLogger("lapor_desktop").debug("unexpected", exc_info=True)
        sys.stderr.write("".join(traceback.format_exception_only(error)))
        return _fail(f"unexpected error ({type(error).__name__}); please report it", EXIT_FAILED)


def _dispatch(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    # Imported here so `--help` and usage errors stay fast (SQLAlchemy costs ~0.6 s to import).
    from lapor_desktop.cli import admin_commands, case_commands, letter_commands
    from lapor_desktop.services.workspace import open_workspace

    handlers = {
        "init": admin_commands.run_init,
        "demo": admin_commands.run_demo,
        "queues": admin_commands.run_queues,
        "db": admin_commands.run_db,
        "backup": admin_commands.run_backup,
        "restore": admin_commands.run_restore,
        "holiday": admin_commands.run_holiday,
    }
    if args.command in handlers:
        return handlers[args.command](args, paths, clock)
    if args.command == "report":
        return _report(args, paths, clock)
    if args.command in letter_commands.COMMANDS:
        letter_commands.check_args(args)  # bad options are refused before the data dir opens
    workspace = open_workspace(paths, clock)
    try:
        if args.command in letter_commands.COMMANDS:
            return letter_commands.run(args, workspace)
        return case_commands.run(args, workspace)
    finally:
        workspace.close()


def _report(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    # Imported only for a report: the recap model and computation cost ~7 ms to import.
    from lapor_desktop.cli import report_commands
    from lapor_desktop.services.workspace import open_workspace

    report_commands.check_args(args, clock)  # before the data dir opens: bad input writes nothing
    workspace = open_workspace(paths, clock)
    try:
        return report_commands.run(args, workspace)
    finally:
        workspace.close()


def _no_gui() -> int:
    # `python -m lapor_desktop` is the headless entry; the window comes from `lapor-desktop`.
    sys.stdout.write(
        "No command given. The window opens with 'lapor-desktop'; see 'lapor-desktop --help'.\n"
    )
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
