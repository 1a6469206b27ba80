"""The outbox file sealed to the central server's public key (what is on the USB stick).

The plain outbox zip (sync/protocol.py) holds reporters' names, NIK, phones and addresses; a
lost stick must reveal none of it (UU PDP 27/2022). Sealing to the server's X25519 key needs
no password an operator could forget or write on the stick, and only the server can open the
file. Layout, all integers big-endian:

    MAGIC (20 bytes) | VERSION (1) | SHA-256 of the recipient's public key (32)
    | the file's ephemeral X25519 public key (32)                          -- the header
    then the plain zip in chunks: AES-256-GCM(CHUNK bytes of plain text) || tag (16)

Key and nonce prefix come from HKDF-SHA256 over the X25519 shared secret, bound to both
public keys; a fresh ephemeral key per file makes the key unique per file. Chunk i's nonce is
the prefix and i, so chunks cannot be reordered; its associated data is the header and a
last-chunk flag, so the header cannot be altered and a file cut at a chunk boundary (or with
bytes appended) fails like a changed byte. The last chunk holds 0..CHUNK bytes. Memory stays
at one chunk whatever the size of the photos inside.

Standard library and `cryptography` only: the server imports this module, never the desktop.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"lapor-outbox-sealed\n"  # readable with `head -c 20`, for whoever finds the stick
VERSION = 1
KEY_BYTES = 32
HEADER_BYTES = len(MAGIC) + 1 + 32 + KEY_BYTES
CHUNK = 64 * 1024
TAG = 16
_INFO = b"lapor-outbox-seal v1"
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")


class SealError(Exception):
    """The file cannot be opened: the message says why, for one line."""


class NotSealed(SealError):
    pass


class PlainZip(NotSealed):
    """An outbox zip written before files were sealed."""


class NewerSeal(SealError):
    pass


class Damaged(SealError):
    pass


# ----------------------------------------------------------------------------- keys


def new_private_key() -> bytes:
    """A fresh X25519 private key, raw 32 bytes."""
    return X25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def public_key_of(private_key: bytes) -> bytes:
    return (
        X25519PrivateKey.from_private_bytes(private_key)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def key_text(raw: bytes) -> str:
    """A raw key as it travels (base64)."""
    return base64.b64encode(raw).decode()


def key_from_text(text: str) -> bytes:
    """The raw key of its base64 text; ValueError unless it is one (32 bytes)."""
    try:
        raw = base64.b64decode(text.encode(), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64") from None
    if len(raw) != KEY_BYTES:
        raise ValueError(f"{len(raw)} bytes, not {KEY_BYTES}")
    return raw


def fingerprint(public_key: bytes) -> str:
    """What people compare: hex SHA-256 of the raw public key (the header holds all of it)."""
    return hashlib.sha256(public_key).hexdigest()


# ----------------------------------------------------------------------------- sealing


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes) -> tuple[AESGCM, bytes]:
    material = HKDF(
        algorithm=hashes.SHA256(), length=32 + 4, salt=None, info=_INFO + ephemeral + recipient
    ).derive(shared)
    return AESGCM(material[:32]), material[32:]


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(8, "big")


class SealingWriter:
    """A write-only stream (what zipfile writes into) that puts sealed chunks on `target`.

    It has no tell() or seek(): zipfile then writes each member's sizes after its data, so
    nothing written is ever rewritten and no plain byte reaches `target`.
    """

    def __init__(self, target: BinaryIO, recipient: bytes) -> None:
        ephemeral = X25519PrivateKey.generate()
        ephemeral_public = ephemeral.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
        self._aead, self._prefix = _derive(shared, ephemeral_public, recipient)
        self._header = (
            MAGIC + bytes([VERSION]) + hashlib.sha256(recipient).digest() + ephemeral_public
        )
        self._target = target
        self._buffer = bytearray()
        self._index = 0
        self._finished = False
        target.write(self._header)

    def write(self, data: bytes) -> int:
        if self._finished:
            raise ValueError("the sealed file is finished")
        self._buffer += data
        # More than a chunk held: the chunk is not the last (the last may be exactly CHUNK).
        # One shift of the buffer per write, not per chunk: zipfile writes a MiB at a time.
        done = 0
        while len(self._buffer) - done > CHUNK:
            self._seal(bytes(self._buffer[done : done + CHUNK]), last=False)
            done += CHUNK
        del self._buffer[:done]
        return len(data)

    def flush(self) -> None:
        self._target.flush()

    def finish(self) -> None:
        """Seal what is left as the last chunk (without it the file reads as cut short)."""
        if not self._finished:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._finished = True

    def _seal(self, plain: bytes, *, last: bool) -> None:
        aad = self._header + (b"\x01" if last else b"\x00")
        self._target.write(self._aead.encrypt(_nonce(self._prefix, self._index), plain, aad))
        self._index += 1


# ----------------------------------------------------------------------------- opening


@dataclass(frozen=True)
class Header:
    raw: bytes
    recipient_fingerprint: str
    ephemeral: bytes


def read_header(source: BinaryIO) -> Header:
    """The plain header at the start of `source`; SealError when it is not one."""
    raw = source.read(HEADER_BYTES)
    if raw.startswith(_ZIP_STARTS):
        raise PlainZip("an unencrypted outbox file")
    if not raw.startswith(MAGIC):
        raise NotSealed("not a sealed outbox file")
    if len(raw) < len(MAGIC) + 1:
        raise Damaged("the file is cut short")
    if raw[len(MAGIC)] != VERSION:
        raise NewerSeal(f"sealed outbox format {raw[len(MAGIC)]}; this program reads {VERSION}")
    if len(raw) < HEADER_BYTES:
        raise Damaged("the file is cut short")
    start = len(MAGIC) + 1
    return Header(raw, raw[start : start + 32].hex(), raw[start + 32 :])


def unseal(source: BinaryIO, header: Header, private_key: bytes, target: BinaryIO) -> int:
    """Decrypt the chunks after `header` into `target`; the plain size. Damaged when any chunk
    fails its tag, is missing, is out of order, or the file goes on after the last one."""
    recipient = public_key_of(private_key)
    if fingerprint(recipient) != header.recipient_fingerprint:
        raise Damaged("sealed to another key")
    shared = X25519PrivateKey.from_private_bytes(private_key).exchange(
        X25519PublicKey.from_public_bytes(header.ephemeral)
    )
    aead, prefix = _derive(shared, header.ephemeral, recipient)
    size = 0
    index = 0
    chunk = source.read(CHUNK + TAG)
    while True:
        # One chunk read ahead: the chunk is the last exactly when nothing follows it.
        following = source.read(CHUNK + TAG) if len(chunk) == CHUNK + TAG else b""
        last = not following
        aad = header.raw + (b"\x01" if last else b"\x00")
        try:
            plain = aead.decrypt(_nonce(prefix, index), chunk, aad)
        except InvalidTag:
            what = "cut short or has bytes added" if last else "damaged"
            raise Damaged(f"chunk {index + 1} does not authenticate: the file is {what}") from None
        target.write(plain)
        size += len(plain)
        if last:
            return size
        index += 1
        chunk = following
