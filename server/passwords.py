"""Salted scrypt password hashes, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import os

# scrypt's cost: 2**14 is the interactive-login recommendation (~16 MiB, tens of ms). The cost
# is stored with each hash, so it can be raised later without invalidating old passwords.
DEFAULT_COST = 2**14
_R, _P = 8, 1
_LEN = 32


def hash_password(password: str, *, cost: int = DEFAULT_COST) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=cost, r=_R, p=_P, dklen=_LEN)
    return f"scrypt${cost}${_R}${_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode(),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected) // 2,
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


# Checked against when the user does not exist, so a wrong username costs as long as a wrong
# password and timing does not reveal which usernames exist.
DUMMY_HASH = hash_password("unused")
