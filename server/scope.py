"""Who sees a case (docs/sync.md, Scope)."""

from __future__ import annotations

from lapor_desktop.domain.case import Case


def scope_of(case: Case) -> frozenset[str]:
    """Holder, origin and every office that disposed it; a confidential case: the holder only.

    Coordinator and admin devices see every case whatever this says.
    """
    if case.confidential:
        return frozenset({case.holder_office})
    return frozenset(
        {case.holder_office, case.origin_office, *(d.from_office for d in case.dispositions)}
    )
