"""`python -m s11schema`."""

from ._cli import main

raise SystemExit(main())
