"""Templates' plans kept between runs, so validating one clean audit needs neither pydantic
nor PyYAML.

Start-up is most of the time `validate` takes on one file: importing pydantic, reading
the YAML and building the template models. A template's plan (`_plan`) is all the fast
path needs to prove an audit clean, and it is plain data; so once a run has made one,
it is written to the user's cache folder, and later runs read it back instead.

The cache is keyed by the content of every template, scale and domain file the run can
see (`fingerprint`), and by s11schema itself (its version, and the content of each of
its modules, so a rule changed in a working copy is never skipped by an old plan, while
the same release installed again, as on a CI runner, finds its plans): edit any of them
and the plans are made again. It is safe against:

- concurrent writers: each file is written to a temporary file and renamed into place,
  so a reader sees a whole file or none;
- damage and tampering: the file is JSON holding plain data, read back with every value
  checked against the plan's types (`plan_from_data`), with a checksum of the contents;
  a folder or file that another user could have written (not owned by this user, or
  writable by the group or others) is not trusted. Anything wrong and the cache is
  passed over, and the plans are made from the templates again.

`S11SCHEMA_CACHE_DIR` names another folder; `S11SCHEMA_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

from ._plan import Plan, PlanError, plan_data, plan_from_data
from ._roots import yaml_files
from ._version import __version__
from ._writing import write_text

CACHE_ENV = "S11SCHEMA_CACHE_DIR"
NO_CACHE_ENV = "S11SCHEMA_NO_CACHE"
#: The version of the file's layout; a file of another is passed over.
FORMAT = 1
#: A cache file larger than this is not read.
MAX_BYTES = 16 * 1024 * 1024
#: Cache files of other fingerprints not written for this long are removed when one is.
STALE_SECONDS = 30 * 24 * 3600

#: (template id as an audit names it, version asked for or None).
Key = tuple[str, str | None]


def cache_dir() -> Path | None:
    """The folder plans are kept in, or None where the cache is turned off (or there is no
    home folder to keep it in)."""
    if os.environ.get(NO_CACHE_ENV, "").strip().lower() in ("1", "true", "yes"):
        return None
    named = os.environ.get(CACHE_ENV, "").strip()
    if named:
        return Path(named)
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no password entry: a bare container
        return None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / "s11schema" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "s11schema"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else home / ".cache") / "s11schema"


def fingerprint(roots: tuple[Path, ...]) -> str:
    """A digest of every YAML file under `roots` (where each is, and what it holds), of
    the roots' order, and of this s11schema."""
    digest = hashlib.sha256(f"s11schema {__version__} plans {FORMAT}\0".encode())
    package = Path(__file__).parent
    for module in sorted(package.rglob("*.py")):
        digest.update(os.fsencode(module.relative_to(package)) + b"\0")
        digest.update(hashlib.sha256(module.read_bytes()).digest())
    for root in roots:
        digest.update(b"root\0" + os.fsencode(root) + b"\0")
        if not root.exists():
            continue
        for path in yaml_files(root):
            digest.update(b"file\0" + os.fsencode(path) + b"\0")
            try:
                content = path.read_bytes()
            except OSError:
                content = b"\0unreadable"
            digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


class PlanCache:
    """The plans cached for one set of template files, and the ones made in this run."""

    def __init__(self, folder: Path | None, print_: str) -> None:
        self.folder = folder
        self.fingerprint = print_
        self.plans: dict[Key, tuple[str, Plan]] = {}
        self._new = False

    @classmethod
    def open(cls, roots: tuple[Path, ...]) -> PlanCache:
        """The cache for the files under `roots` (empty where there is none to trust)."""
        cache = cls(cache_dir(), fingerprint(roots))
        cache.plans = cache._read()
        return cache

    @property
    def file(self) -> Path | None:
        return None if self.folder is None else self.folder / f"plans-{self.fingerprint[:40]}.json"

    def get(self, key: Key) -> tuple[str, Plan] | None:
        """(the template's id, its plan) for the template an audit names, if cached."""
        return self.plans.get(key)

    def add(self, key: Key, template_id: str, plan: Plan) -> None:
        """Keep a plan made in this run, to be written by `save`."""
        if key not in self.plans:
            self.plans[key] = (template_id, plan)
            self._new = True

    def save(self) -> None:
        """Write the plans if this run made any; a cache that cannot be written is left."""
        file = self.file
        if not self._new or file is None or self.folder is None:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _trusted(self.folder):
                return
            merged = {**self._read(), **self.plans}
            text = json.dumps(_document(self.fingerprint, merged), ensure_ascii=False,
                              separators=(",", ":"))
            write_text(file, text, force=True, mode=0o600)  # whole, or not at all
            self._new = False
            _remove_stale(self.folder, keep=file)

    def _read(self) -> dict[Key, tuple[str, Plan]]:
        file = self.file
        if file is None or self.folder is None:
            return {}
        try:
            if not (_trusted(self.folder) and _trusted(file)):
                return {}
            with open(file, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                return {}
            return _plans(json.loads(raw), self.fingerprint)
        except (OSError, ValueError, TypeError, KeyError, RecursionError):  # PlanError too
            return {}


def _document(print_: str, plans: dict[Key, tuple[str, Plan]]) -> dict[str, Any]:
    entries = [{"id": key[0], "version": key[1], "template": template_id,
                "plan": plan_data(plan)}
               for key, (template_id, plan) in sorted(plans.items(), key=lambda i: str(i[0]))]
    return {"format": FORMAT, "s11schema": __version__, "fingerprint": print_,
            "checksum": _checksum(entries), "templates": entries}


def _plans(document: object, print_: str) -> dict[Key, tuple[str, Plan]]:
    """The plans of a cache file, or PlanError where anything in it is not as written."""
    if not isinstance(document, dict) or document.get("format") != FORMAT or \
            document.get("s11schema") != __version__ or document.get("fingerprint") != print_:
        raise PlanError("a cache file of another version or other templates")
    entries = document.get("templates")
    if not isinstance(entries, list) or document.get("checksum") != _checksum(entries):
        raise PlanError("a cache file whose contents do not match its checksum")
    plans: dict[Key, tuple[str, Plan]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != {"id", "version", "template", "plan"}:
            raise PlanError("an entry that is not as written")
        name, version, template_id = entry["id"], entry["version"], entry["template"]
        if not (isinstance(name, str) and isinstance(template_id, str)
                and (version is None or isinstance(version, str))):
            raise PlanError("an entry that is not as written")
        plan = plan_from_data(entry["plan"])
        if plan.template != template_id:
            raise PlanError("a plan filed under another template")
        plans[(name, version)] = (template_id, plan)
    return plans


def _checksum(entries: object) -> str:
    text = json.dumps(entries, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _trusted(path: Path) -> bool:
    """Ours alone: owned by this user and writable by no one else (where the system has
    owners; elsewhere, the user's own profile folder is the protection)."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        return False
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _remove_stale(folder: Path, *, keep: Path) -> None:
    """Remove the files of other template files not written for STALE_SECONDS: edited
    templates leave their old plans behind (one still in use is simply made again)."""
    cutoff = time.time() - STALE_SECONDS
    for other in folder.glob("plans-*.json"):
        with contextlib.suppress(OSError):
            if other != keep and other.stat().st_mtime < cutoff:
                other.unlink()
