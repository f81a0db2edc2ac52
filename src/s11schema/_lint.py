"""Checking template, scale and domain files, as staff edit them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _checks, _crosswalk_checks, _ids
from ._checks import check_domains, check_template
from ._crosswalk import CrosswalkFile
from ._crosswalk_checks import Find, check_crosswalk
from ._errors import InvalidFileError, UnreadableError
from ._extends import resolver
from ._files import FILE_UNREADABLE
from ._findings import Collector, Finding, Severity, code
from ._ids import check_ids
from ._loader import Loaded, Parents, load_file
from ._mapping import FormMapping, check_mapping
from ._registry import Registry, bundled_file, default_registry, same_file
from ._results import Report
from ._roots import yaml_files
from ._scales import Scale
from ._templates import DomainList, Template
from ._yaml import DUPLICATE_ID, Located, load_yaml

ID_SHADOWS_BUNDLED = code(
    "id-shadows-bundled", "warning", "templates, scales",
    "A template or scale outside the bundle has a bundled one's id, and is used instead of it.",
    "standards/nottinghamshire-2021.yaml:1:5: warning id-shadows-bundled: template id "
    "'nottinghamshire-2021' is also bundled (.../_bundled/standards/nottinghamshire-2021.yaml); "
    "with this folder on the path, this file is used instead")
CODES = (*_checks.CODES, *_crosswalk_checks.CODES, *_ids.CODES, ID_SHADOWS_BUNDLED)


@dataclass(slots=True)
class LintResult:
    """What lint found, file by file."""

    reports: list[Report] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        return [r.file or "" for r in self.reports]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.reports for f in r.findings]

    @property
    def unreadable(self) -> list[str]:
        """Files that could not be read or parsed at all."""
        return [r.file or "" for r in self.reports if r.unreadable]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors


def lint(paths: Iterable[str | os.PathLike[str]], *,
         registry: Registry | None = None) -> LintResult:
    """Check every YAML file under `paths`; references resolve against them and the registry."""
    registry = registry or default_registry()
    by_file: dict[str, list[Finding]] = {}
    unreadable: set[str] = set()
    loaded: list[Loaded] = []
    files = _expand(paths, by_file, unreadable)
    parents = _parents(files, registry)
    for path in files:
        name = str(path)
        by_file[name] = []
        try:
            item = load_file(path, parents=parents)
        except UnreadableError as error:
            unreadable.add(name)
            by_file[name] += error.findings
            continue
        except InvalidFileError as error:
            by_file[name] += error.findings
            continue
        loaded.append(item)
        by_file[name] += item.findings
    scales = registry.valid_scales()
    domains = set(registry.domains) if _bundled_domains_ok(registry) else set()
    for item in loaded:
        if isinstance(item.model, Scale):
            scales[item.model.id] = item.model
        elif isinstance(item.model, DomainList):
            domains |= {d.id for d in item.model.domains}
    find = _templates(loaded, registry)
    for item in loaded:
        by_file[item.file] += [*_check(item, scales, domains, find), *check_ids(item)]
        if isinstance(item.model, FormMapping):
            by_file[item.file] += check_mapping(item.model, item.document, registry)
    for finding in [*_duplicate_files(loaded), *_shadows(loaded)]:
        by_file[finding.file or ""].append(finding)
    return LintResult([
        Report(name, tuple(sorted(found, key=lambda f: (f.line or 0, f.column or 0))),
               unreadable=name in unreadable)
        for name, found in sorted(by_file.items())])


def _expand(paths: Iterable[str | os.PathLike[str]], by_file: dict[str, list[Finding]],
            unreadable: set[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            sink = Collector(str(path))
            sink.add(FILE_UNREADABLE, "no such file or folder")
            by_file[str(path)] = sink.findings
            unreadable.add(str(path))
        else:
            files.extend(yaml_files(path))
    return files


def _parents(files: list[Path], registry: Registry) -> Parents:
    """Templates a linted variant may extend: among the files linted, then the registry's."""
    written: dict[str, Any] = {}
    for path in files:
        try:
            data = load_yaml(path).data
        except (UnreadableError, InvalidFileError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            written.setdefault(data["id"], data)
    return resolver(lambda template_id: written.get(template_id)
                    or registry._raw_template(template_id))


def _templates(loaded: list[Loaded], registry: Registry) -> Find:
    """Templates a linted crosswalk may name: among the files linted, then the registry's."""
    written = {(item.model.id, item.model.version): item.model for item in loaded
               if isinstance(item.model, Template) and not any(
                   f.severity is Severity.ERROR for f in item.findings)}

    def find(template_id: str, version: str | None) -> Template | str:
        for (found_id, found_version), template in written.items():
            if found_id == template_id and version in (None, found_version):
                return template
        return registry.find_template(template_id, version)

    return find


def _check(item: Loaded, scales: dict[str, Scale], domains: set[str],
           find: Find) -> list[Finding]:
    if isinstance(item.model, CrosswalkFile):
        return check_crosswalk(item.model, item.document, find)
    if isinstance(item.model, Scale):
        return item.model.check(item.document)
    if isinstance(item.model, DomainList):
        return check_domains(item.model, item.document)
    if isinstance(item.model, Template):
        return check_template(item.model, item.document, scales=scales, domains=domains)
    return []


def _bundled_domains_ok(registry: Registry) -> bool:
    try:
        return bool(registry.domains)
    except ValueError:
        return False


def _duplicate_files(loaded: list[Loaded]) -> list[Finding]:
    """Two files defining the same template (and version) or scale id."""
    first: dict[tuple[str, str, str | None], Loaded] = {}
    findings: list[Finding] = []
    for item in loaded:
        model = item.model
        if not isinstance(model, (Template, Scale)):
            continue
        key = (item.kind or "", model.id, getattr(model, "version", None))
        if key in first:
            sink = Located(item.document)
            sink.at(("id",), DUPLICATE_ID, f"{item.kind} id '{model.id}' is also defined in "
                    f"{first[key].file}", hint="give each file its own id (or version)")
            findings += sink.findings
        else:
            first[key] = item
    return findings


def _shadows(loaded: list[Loaded]) -> list[Finding]:
    """Templates and scales whose id a bundled file has: whoever uses this folder gets this
    file instead of the bundled one (an unchanged copy makes no difference, and is not
    reported)."""
    findings: list[Finding] = []
    for item in loaded:
        model = item.model
        if not isinstance(model, (Template, Scale)) or item.kind is None:
            continue
        bundled = bundled_file(item.kind, model.id)
        if bundled is None or same_file(bundled, Path(item.file)):
            continue
        sink = Located(item.document)
        sink.at(("id",), ID_SHADOWS_BUNDLED, f"{item.kind} id '{model.id}' is also bundled "
                f"({bundled}); with this folder on the path, this file is used instead",
                hint="give your copy its own id (`s11schema init --from ID --id NEW_ID` "
                     "does), or delete it to use the bundled one")
        findings += sink.findings
    return findings
