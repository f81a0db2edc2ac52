"""Finding templates, scales and domains by id, in the bundle and in the user's folders.

Folders named with `--path` and in `S11SCHEMA_PATH` are searched before the
bundle, so a partnership can keep its own templates beside the bundled ones.
Files are found by name (`<id>.yaml`) and read only when first asked for, so
validating one audit reads one template and its scale, not every file.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any

from ._checks import check_domains, check_template
from ._crosswalk import Crosswalk, CrosswalkFile, refers_to
from ._crosswalk_checks import check_crosswalk
from ._errors import InvalidFileError, Kind, NotFoundError, UnreadableError
from ._extends import resolver
from ._findings import Finding, Severity
from ._loader import Loaded, Parents, load_file
from ._roots import YAML_SUFFIXES, bundled_dirs, search_roots, yaml_files
from ._scales import Scale
from ._templates import Domain, DomainList, Template
from ._yaml import load_yaml


def same_file(one: Path, other: Path) -> bool:
    """The same file, or a byte-for-byte copy (which changes nothing by taking its place)."""
    try:
        return one.resolve() == other.resolve() or one.read_bytes() == other.read_bytes()
    except OSError:
        return False


def bundled_file(kind: Kind, item_id: str) -> Path | None:
    """The bundled file of a template or scale with this id, if there is one (bundled files
    are named after their ids)."""
    folders = {Path(d).name: d for d in bundled_dirs()}
    folder = folders.get("standards" if kind == "template" else "scales")
    if folder is None or kind not in ("template", "scale"):
        return None
    for suffix in YAML_SUFFIXES:
        if (folder / f"{item_id}{suffix}").is_file():
            return folder / f"{item_id}{suffix}"
    return None


class Registry:
    """Templates, scales and domains visible from some folders plus the bundle."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]] = (), *, bundled: bool = True,
                 environment: bool = True) -> None:
        self.roots = search_roots(paths, bundled=bundled, environment=environment)
        self._loaded: dict[Path, Loaded] = {}
        self._raw: dict[Path, Any] = {}
        self._templates: dict[Path, Template] = {}
        self._resolved: dict[tuple[str, str | None], Template] = {}
        self._scales: dict[str, Scale] = {}
        self._crosswalks: dict[Path, CrosswalkFile] = {}
        #: Files of the user's folders that were used, for `shadowed()`.
        self._used: dict[Path, tuple[Kind, str]] = {}

    @classmethod
    def of_roots(cls, roots: Iterable[str | os.PathLike[str]]) -> Registry:
        """The registry of exactly these folders, in this order: another registry's
        `roots`, say, with nothing added from S11SCHEMA_PATH or the bundle."""
        return cls(roots, bundled=False, environment=False)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its folders, for worker processes that are spawned: the worker reads
        the files again (found by the same search, with nothing added)."""
        return Registry.of_roots, (self.roots,)

    # ------------------------------------------------------------------ files

    @cached_property
    def _files(self) -> tuple[Path, ...]:
        return tuple(f for root in self.roots if root.exists() for f in yaml_files(root))

    @cached_property
    def _bundled(self) -> frozenset[Path]:
        return frozenset(bundled_dirs())

    def _by_stem(self, name: str) -> list[Path]:
        """Files that may hold `name`, in search order.

        Bundled files are named after their ids, so only those are read there;
        a user's file may be named anything, so every one of those is a candidate.
        """
        return [f for f in self._files if f.stem == name or not self._is_bundled(f)]

    def _is_bundled(self, path: Path) -> bool:
        return any(parent in self._bundled for parent in path.parents)

    def load(self, path: Path, expect: Kind | None = None) -> Loaded:
        """A file read once per registry (UnreadableError if it cannot be parsed)."""
        if path not in self._loaded:
            self._loaded[path] = load_file(path, expect=expect, parents=self.parents)
        return self._loaded[path]

    @cached_property
    def parents(self) -> Parents:
        """The data of a template by id, for templates that extend it."""
        return resolver(self._raw_template)

    def _raw_template(self, template_id: str) -> dict[str, Any] | None:
        """A template file's data as written, before any merge, by its id."""
        for path in self._by_stem(template_id):
            if path not in self._raw:
                try:
                    self._raw[path] = load_yaml(path).data
                except (UnreadableError, InvalidFileError):
                    self._raw[path] = None
            data = self._raw[path]
            if isinstance(data, dict) and data.get("id") == template_id and (
                    "sections" in data or "extends" in data):
                return data
        return None

    def _kind_files(self, kind: Kind) -> Iterator[tuple[Path, Loaded]]:
        for path in self._files:
            try:
                loaded = self.load(path)
            except InvalidFileError:
                continue
            except ValueError:  # unreadable files are lint's business, not a lookup's
                continue
            if loaded.kind == kind and loaded.model is not None:
                yield path, loaded

    # ------------------------------------------------------------------ scales

    def scale(self, scale_id: str) -> Scale:
        """The scale with this id; NotFoundError or InvalidFileError otherwise."""
        if scale_id not in self._scales:
            path = self._find(scale_id, "scale")
            self._scales[scale_id] = self._checked_scale(path)
        return self._scales[scale_id]

    def _checked_scale(self, path: Path) -> Scale:
        loaded = self.load(path, "scale")
        model = loaded.model
        findings = list(loaded.findings)
        if isinstance(model, Scale):
            findings += model.check(loaded.document)
        _raise_errors(findings)
        assert isinstance(model, Scale)
        self._used[path] = ("scale", model.id)
        return model

    def scales(self) -> list[Scale]:
        """Every valid scale visible, each id once (the first found wins)."""
        return [self.scale(i) for i in self._ids("scale")]

    def _ids(self, kind: Kind) -> list[str]:
        seen: dict[str, None] = {}
        for _path, loaded in self._kind_files(kind):
            seen.setdefault(str(getattr(loaded.model, "id", "")), None)
        return list(seen)

    # ------------------------------------------------------------------ domains

    @cached_property
    def domains(self) -> dict[str, Domain]:
        """Every domain from the domain lists visible (files named domains.yaml)."""
        found: dict[str, Domain] = {}
        for path in self._files:
            if path.stem != "domains":
                continue
            loaded = self.load(path, "domains")
            _raise_errors(loaded.findings)
            if isinstance(loaded.model, DomainList):
                _raise_errors(check_domains(loaded.model, loaded.document))
                for domain in loaded.model.domains:
                    found.setdefault(domain.id, domain)
        return found

    # ------------------------------------------------------------------ templates

    def template(self, template_id: str, version: str | None = None) -> Template:
        """The template with this id (and version); NotFoundError or InvalidFileError.

        Found once per registry: validating many audits looks each template up once.
        """
        key = (template_id, version)
        if key not in self._resolved:
            self._resolved[key] = self._find_template(template_id, version)
        return self._resolved[key]

    def _find_template(self, template_id: str, version: str | None) -> Template:
        named = [p for p in self._by_stem(template_id) if self._holds(p, template_id, "template")]
        # Other files are read only when no file named for the id is the version asked for:
        # an audit that names its version (most do) then reads one template file, not all.
        others = (p for p, loaded in self._kind_files("template")
                  if getattr(loaded.model, "id", None) == template_id and p not in named)
        versions: list[str] = []
        for path in chain(named, others) if not named or version else named:
            template = self._checked_template(path)
            if template.id != template_id:
                continue
            if version is None or template.version == version:
                return template
            versions.append(template.version or "none")
        if versions:
            raise NotFoundError("template", template_id, version, versions=versions)
        raise self._not_found("template", template_id)

    def _holds(self, path: Path, item_id: str, kind: Kind) -> bool:
        """Whether this file is the `kind` with this id (a broken file named for it counts)."""
        try:
            loaded = self.load(path)
        except ValueError:  # unreadable: only a file named for the id reports it
            return path.stem == item_id
        if loaded.model is None:
            return path.stem == item_id and loaded.kind in (kind, None)
        return loaded.kind == kind and getattr(loaded.model, "id", None) == item_id

    def _find(self, item_id: str, kind: Kind) -> Path:
        for path in self._by_stem(item_id):
            if self._holds(path, item_id, kind):
                return path
        for path, loaded in self._kind_files(kind):
            if getattr(loaded.model, "id", None) == item_id:
                return path
        raise self._not_found(kind, item_id)

    def _not_found(self, kind: Kind, item_id: str) -> NotFoundError:
        known = self._ids(kind)
        return NotFoundError(kind, item_id, suggestions=difflib.get_close_matches(
            item_id, known, n=3, cutoff=0.5), known=known)

    def _checked_template(self, path: Path) -> Template:
        if path not in self._templates:
            loaded = self.load(path, "template")
            findings = list(loaded.findings)
            if isinstance(loaded.model, Template):
                findings += check_template(loaded.model, loaded.document,
                                           scales=self._scales_for(loaded.model),
                                           domains=self.domains)
            _raise_errors(findings)
            assert isinstance(loaded.model, Template)
            self._templates[path] = loaded.model
            self._used[path] = ("template", loaded.model.id)
        return self._templates[path]

    def file_of(self, kind: Kind, item_id: str) -> Path | None:
        """The file a template or scale this registry has already returned was read from."""
        return next((path for path, used in self._used.items() if used == (kind, item_id)),
                    None)

    def shadowed(self) -> list[tuple[Kind, str, Path, Path]]:
        """(kind, id, user's file, bundled file) for each template or scale used from the
        user's folders whose id is also bundled: the user's file wins, and should not do so
        silently."""
        found = []
        for path, (kind, item_id) in self._used.items():
            bundled = bundled_file(kind, item_id)
            if bundled is not None and not same_file(bundled, path):
                found.append((kind, item_id, path, bundled))
        return found

    def _scales_for(self, template: Template) -> dict[str, Scale]:
        """The template's scales; where one is missing, every valid scale, to name them."""
        found: dict[str, Scale] = {}
        for scale_id in template.scale_ids():
            try:
                found[scale_id] = self.scale(scale_id)
            except NotFoundError:
                found.update(self.valid_scales())
        return found

    def valid_scales(self) -> dict[str, Scale]:
        """Every scale that loads without errors, by id; broken ones are lint's business."""
        known: dict[str, Scale] = {}
        for scale_id in self._ids("scale"):
            try:
                known[scale_id] = self.scale(scale_id)
            except (NotFoundError, ValueError):
                continue
        return known

    def templates(self) -> list[Template]:
        """Every valid template visible, each id and version once."""
        result: dict[tuple[str, str | None], Template] = {}
        for path, _loaded in self._kind_files("template"):
            try:
                template = self._checked_template(path)
            except InvalidFileError:
                continue
            result.setdefault((template.id, template.version), template)
        return list(result.values())

    def broken(self) -> list[Finding]:
        """The errors of every file on the user's folders that cannot be used (the bundle is
        checked by its own tests), so that a listing never hides a broken file."""
        found: list[Finding] = []
        for path in self._files:
            if self._is_bundled(path):
                continue
            try:
                loaded = self.load(path)
                if loaded.kind == "template" and isinstance(loaded.model, Template):
                    self._checked_template(path)
                elif loaded.kind == "scale" and isinstance(loaded.model, Scale):
                    self._checked_scale(path)
                elif loaded.kind == "domains":
                    _raise_errors(loaded.findings)
                    self.domains  # noqa: B018 - checks every domain file
                elif loaded.kind == "crosswalk" and isinstance(loaded.model, CrosswalkFile):
                    self.checked_crosswalk(path)
                else:
                    _raise_errors(loaded.findings)
            except (InvalidFileError, UnreadableError) as error:
                found += [f for f in error.findings if f.severity is Severity.ERROR]
        return found

    # ------------------------------------------------------------------ crosswalks

    def crosswalk(self, source: Template, target: Template) -> Crosswalk | None:
        """The crosswalk file that maps `source` onto `target` (the first found on the
        path, usually in a `crosswalks/` folder beside the templates), checked; None if
        there is none. InvalidFileError if the one found has errors."""
        for path, loaded in self._kind_files("crosswalk"):
            file = loaded.model
            if isinstance(file, CrosswalkFile) and refers_to(file.from_, source) \
                    and refers_to(file.to, target):
                return Crosswalk.resolve(source, target, self.checked_crosswalk(path),
                                         origin=str(path))
        return None

    def checked_crosswalk(self, path: str | os.PathLike[str]) -> CrosswalkFile:
        """A crosswalk file by path, its templates, standards and fields checked;
        InvalidFileError if it has errors."""
        where = Path(path)
        if where not in self._crosswalks:
            loaded = self.load(where, "crosswalk")
            findings = list(loaded.findings)
            if isinstance(loaded.model, CrosswalkFile):
                findings += check_crosswalk(loaded.model, loaded.document, self.find_template)
            _raise_errors(findings)
            assert isinstance(loaded.model, CrosswalkFile)
            self._crosswalks[where] = loaded.model
        return self._crosswalks[where]

    def find_template(self, template_id: str, version: str | None = None) -> Template | str:
        """The template, or why it cannot be had (not found, or has errors), in words."""
        try:
            return self.template(template_id, version)
        except NotFoundError as error:
            return str(error)
        except (InvalidFileError, UnreadableError):
            return f"template '{template_id}' has errors (lint its file)"

    def scale_for(self, template: Template, standard_id: str | None = None) -> Scale:
        """The scale a standard is rated on: its own, or the template's."""
        standard = template.standard.get(standard_id or "")
        return self.scale(standard.scale if standard and standard.scale else template.scale)


def _raise_errors(findings: list[Finding]) -> None:
    if any(f.severity is Severity.ERROR for f in findings):
        raise InvalidFileError(findings)


_default: Registry | None = None


def default_registry() -> Registry:
    """The registry of the bundle and S11SCHEMA_PATH, built once per process."""
    global _default
    if _default is None:
        _default = Registry()
    return _default


def load_template(id_or_path: str | os.PathLike[str], *, version: str | None = None,
                  registry: Registry | None = None) -> Template:
    """A template by id (searching the registry) or by the path of its YAML file."""
    registry = registry or default_registry()
    path = Path(id_or_path)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        beside = Registry.of_roots([path.parent, *registry.roots])
        return beside._checked_template(path)
    return registry.template(str(id_or_path), version)


def load_scale(id_or_path: str | os.PathLike[str], *, registry: Registry | None = None) -> Scale:
    """A scale by id (searching the registry) or by the path of its YAML file."""
    registry = registry or default_registry()
    path = Path(id_or_path)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        return registry._checked_scale(path)
    return registry.scale(str(id_or_path))
