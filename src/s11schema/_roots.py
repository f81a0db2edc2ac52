"""Where templates and scales are looked for: the folders named with `--path`, those in
`S11SCHEMA_PATH`, then the bundle. Nothing here imports pydantic or PyYAML, so a run
that finds its plans cached (`_plan_cache`) can list the files without them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._files import SettingError, files_under

ENV_VAR = "S11SCHEMA_PATH"
YAML_SUFFIXES = (".yaml", ".yml")


def search_roots(paths: Iterable[str | os.PathLike[str]] = (), *, bundled: bool = True,
                 environment: bool = True) -> tuple[Path, ...]:
    """The folders a registry searches, in order; SettingError for a folder named that
    does not exist (a misspelt one would hide the user's templates)."""
    roots = [_existing(Path(p), "a folder to look for templates in") for p in paths]
    if environment:
        roots += [_existing(Path(p), f"a folder in {ENV_VAR}")
                  for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    if bundled:
        roots += bundled_dirs()
    return tuple(roots)


def bundled_dirs() -> list[Path]:
    """The bundled `standards/` and `scales/`: inside the wheel, or the source checkout."""
    package = Path(__file__).resolve().parent
    inside = package / "_bundled"
    if inside.is_dir():
        return [inside / "standards", inside / "scales"]
    checkout = package.parents[1]
    if (checkout / "pyproject.toml").is_file():
        return [checkout / "standards", checkout / "scales"]
    return []  # pragma: no cover - a broken install


def yaml_files(root: Path) -> Iterator[Path]:
    """YAML files in a folder and its subfolders, hidden ones left out, in a stable order."""
    if not root.is_dir():  # a file, or /dev/null or a pipe: lint reports what it holds
        yield root
        return
    yield from files_under(root, YAML_SUFFIXES)


def _existing(path: Path, what: str) -> Path:
    if not path.exists():
        raise SettingError(f"{path} does not exist ({what})")
    return path
