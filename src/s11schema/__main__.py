"""`python -m s11schema`."""

from .cli import main

raise SystemExit(main())
