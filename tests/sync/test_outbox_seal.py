"""The seal of the outbox file (sync/outbox_seal.py) at its edges: sizes around the chunk size
written in odd pieces, a wrong key, and a file cut exactly at a chunk boundary."""

from __future__ import annotations

import io
import random

import pytest

from sync import outbox_seal as s


def _sealed(plain: bytes, recipient: bytes, piece: int) -> bytes:
    out = io.BytesIO()
    writer = s.SealingWriter(out, recipient)
    for start in range(0, len(plain), piece):
        writer.write(plain[start : start + piece])
    writer.finish()
    return out.getvalue()


def _open(sealed: bytes, private: bytes) -> bytes:
    source = io.BytesIO(sealed)
    header = s.read_header(source)
    plain = io.BytesIO()
    assert s.unseal(source, header, private, plain) == len(plain.getvalue())
    return plain.getvalue()


@pytest.mark.parametrize(
    "size", [0, 1, s.CHUNK - 1, s.CHUNK, s.CHUNK + 1, 2 * s.CHUNK, 3 * s.CHUNK + 7]
)
def test_every_size_comes_back_whole_and_cut_at_a_chunk_boundary_is_refused(size: int) -> None:
    private = s.new_private_key()
    public = s.public_key_of(private)
    plain = random.Random(size).randbytes(size)
    sealed = _sealed(plain, public, piece=1000 if size < 3000 else 40_000)
    chunks = max(1, -(-size // s.CHUNK))
    assert len(sealed) == s.HEADER_BYTES + size + chunks * s.TAG
    assert _open(sealed, private) == plain
    header = s.read_header(io.BytesIO(sealed))
    assert header.recipient_fingerprint == s.fingerprint(public)
    if chunks > 1:
        cut = sealed[: s.HEADER_BYTES + (chunks - 1) * (s.CHUNK + s.TAG)]
        with pytest.raises(s.Damaged, match="cut short"):
            _open(cut, private)
    with pytest.raises(s.Damaged, match="does not authenticate"):
        _open(sealed + b"\0", private)  # after a full last chunk: that chunk reads as not last


def test_another_key_opens_nothing_and_a_header_alone_is_cut_short() -> None:
    private, other = s.new_private_key(), s.new_private_key()
    sealed = _sealed(b"isi", s.public_key_of(private), piece=3)
    with pytest.raises(s.Damaged, match="another key"):
        _open(sealed, other)
    with pytest.raises(s.Damaged, match="cut short"):
        s.read_header(io.BytesIO(sealed[: s.HEADER_BYTES - 1]))
    with pytest.raises(s.Damaged, match="chunk 1"):
        _open(sealed[: s.HEADER_BYTES], private)
    with pytest.raises(s.NewerSeal):
        s.read_header(io.BytesIO(s.MAGIC + b"\x02" + sealed[len(s.MAGIC) + 1 :]))


def test_a_key_travels_as_base64_of_32_bytes() -> None:
    public = s.public_key_of(s.new_private_key())
    assert s.key_from_text(s.key_text(public)) == public
    for bad in ("", "bm90IGEga2V5", "!!!!", s.key_text(public)[:-4]):
        with pytest.raises(ValueError):
            s.key_from_text(bad)
