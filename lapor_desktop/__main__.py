"""`python -m lapor_desktop`: the same as the `lapor-desktop` command."""

from lapor_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
