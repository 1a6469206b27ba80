"""`letter`, `letter-reprint`, `letter-void`, `letters`, `letter-numbering`: formal letters.

Bad input is refused before anything is written: the output path is checked (a probe file is
created and removed in its folder) before a number is drawn, and the service refuses an
unknown case, a kind the case's state does not allow, an anonymous addressee or missing office
settings before it takes a number.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from lapor_desktop.cli import CommandFailed, output
from lapor_desktop.cli.parser import UsageError
from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.ops import iso
from lapor_desktop.services.letters import (
    NUMBERED_KINDS,
    IssuedLetter,
    LetterNumberPending,
    LetterService,
    parse_letter_kind,
    parse_paper,
)
from lapor_desktop.services.saved_files import write_atomically
from lapor_desktop.services.workspace import Workspace

COMMANDS = ("letter", "letter-reprint", "letter-void", "letters", "letter-numbering")


class OutputNotWritten(Exception):
    """The letter was issued but its PDF could not be saved where asked (exit status 1)."""


def check_output(text: str) -> Path:
    """Refuse an output path that cannot be written, without leaving anything behind."""
    path = Path(text).expanduser()
    if not path.name or path.is_dir():
        raise UsageError(f"-o {text}: is a folder; give a file name such as surat.pdf")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"-o {text}: the folder {parent} does not exist")
    if path.exists() and not path.is_file():
        raise UsageError(f"-o {text}: is not a regular file")
    try:
        fd, probe = tempfile.mkstemp(prefix=".lapor-probe-", dir=parent)
    except OSError as error:
        raise UsageError(f"-o {text}: cannot write in {parent} ({error.strerror})") from None
    os.close(fd)
    Path(probe).unlink()
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"-o {text}: the file is read-only")
    return path


def write_output(path: Path, data: bytes) -> None:
    """Written whole or not at all: a reader never sees half a PDF."""
    write_atomically(path, data, prefix=".lapor-letter-")


def check_args(args: argparse.Namespace) -> None:
    """Option checks that need no data dir; run before it is opened."""
    if args.command in ("letter", "letter-reprint"):
        check_output(args.output)
    if args.command == "letter":
        if args.paper is not None:
            parse_paper(args.paper)
        if args.blank and args.kind != "disposisi":
            raise UsageError("--blank is only for --kind disposisi")
        if args.anonymous_document and args.kind != "tanggapan":
            raise UsageError("--anonymous-document is only for --kind tanggapan")
        if args.body_file is not None and args.kind not in (
            "tanggapan",
            "penerusan",
            "kelengkapan",
        ):
            raise UsageError(f"--body-file: the text of a {args.kind} letter is not editable")
        if args.body_file is not None:
            args.body = _read_body(args.body_file)
        if (args.copy is not None or args.no_copies) and args.kind not in (
            "tanggapan",
            "penerusan",
            "kelengkapan",
        ):
            raise UsageError(f"--copy/--no-copies: a {args.kind} letter has no tembusan")
        if args.copy is not None and not all(c.strip() for c in args.copy):
            raise UsageError("--copy must not be empty")
    if args.command == "letters":
        given = [x for x in (args.case, args.date, args.today or None) if x]
        if len(given) != 1:
            raise UsageError("letters needs one of: CASE, --date YYYY-MM-DD or --today")
    if args.command == "letter-void" and not args.reason.strip():
        raise UsageError("--reason must not be empty")


def _read_body(name: str) -> str:
    try:
        text = Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"--body-file: {name} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"--body-file: cannot read {name} as UTF-8 text ({error})") from None
    if not text.strip():
        raise UsageError(f"--body-file: {name} is empty")
    return text


def letter_json(letter: IssuedLetter, file: Path | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": letter.id,
        "case_id": letter.case_id,
        "register_no": letter.register_no,
        "kind": letter.kind.value,
        "variant": letter.variant,
        "title": letter.title,
        "number": letter.number,
        "paper": letter.paper.value,
        "sha256": letter.sha256,
        "size": letter.size,
        "issued_at": iso(letter.issued_at),
        "issued_by": letter.issued_by,
        "voided_at": iso(letter.voided_at) if letter.voided_at else None,
        "void_reason": letter.void_reason,
        "withheld_at": iso(letter.withheld_at) if letter.withheld_at else None,
    }
    if file is not None:
        data["file"] = str(file)
    return data


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    service = LetterService(workspace)
    if args.command == "letter":
        return _issue(args, workspace, service)
    if args.command == "letter-reprint":
        path = Path(args.output).expanduser()
        letter = service.get(args.letter)
        write_output(path, service.reprint(args.letter, include_void=args.include_void))
        _print_letter(args, letter, path)
        return 0
    if args.command == "letter-void":
        letter = service.void(args.letter, args.reason)
        if args.json:
            output.emit_json(letter_json(letter))
        else:
            sys.stdout.write(f"{letter.title} {letter.number or letter.id} dibatalkan\n")
        return 0
    if args.command == "letters":
        return _list(args, workspace, service)
    return _numbering(args, service)


def _issue(args: argparse.Namespace, workspace: Workspace, service: LetterService) -> int:
    path = check_output(args.output)  # again: the folder may have changed meanwhile
    try:
        letter = service.issue(
            args.case,
            parse_letter_kind(args.kind),
            args.paper,
            getattr(args, "body", None),
            anonymous_document=args.anonymous_document,
            blank=args.blank,
            copies=() if args.no_copies else args.copy,
        )
    except LetterNumberPending as pending:
        # Offline with no leased number: the operator still gets the DRAFT to read and check;
        # nothing was issued, so the status says "not done" (1), not "bad input" (2).
        try:
            write_output(path, pending.draft)
        except OSError as error:
            raise CommandFailed(f"{pending} ({path}: {error.strerror})") from None
        raise CommandFailed(f"{pending}; the DRAFT is in {path}") from None
    try:
        write_output(path, service.reprint(letter.id))
    except OSError as error:
        sys.stderr.write(
            f"lapor-desktop: error: {letter.title} {letter.number or ''} was issued (id "
            f"{letter.id}) but {path} could not be written ({error.strerror}); save it with "
            f"'letter-reprint {letter.id} -o FILE'\n"
        )
        return 1
    _print_letter(args, letter, path)
    return 0


def _print_letter(args: argparse.Namespace, letter: IssuedLetter, path: Path) -> None:
    if args.json:
        output.emit_json(letter_json(letter, path))
    elif letter.number:
        sys.stdout.write(f"{letter.number}\n")
    else:
        sys.stdout.write(f"{letter.title}, No. Agenda {letter.register_no}\n")


def _list(args: argparse.Namespace, workspace: Workspace, service: LetterService) -> int:
    if args.case:
        letters = service.list_for_case(args.case)
    elif args.today:
        letters = service.issued_today()
    else:
        from lapor_desktop.cli.case_commands import parse_date

        letters = service.issued_on(parse_date(args.date, "--date"))
    if args.json:
        output.emit_json([letter_json(letter) for letter in letters])
        return 0
    if not letters:
        sys.stdout.write("(tidak ada surat)\n")
    for letter in letters:
        void = f"  [DIBATALKAN: {letter.void_reason}]" if letter.voided else ""
        if letter.withheld:
            void += "  [DITAHAN: identitas pelapor dihapus]"
        sys.stdout.write(
            f"{indonesian_datetime(letter.issued_at, workspace.tz):<28} "
            f"{letter.number or '-':<34} {letter.title:<30} {letter.register_no:<20} "
            f"{letter.id}{void}\n"
        )
    return 0


def _numbering(args: argparse.Namespace, service: LetterService) -> int:
    if args.classification is not None or args.format is not None:
        if args.kind is None:
            raise UsageError("--classification/--format need --kind")
        numbering = service.set_numbering(args.kind, args.classification, args.format)
    else:
        numbering = service.numbering()
    kinds = [parse_letter_kind(args.kind)] if args.kind else list(NUMBERED_KINDS)
    if args.json:
        full = numbering.to_json()
        output.emit_json({k.value: full[k.value] for k in kinds})
        return 0
    for kind in kinds:
        rule = numbering.rule(kind)
        sys.stdout.write(f"{kind.value:<14} {rule.classification:<14} {rule.format}\n")
    return 0
