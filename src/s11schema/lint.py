"""Checking template, scale and domain files, as staff edit them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ._checks import check_domains, check_scale, check_template
from ._loader import Loaded, load_file
from .errors import InvalidFileError, UnreadableError
from .findings import Collector, Finding, Severity
from .registry import Registry, default_registry, yaml_files
from .scales import Scale
from .templates import DomainList, Template


@dataclass(slots=True)
class LintResult:
    """What lint found in the files it read."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: Files that could not be read or parsed at all.
    unreadable: list[str] = field(default_factory=list)

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
    result = LintResult()
    loaded: list[Loaded] = []
    for path in _expand(paths, result):
        result.files.append(str(path))
        try:
            item = load_file(path)
        except UnreadableError as error:
            result.unreadable.append(str(path))
            result.findings.extend(error.findings)
            continue
        except InvalidFileError as error:
            result.findings.extend(error.findings)
            continue
        loaded.append(item)
        result.findings.extend(item.findings)
    scales = registry.valid_scales()
    domains = set(registry.domains) if _bundled_domains_ok(registry) else set()
    for item in loaded:
        if isinstance(item.model, Scale):
            scales[item.model.id] = item.model
        elif isinstance(item.model, DomainList):
            domains |= {d.id for d in item.model.domains}
    for item in loaded:
        result.findings.extend(_check(item, scales, domains))
        result.findings.extend(_unquoted_ids(item))
    result.findings.extend(_duplicate_files(loaded))
    result.findings.sort(key=lambda f: (f.file or "", f.line or 0, f.column or 0))
    return result


def _expand(paths: Iterable[str | os.PathLike[str]], result: LintResult) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            sink = Collector(str(path))
            sink.add("file-unreadable", "no such file or folder")
            result.unreadable.append(str(path))
            result.findings.extend(sink.findings)
        else:
            files.extend(yaml_files(path))
    return files


def _check(item: Loaded, scales: dict[str, Scale], domains: set[str]) -> list[Finding]:
    if isinstance(item.model, Scale):
        return check_scale(item.model, item.document)
    if isinstance(item.model, DomainList):
        return check_domains(item.model, item.document)
    if isinstance(item.model, Template):
        return check_template(item.model, item.document, scales=scales, domains=domains)
    return []


_ID_KEYS = frozenset({"id", "code", "version", "cycle", "final_requires", "scale"})
_ID_LISTS = frozenset({"aliases", "required_for", "required", "choices", "domains"})


def _unquoted_ids(item: Loaded) -> list[Finding]:
    """Ids and codes that other YAML readers would not read as text (`1.10` as 1.1)."""
    sink = Collector(item.file)
    for path, value in item.document.typed_plain.items():
        key = path[-1] if isinstance(path[-1], str) else path[-2] if len(path) > 1 else ""
        if key in _ID_KEYS or (isinstance(path[-1], int) and key in _ID_LISTS):
            mark = item.document.marks[path]
            sink.add("id-unquoted", f"{value} is an id or code written without quotes; "
                     f"other YAML readers and editors read it as {_as_typed(value)}",
                     hint=f"write it in quotes: \"{value}\"", line=mark.line, column=mark.column)
    return sink.findings


def _as_typed(value: str) -> str:
    import yaml

    typed = yaml.safe_load(value)
    if isinstance(typed, str):  # YAML 1.2 only, such as 1e3
        return "a number (as YAML 1.2 readers such as yaml-language-server do)"
    return f"the {type(typed).__name__ if typed is not None else 'null'} {typed!r}"


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
            mark = item.document.mark(("id",))
            sink = Collector(item.file)
            sink.add("duplicate-id", f"{item.kind} id '{model.id}' is also defined in "
                     f"{first[key].file}", line=mark.line, column=mark.column,
                     hint="give each file its own id (or version)")
            findings += sink.findings
        else:
            first[key] = item
    return findings
