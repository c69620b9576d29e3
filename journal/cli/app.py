"""Parse the command line, open the library the way the command needs, run it, report errors.

Every error the user can cause ends as one line on stderr and exit code 2, with nothing written:
arguments are checked before the library is opened, and each command's work is one transaction.
"""

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from journal.cli import (
    EXIT_INTERRUPTED,
    check_commands,
    demo_commands,
    export_commands,
    hand_place_commands,
    library_commands,
    photo_commands,
    place_commands,
    post_commands,
    track_commands,
    trip_commands,
)
from journal.cli.command import Command, FolderCommand
from journal.errors import JournalError
from journal.identity import app_version
from journal.library_location import ENVIRONMENT_VARIABLE, library_folder
from journal.services import JournalService
from journal.store.library import Library

COMMANDS: tuple[Command | FolderCommand, ...] = (
    *trip_commands.COMMANDS,
    *photo_commands.COMMANDS,
    *place_commands.COMMANDS,
    *hand_place_commands.COMMANDS,
    *track_commands.COMMANDS,
    *export_commands.COMMANDS,
    *post_commands.COMMANDS,
    *demo_commands.COMMANDS,
    *check_commands.COMMANDS,
    *library_commands.COMMANDS,
)

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, like every other error of ours."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see {self.prog} --help)\n")
        sys.exit(EXIT_USER_ERROR)


def _add_common_options(
    parser: argparse.ArgumentParser, *, default_library: object, default_json: object
) -> None:
    parser.add_argument(
        "--library",
        metavar="PATH",
        default=default_library,
        help=f"library folder (default: ${ENVIRONMENT_VARIABLE}, else the user data folder)",
    )
    parser.add_argument(
        "--json", action="store_true", default=default_json, help="print JSON for scripts"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="journal",
        description="Trip Journal on the command line: the same library as the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    # --library and --json go before or after the command: `journal --library X trips` and
    # `journal trips --library X`. On subcommands they default to SUPPRESS, so that a command
    # does not reset a value given before it.
    _add_common_options(parser, default_library=None, default_json=False)
    common = _Parser(add_help=False)
    _add_common_options(common, default_library=argparse.SUPPRESS, default_json=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name, help=command.help, description=command.help, parents=[common]
        )
        sub.set_defaults(handler=command)
        command.configure(sub)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command: Command | FolderCommand = args.handler
    if isinstance(command, FolderCommand):
        return command.run(args, library_folder(args.library, os.environ))
    if command.check is not None:
        command.check(args)
    root = library_folder(args.library, os.environ)
    library = Library.open(root, create=command.creates_library, read_only=not command.writes)
    try:
        return command.run(args, JournalService(library))
    finally:
        library.close()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except SystemExit as exit_request:  # argparse's --help, --version and usage errors
        return exit_request.code if isinstance(exit_request.code, int) else EXIT_USER_ERROR
    except JournalError as error:
        sys.stderr.write(f"journal: {error}\n")
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("journal: interrupted; what finished is saved.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
