"""Where a command-line tool takes a password from, shared by `lapor-desktop enroll` and
`lapor-server add-user`.

A password on the command line shows in the process list and the shell history, so the options
are, in order: `--password` (throwaway test accounts only), `--password-file` (first line), a
prompt when standard input is a terminal, else one line of standard input (a script's pipe).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path


class PasswordMissing(ValueError):
    """No usable password; the message says where one can come from."""


def read_password(given: str | None, file: Path | None, prompt: str) -> str:
    if given is not None:
        password = given
    elif file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PasswordMissing(f"cannot read the password file {file}: {error}") from None
        password = text.splitlines()[0] if text else ""
    elif sys.stdin is not None and sys.stdin.isatty():
        try:
            password = getpass.getpass(prompt)
        except (EOFError, KeyboardInterrupt):
            raise PasswordMissing("no password given") from None
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        password = line.rstrip("\r\n")
    if not password:
        raise PasswordMissing(
            "no password given: type it when asked, use --password-file FILE, "
            "or pipe it on standard input"
        )
    return password


def add_password_options(parser: argparse.ArgumentParser) -> None:
    """`--password-file F` or `--password P`, mutually exclusive; neither means ask."""
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--password-file", type=Path, help="a file whose first line is the password")
    given.add_argument("--password", help="visible to other users of this PC: avoid")
