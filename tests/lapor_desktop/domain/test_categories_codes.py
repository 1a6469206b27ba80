"""Category lookup, vocabulary parsing, register numbers and UUIDv7."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_desktop.domain.categories import Category, CategoryTree
from lapor_desktop.domain.codes import (
    CHANNEL_LABELS,
    CaseKind,
    CaseStatus,
    Channel,
    Priority,
    Severity,
    Sifat,
    parse_channel,
    parse_kind,
    parse_priority,
    parse_severity,
    parse_sifat,
    parse_status,
)
from lapor_desktop.domain.errors import (
    AmbiguousCategory,
    DomainError,
    UnknownCategory,
    UnknownCode,
    ValidationError,
)
from lapor_desktop.domain.identifiers import (
    RegisterNumber,
    looks_like_register_no,
    uuid7,
    validate_office_code,
)
from lapor_desktop.resources import default_categories

TREE = default_categories()

# --------------------------------------------------------------------------- categories


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("INFRASTRUKTUR.TRANSPORTASI", "INFRASTRUKTUR.TRANSPORTASI"),
        ("infrastruktur.transportasi", "INFRASTRUKTUR.TRANSPORTASI"),
        ("INFRASTRUKTUR", "INFRASTRUKTUR"),
        ("Infrastruktur", "INFRASTRUKTUR"),
        ("Transportasi", "INFRASTRUKTUR.TRANSPORTASI"),
        ("  bantuan   SOSIAL ", "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL"),
        ("sosial dan kesejahteraan", "SOSIAL_DAN_KESEJAHTERAAN"),
        ("Infrastruktur › Transportasi", "INFRASTRUKTUR.TRANSPORTASI"),
        ("sosial dan kesejahteraan › bantuan sosial", "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL"),
        ("Agama › Pendidikan Agama", "AGAMA.PENDIDIKAN_AGAMA"),
        (
            "Pendidikan dan Kebudayaan › pendidikan agama",
            "PENDIDIKAN_DAN_KEBUDAYAAN.PENDIDIKAN_AGAMA",
        ),
    ],
)
def test_resolve_by_code_name_and_path(text: str, code: str) -> None:
    assert TREE.resolve(text).code == code


def test_resolved_levels_are_right() -> None:
    top = TREE.resolve("Infrastruktur")
    child = TREE.resolve("Transportasi")
    assert top.is_top_level and top.parent_code is None
    assert not child.is_top_level and child.parent_code == "INFRASTRUKTUR"
    assert TREE.path(child.code) == "Infrastruktur › Transportasi"


def test_shared_sub_category_name_is_ambiguous_and_lists_both_parents() -> None:
    # "Pendidikan Agama" sits under both Agama and Pendidikan dan Kebudayaan.
    with pytest.raises(AmbiguousCategory) as caught:
        TREE.resolve("pendidikan agama")
    error = caught.value
    assert error.code == "ambiguous_category"
    assert len(error.candidates) == 2
    joined = " | ".join(error.candidates)
    assert "AGAMA.PENDIDIKAN_AGAMA" in joined
    assert "PENDIDIKAN_DAN_KEBUDAYAAN.PENDIDIKAN_AGAMA" in joined
    assert "Agama › Pendidikan Agama" in joined
    assert "Pendidikan dan Kebudayaan › Pendidikan Agama" in joined
    assert "Pendidikan Agama" in str(error)


def test_every_shared_child_name_in_the_shipped_tree_is_refused() -> None:
    names: dict[str, list[str]] = {}
    for category in TREE.categories:
        names.setdefault(" ".join(category.name.split()).casefold(), []).append(category.code)
    shared = {name: codes for name, codes in names.items() if len(codes) > 1}
    assert shared, "the shipped tree is expected to have at least one shared name"
    for name, codes in shared.items():
        with pytest.raises(AmbiguousCategory) as caught:
            TREE.resolve(name.upper())
        assert len(caught.value.candidates) == len(codes)


@pytest.mark.parametrize(
    "text",
    [
        "Perpajakan Daerah",
        "",
        "   ",
        "Infrastruktur › Pangan",
        "Transportasi Umum",
        "INFRASTRUKTUR.",
    ],
)
def test_unknown_category(text: str) -> None:
    with pytest.raises(UnknownCategory) as caught:
        TREE.resolve(text)
    assert caught.value.code == "unknown_category"
    assert isinstance(caught.value, DomainError)


def test_every_category_resolves_by_its_code_and_its_path() -> None:
    for category in TREE.categories:
        assert TREE.resolve(category.code) == category
        assert TREE.resolve(TREE.path(category.code).upper()) == category


def _scanning_resolve(tree: CategoryTree, text: str) -> Category:
    """The lookup as it was before the tree was indexed: the behaviour to keep."""
    exact = [c for c in tree.categories if c.code == text]
    if exact:
        return exact[0]
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        raise UnknownCategory(text)
    by_code = [c for c in tree.categories if c.code.casefold() == wanted]
    if by_code:
        return by_code[0]
    by_path = [
        c for c in tree.categories if " ".join(tree.path(c.code).split()).casefold() == wanted
    ]
    if len(by_path) == 1:
        return by_path[0]
    by_name = [c for c in tree.categories if " ".join(c.name.split()).casefold() == wanted]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        raise AmbiguousCategory(text, [f"{tree.path(c.code)} ({c.code})" for c in by_name])
    raise UnknownCategory(text)


_WORDS = st.sampled_from(["a", "A", "b", "umum", "Umum ", "x y", "a › b", "A.b", "a.b"])


@given(
    names=st.lists(st.tuples(_WORDS, _WORDS, st.booleans()), min_size=1, max_size=8),
    query=st.one_of(_WORDS, st.text(max_size=6)),
)
def test_indexed_resolve_answers_as_a_scan_of_the_tree(
    names: list[tuple[str, str, bool]], query: str
) -> None:
    # Codes that differ only by case, names shared across levels, paths equal to names.
    categories: list[Category] = []
    for code, name, child in names:
        parent = categories[0].code if child and categories else None
        categories.append(Category(code, name.strip() or "n", parent))
    seen: set[str] = set()
    unique = [c for c in categories if not (c.code in seen or seen.add(c.code))]
    tree = CategoryTree(tuple(unique))
    texts = [query, *(c.code for c in unique), *(c.code.upper() for c in unique)]
    texts += [tree.path(c.code) for c in unique] + [c.name.upper() for c in unique]
    for text in texts:
        try:
            expected: Category | type[Exception] = _scanning_resolve(tree, text)
        except (UnknownCategory, AmbiguousCategory) as error:
            expected = type(error)
        try:
            got: Category | type[Exception] = tree.resolve(text)
        except (UnknownCategory, AmbiguousCategory) as error:
            got = type(error)
        assert got == expected, text


def test_tree_from_json_validates_its_input() -> None:
    tree = CategoryTree.from_json(
        {
            "categories": [
                {"code": "A", "name": "Alpha", "children": [{"code": "A.X", "name": "Umum"}]},
                {"code": "B", "name": "Beta", "children": [{"code": "B.X", "name": "umum"}]},
            ]
        }
    )
    assert tree.children(None) == [Category("A", "Alpha"), Category("B", "Beta")]
    with pytest.raises(AmbiguousCategory):
        tree.resolve("UMUM")
    assert tree.resolve("beta › umum").code == "B.X"
    with pytest.raises(ValueError, match="unique"):
        CategoryTree.from_json(
            {"categories": [{"code": "A", "name": "x"}, {"code": "A", "name": "y"}]}
        )
    with pytest.raises(ValueError):
        CategoryTree.from_json({"categories": [{"code": "A", "name": " "}]})
    with pytest.raises(ValueError):
        CategoryTree.from_json([])


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("datang langsung", Channel.WALK_IN),
        ("Datang Langsung", Channel.WALK_IN),
        ("WALK_IN", Channel.WALK_IN),
        ("walk-in", Channel.WALK_IN),
        ("walk_in", Channel.WALK_IN),
        ("Media Sosial", Channel.SOCIAL_MEDIA),
        ("social_media", Channel.SOCIAL_MEDIA),
        ("telepon", Channel.PHONE),
        ("PHONE", Channel.PHONE),
        ("Surat", Channel.LETTER),
        ("kotak saran", Channel.SUGGESTION_BOX),
        ("lainnya", Channel.OTHER),
        ("SP4N-LAPOR!", Channel.LAPOR),
        ("lapor", Channel.LAPOR),
        ("WhatsApp", Channel.WHATSAPP),
        ("EMAIL", Channel.EMAIL),
        ("sms", Channel.SMS),
    ],
)
def test_parse_channel_accepts_codes_and_labels(text: str, channel: Channel) -> None:
    assert parse_channel(text) is channel


def test_every_channel_parses_from_its_code_name_and_label() -> None:
    for channel in Channel:
        assert parse_channel(channel.value) is channel
        assert parse_channel(channel.name) is channel
        assert parse_channel(CHANNEL_LABELS[channel].upper()) is channel


def test_unknown_channel_lists_the_allowed_values() -> None:
    with pytest.raises(UnknownCode) as caught:
        parse_channel("merpati pos")
    error = caught.value
    assert error.code == "unknown_code"
    assert error.what == "channel" and error.value == "merpati pos"
    assert set(error.allowed) == {c.value for c in Channel}
    for channel in Channel:
        assert channel.value in str(error)


def test_other_vocabularies_parse_codes_and_labels() -> None:
    assert parse_kind("Permintaan informasi") is CaseKind.INFORMATION_REQUEST
    assert parse_kind("PERMINTAAN_INFORMASI") is CaseKind.INFORMATION_REQUEST
    assert parse_kind("wbs") is CaseKind.WHISTLEBLOWING
    assert parse_status("Perlu kelengkapan") is CaseStatus.NEEDS_INFO
    assert parse_status("needs_info") is CaseStatus.NEEDS_INFO
    assert parse_priority("Darurat") is Priority.URGENT
    assert parse_priority("urgent") is Priority.URGENT
    assert parse_severity("pemeriksaan lapangan") is Severity.FIELD_CHECK
    assert parse_sifat("Sangat Segera") is Sifat.SANGAT_SEGERA
    assert parse_sifat("sangat-segera") is Sifat.SANGAT_SEGERA
    for parser in (parse_kind, parse_status, parse_priority, parse_severity, parse_sifat):
        with pytest.raises(UnknownCode):
            parser("tidak ada")


# --------------------------------------------------------------------------- register numbers


def test_register_number_format_and_parse() -> None:
    number = RegisterNumber("DINSOS", 2026, 42)
    assert str(number) == "DINSOS/2026/00042"
    assert RegisterNumber.parse("DINSOS/2026/00042") == number
    assert RegisterNumber.parse(" dinsos/2026/00042 ") == number
    big = RegisterNumber("DPMPTSP", 2026, 123456)
    assert str(big) == "DPMPTSP/2026/123456"
    assert RegisterNumber.parse(str(big)) == big


def test_provisional_register_number() -> None:
    provisional = RegisterNumber.parse("DINSOS/2026/S-3")
    assert provisional == RegisterNumber("DINSOS", 2026, 3, provisional=True)
    assert provisional.provisional
    assert str(provisional) == "DINSOS/2026/S-3"
    assert RegisterNumber.parse("dinsos/2026/s-3") == provisional
    # Provisional 3 and final 3 are different numbers.
    assert provisional != RegisterNumber.parse("DINSOS/2026/00003")
    assert looks_like_register_no("DINSOS/2026/S-12")


@pytest.mark.parametrize(
    "text",
    [
        "DINSOS/2026/42",
        "DINSOS-2026-00042",
        "DINSOS/26/00042",
        "/2026/00042",
        "DINSOS/2026/S-",
        "DINSOS/2026/X-3",
        "",
    ],
)
def test_bad_register_numbers_are_refused(text: str) -> None:
    assert not looks_like_register_no(text)
    with pytest.raises(ValidationError):
        RegisterNumber.parse(text)


@given(
    office=st.from_regex(r"[A-Z0-9][A-Z0-9_-]{0,19}", fullmatch=True),
    year=st.integers(2000, 2099),
    seq=st.integers(0, 10**7),
    provisional=st.booleans(),
)
def test_register_number_round_trip(office: str, year: int, seq: int, provisional: bool) -> None:
    number = RegisterNumber(office, year, seq, provisional)
    assert RegisterNumber.parse(str(number)) == number


def test_office_code_validation() -> None:
    assert validate_office_code(" dinsos ") == "DINSOS"
    for bad in ("", "DINAS SOSIAL", "-X", "A" * 21):
        with pytest.raises(ValidationError):
            validate_office_code(bad)


# --------------------------------------------------------------------------- uuid7


def test_uuid7_is_version_7_with_rfc_variant_and_embedded_time() -> None:
    ms = 1_773_626_400_000  # 2026-03-16T02:00:00Z
    value = uuid.UUID(uuid7(ms))
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert value.int >> 80 == ms
    assert uuid.UUID(uuid7()).version == 7


def test_uuid7_is_time_ordered_and_unique() -> None:
    stamps = [1_700_000_000_000 + step * 1 for step in range(200)]
    ids = [uuid7(ms) for ms in stamps]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    # Same millisecond: still unique (random tail).
    same = {uuid7(1_700_000_000_000) for _ in range(500)}
    assert len(same) == 500


@given(st.integers(0, 2**48 - 2), st.integers(1, 2**20))
def test_uuid7_orders_by_millisecond(earlier: int, gap: int) -> None:
    later = min(earlier + gap, 2**48 - 1)
    assert uuid7(earlier) < uuid7(later)
    assert uuid.UUID(uuid7(later)).int >> 80 == later
