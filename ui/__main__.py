"""`python -m ui`: the same as `lapor-desktop`."""

from ui.launcher import main

if __name__ == "__main__":
    raise SystemExit(main())
