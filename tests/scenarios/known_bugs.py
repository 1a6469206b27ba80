"""Reasons of the scenarios' strict xfails: real bugs found by the suite, for the lead to fix
(each test turns XPASS, hence red, the day its bug is fixed: then drop the marker)."""

from __future__ import annotations

PULL_SKIPS_SAME_VERSION = (
    "bug: sync/pull.py CaseMerger.apply skips a case 'already held at the confirmed version "
    "with nothing pending', but the local version counts local ops: after an op of this PC "
    "that the server rejected or applied as a no-op (a transition refused, a second resolve, "
    "a conflict already resolved by another PC) the local document carries the server's "
    "version number with other content, the server's document is never taken, and verify "
    "(digests of (id, version)) cannot see the difference"
)
