"""`python -m lapor_desktop.cli`: the same entry point as the `lapor-desktop` console script."""

from __future__ import annotations

from lapor_desktop.cli import main

raise SystemExit(main())
