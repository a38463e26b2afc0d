"""Entry point for ``cocreate`` and ``python -m cocreate``."""

from cocreate.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
