"""Print pip constraints pinning every runtime dependency, and every dependency of the
optional extras users install (`office`), to the lowest version declared.

`.ci/run` installs with these to run the suite against the oldest releases a user
may have, so that drift shows in CI rather than on a user's machine.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

#: Extras a user installs to use s11schema (not the test, docs or bench tooling).
OPTIONAL = ("office",)
LOWER = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(?:[^;]*?)>=\s*([0-9][^,;\s]*)")


def main() -> int:
    project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml")
                            .read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    for requirement in [*project["dependencies"], *(r for name in OPTIONAL
                                                    for r in extras.get(name, ()))]:
        match = LOWER.match(requirement)
        if match is None:
            print(f"no lower bound in {requirement!r}: declare one", file=sys.stderr)
            return 1
        print(f"{match[1]}=={match[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
