"""The argument grammar of `lapor-desktop` (DESIGN §8): global options before or after a command."""

from __future__ import annotations

import argparse
from typing import NoReturn

from lapor_desktop.domain.feedback import RATING_MAX, RATING_MIN
from lapor_desktop.domain.summary import Queue


class UsageError(Exception):
    """Bad command-line input: exit status 2 with a one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _globals(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # On sub-parsers the defaults are SUPPRESSed so an option given before the command is kept.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        default=default,
        help="data folder (default: $LAPOR_DATA_DIR, else the user data dir)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="machine-readable output",
    )


def _sub(subparsers: argparse._SubParsersAction[_Parser], name: str, help_text: str) -> _Parser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    _globals(parser, top=False)
    return parser


def build_parser() -> _Parser:
    parser = _Parser(
        prog="lapor-desktop",
        description="LAPOR Desktop: pengelolaan pengaduan SP4N-LAPOR! untuk OPD",
    )
    _globals(parser, top=True)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    init = _sub(commands, "init", "set up this data dir for one office")
    init.add_argument("--office-code", required=True)
    init.add_argument("--office-name", required=True)
    init.add_argument("--regency", required=True, help='e.g. "Kabupaten Sumenep"')
    for option in (
        "--unit-code",
        "--address",
        "--postal-code",
        "--phone",
        "--email",
        "--website",
        "--city",
        "--head-name",
        "--head-nip",
        "--head-rank",
        "--head-title",
    ):
        init.add_argument(option, default="")
    init.add_argument("--timezone", default="WIB", help="WIB, WITA or WIT")
    init.add_argument("--unit", action="append", default=[], help="a unit of the office (repeat)")
    init.add_argument("--user", default=None, help="operator name (default: operator)")
    init.add_argument("--role", default=None, help="operator, coordinator or admin")

    demo = _sub(commands, "demo", "fill a fresh data dir with realistic demo data")
    demo.add_argument("--cases", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=1)

    queues = _sub(commands, "queues", "work queues with their counts")
    del queues

    case = _sub(commands, "case", "register and work on cases")
    case_commands = case.add_subparsers(dest="case_command", parser_class=_Parser)
    _case_parsers(case_commands)

    holiday = _sub(commands, "holiday", "the working-day calendar: holidays and local changes")
    holiday_commands = holiday.add_subparsers(dest="holiday_command", parser_class=_Parser)
    holiday_list = _sub(holiday_commands, "list", "holidays of a year")
    holiday_list.add_argument("--year", type=int, default=None)
    holiday_add = _sub(holiday_commands, "add", "declare a local holiday (libur daerah)")
    holiday_add.add_argument("date", help="YYYY-MM-DD")
    holiday_add.add_argument("--name", required=True)
    holiday_remove = _sub(holiday_commands, "remove", "make a holiday a working day here")
    holiday_remove.add_argument("date", help="YYYY-MM-DD")
    holiday_remove.add_argument("--reason", required=True)

    _letter_parsers(commands)
    _report_parser(commands)

    db = _sub(commands, "db", "database maintenance")
    db_commands = db.add_subparsers(dest="db_command", parser_class=_Parser)
    _sub(db_commands, "upgrade", "bring the database to this version's schema")
    _sub(db_commands, "check", "integrity, schema and index checks")

    backup = _sub(
        commands,
        "backup",
        "write the database, attachments, issued letters and logo to one new archive FILE; "
        "safe while the app runs",
    )
    backup.add_argument("file", help="a new .zip file, e.g. on a USB stick (never overwritten)")
    restore = _sub(
        commands,
        "restore",
        "check a LAPOR backup FILE, then bring back its database, attachments and logo "
        "(the old database is kept beside it)",
    )
    restore.add_argument("file", help="a backup .zip, or a .db file from earlier versions")
    return parser


def _case_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
    add = _sub(sub, "add", "register a new case (intake)")
    add.add_argument("--title", required=True)
    add.add_argument("--text", required=True, help="the complaint as received (immutable)")
    add.add_argument("--channel", required=True)
    add.add_argument("--category", required=True, help="code or exact name, either level")
    add.add_argument("--kind", default="pengaduan")
    add.add_argument("--summary", default="")
    add.add_argument("--priority", default="normal")
    add.add_argument(
        "--severity", default="ringan", help="ringan | tanpa_pemeriksaan | pemeriksaan_lapangan"
    )
    add.add_argument("--received-at", default=None, help="YYYY-MM-DDTHH:MM (office time)")
    add.add_argument("--incident-date", default=None, help="YYYY-MM-DD")
    add.add_argument("--kecamatan", default=None)
    add.add_argument("--desa", default=None)
    add.add_argument("--location", default=None, help="free-text location")
    for field in ("name", "nik", "phone", "email", "address"):
        add.add_argument(f"--reporter-{field}", default=None)
    add.add_argument("--anonymous", action="store_true")
    add.add_argument("--confidential", action="store_true")
    add.add_argument("--lapor-id", default=None, help="SP4N-LAPOR! tracking id")

    listing = _sub(sub, "list", "list cases")
    listing.add_argument("--status", action="append", default=[])
    listing.add_argument("--queue", default=None, choices=[q.value for q in Queue])
    listing.add_argument("--search", default="")
    listing.add_argument("--overdue", action="store_true")
    listing.add_argument("--limit", type=int, default=50)

    show = _sub(sub, "show", "one case with its deadlines and timeline")
    show.add_argument("case")

    edit = _sub(sub, "edit", "change fields of a case")
    edit.add_argument("case")
    for option in (
        "--title",
        "--summary",
        "--category",
        "--priority",
        "--severity",
        "--kind",
        "--channel",
        "--lapor-id",
        "--incident-date",
        "--kecamatan",
        "--desa",
        "--location",
        "--reporter-name",
        "--reporter-nik",
        "--reporter-phone",
        "--reporter-email",
        "--reporter-address",
    ):
        edit.add_argument(option, default=None)
    flags = edit.add_mutually_exclusive_group()
    flags.add_argument("--confidential", dest="confidential", action="store_true", default=None)
    flags.add_argument("--not-confidential", dest="confidential", action="store_false")
    edit.add_argument(
        "--anonymous",
        action="store_true",
        default=None,
        help="make the case anonymous (drops the reporter's identity)",
    )

    dispose = _sub(sub, "dispose", "route the case to a unit/person or another office")
    dispose.add_argument("case")
    dispose.add_argument("--to-office", default=None)
    dispose.add_argument("--to-unit", default=None)
    dispose.add_argument("--to-person", default=None)
    dispose.add_argument("--instruction", action="append", default=[])
    dispose.add_argument("--note", default="")
    dispose.add_argument("--sifat", default="biasa")

    for name, help_text in (
        ("needs-info", "ask the reporter to complete the data (pauses SLA)"),
        ("reopen", "reopen with a reason"),
        ("cancel", "cancel (coordinator only)"),
    ):
        p = _sub(sub, name, help_text)
        p.add_argument("case")
        p.add_argument("--reason", required=True)
    for name, help_text in (
        ("info-received", "the reporter completed the data"),
        ("resolve", "close as resolved"),
        ("close-incomplete", "close: the reporter never completed it"),
    ):
        p = _sub(sub, name, help_text)
        p.add_argument("case")
        p.add_argument("--note", default="")

    forward = _sub(sub, "forward", "forward to the competent agency (No Wrong Door)")
    forward.add_argument("case")
    forward.add_argument("--agency", required=True)
    forward.add_argument("--reason", required=True)

    archive = _sub(sub, "archive", "archive: not a complaint, spam or duplicate")
    archive.add_argument("case")
    archive.add_argument("--reason", required=True)
    archive.add_argument("--duplicate-of", default=None)

    for name, help_text in (
        ("follow-up", "record a follow-up (tindak lanjut)"),
        ("answer", "give the final answer to the reporter"),
        ("note", "add a note to the timeline"),
    ):
        p = _sub(sub, name, help_text)
        p.add_argument("case")
        p.add_argument("--text", required=True)

    feedback = _sub(
        sub,
        "feedback",
        "record the reporter's satisfaction with the final answer (kepuasan pelapor)",
    )
    feedback.add_argument("case")
    feedback.add_argument(
        "--rating", required=True, type=_rating, metavar="1..5", help="1 (worst) to 5 (best)"
    )
    verdict = feedback.add_mutually_exclusive_group(required=True)
    verdict.add_argument(
        "--puas", dest="satisfied", action="store_true", default=None, help="beres: satisfied"
    )
    verdict.add_argument(
        "--tidak-puas", dest="satisfied", action="store_false", help="belum beres: not satisfied"
    )
    feedback.add_argument("--text", default="", help="what the reporter said (optional)")

    extend = _sub(sub, "extend", "extend a running deadline, with a reason")
    extend.add_argument("case")
    extend.add_argument("--days", type=int, required=True)
    extend.add_argument("--reason", required=True)
    extend.add_argument(
        "--stage",
        default=None,
        help="verification | first_follow_up | resolution (default: resolution)",
    )

    _sub(sub, "auto-close", "close what waited too long (no reply after the answer, no data)")

    settle = _sub(sub, "resolve-conflict", "settle a sync conflict (`case show` lists them)")
    settle.add_argument("case")
    settle.add_argument("conflict_id", help="the conflict's id, or its first characters")
    how = settle.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--keep",
        choices=("ours", "theirs"),
        default=None,
        help="ours: the value that was not applied; theirs: the value the case holds",
    )
    how.add_argument("--value", default=None, help="set the field to this value instead")

    attach = _sub(sub, "attach", "attach a file (photo, letter, document)")
    attach.add_argument("case")
    attach.add_argument("file")


def _rating(text: str) -> int:
    """Checked as the arguments are read: "--rating x" and "--rating 6" are refused alike, in
    one line, before the data dir is opened."""
    value = text.strip()
    digits = value.isascii() and value.isdigit() and len(value) <= 2
    if not digits or not RATING_MIN <= int(value) <= RATING_MAX:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number from {RATING_MIN} to {RATING_MAX} "
            f"(penilaian {RATING_MIN} sampai {RATING_MAX})"
        )
    return int(value)


def _report_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    report = _sub(
        sub,
        "report",
        "the recap (rekap) of a year or a month as CSV, XLSX or PDF; with --book a register "
        "(buku agenda pengaduan, register surat keluar)",
    )
    # Text, not type=int: the service says what is wrong with a year in one line.
    report.add_argument("--year", required=True, help="e.g. 2026")
    report.add_argument("--month", default=None, help="1..12 (default: the whole year)")
    report.add_argument(
        "--format", default=None, help="csv, xlsx or pdf (default: from the -o name)"
    )
    report.add_argument(
        "-o", "--output", default=None, metavar="FILE", help="rekap.xlsx, rekap.pdf, rekap.csv"
    )
    report.add_argument(
        "--pemda",
        action="store_true",
        help="seluruh Pemda: every office's cases this PC holds; coordinator only",
    )
    report.add_argument(
        "--book",
        default=None,
        metavar="agenda|surat-keluar",
        help="instead of the recap, the office's register of the period: agenda (buku agenda "
        "pengaduan: complaints received) or surat-keluar (register surat keluar: letters issued)",
    )
    report.add_argument(
        "--laporan-pengelolaan",
        action="store_true",
        help="instead of the recap, the Laporan Pengelolaan Pengaduan (Zona Integritas) of the "
        "period as PDF, signed by the head of office",
    )
    for flag, what in (
        ("--kendala", "kendala (obstacles met)"),
        ("--solusi", "solusi (how they were solved)"),
        ("--evaluasi", "hasil evaluasi atas tindak lanjut"),
        ("--tindak-lanjut-evaluasi", "tindak lanjut hasil evaluasi"),
    ):
        report.add_argument(
            flag,
            default=None,
            metavar="TEXT",
            help=f"with --laporan-pengelolaan: {what}; left out, the report prints lines to "
            "write it in by hand",
        )
    report.add_argument(
        "--paper", default=None, help="with --laporan-pengelolaan: A4 (default) or F4"
    )


LETTER_KINDS = ("disposisi", "tanggapan", "penerusan", "kelengkapan", "tanda-terima")


def _letter_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
    letter = _sub(sub, "letter", "issue a letter for a case and save it as PDF")
    letter.add_argument("case", help="id, register number or LAPOR! tracking id")
    letter.add_argument("--kind", required=True, choices=LETTER_KINDS)
    letter.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    letter.add_argument("--paper", default=None, help="F4 or A4 (default: the settings')")
    letter.add_argument("--blank", action="store_true", help="blank Lembar Disposisi form")
    letter.add_argument(
        "--anonymous-document",
        action="store_true",
        help="a Surat Tanggapan without any identity, for upload to LAPOR!",
    )
    letter.add_argument(
        "--body-file", default=None, metavar="FILE", help="the letter's text (UTF-8), edited"
    )
    copies = letter.add_mutually_exclusive_group()
    copies.add_argument(
        "--copy",
        action="append",
        default=None,
        metavar="RECIPIENT",
        help="a tembusan recipient, repeatable; replaces the default tembusan",
    )
    copies.add_argument("--no-copies", action="store_true", help="a letter without tembusan")

    reprint = _sub(sub, "letter-reprint", "save an issued letter again, identical")
    reprint.add_argument("letter", help="the letter's id or number")
    reprint.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    reprint.add_argument("--include-void", action="store_true", help="also a voided letter")

    void = _sub(sub, "letter-void", "void an issued letter; its number stays used")
    void.add_argument("letter", help="the letter's id or number")
    void.add_argument("--reason", required=True)

    listing = _sub(sub, "letters", "letters issued for a case, or on a day (Surat hari ini)")
    listing.add_argument("case", nargs="?", default=None)
    listing.add_argument("--date", default=None, help="YYYY-MM-DD, office time")
    listing.add_argument("--today", action="store_true")

    numbering = _sub(sub, "letter-numbering", "show or set the letter numbering of a kind")
    numbering.add_argument("--kind", default=None, choices=LETTER_KINDS[1:])
    numbering.add_argument("--classification", default=None, help="e.g. 400.14.5.4")
    numbering.add_argument(
        "--format", default=None, help="e.g. {classification}/{seq}/{unit_code}/{year}"
    )
