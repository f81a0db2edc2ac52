"""Crosswalks: how one template's standards map onto another's.

A crosswalk file names the template it maps `from` and the template it maps `to`,
and for each standard of `from` the standards of `to` that take its answer:

```yaml
from: nottinghamshire-2021
to: nottinghamshire-2023
standards:
  "2.3": ["2.3", "2.4"]   # split in two
  "3.2": "3.1"            # merged with 3.1
  "9.2": null             # dropped
```

A standard with no entry maps to the standard of `to` with the same id where the
two are versions of one template (`same_id`); a standard of `to` that nothing
reaches takes, with `unmatched: domain`, the answers of every standard of `from`
that shares one of its common domains. Resolved against both templates, a file
becomes a `Crosswalk`, which carry-forward and translation follow; with no file,
versions of one template map by id and other templates by shared domain. The
checks of a file's meaning (templates, standards and fields that exist) are in
`_crosswalk_checks`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from ._model import Ident, Model, Slug
from ._templates import Template

if TYPE_CHECKING:
    from ._registry import Registry

#: `nottinghamshire-2021`, or `nottinghamshire-2021@2021` for one version of it.
TemplateRef = Annotated[str, StringConstraints(
    strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9._-]*(@[^\s@]+)?$", max_length=200)]


def _targets(value: object) -> object:
    """One message for what is neither an id, a list of ids nor null."""
    if value == [] or (isinstance(value, str) and not value.strip()):
        raise ValueError("is empty; write null to say the standard is dropped")
    if value is not None and not isinstance(value, (str, list, tuple)):
        raise ValueError("should be a standard id, a list of them (a split), or null "
                         "(dropped)")
    return value


#: What a standard maps to: one standard, several (a split), or none (`null`: dropped).
Targets = Annotated[Ident | tuple[Ident, ...] | None, BeforeValidator(_targets)]


class CrosswalkFile(Model):
    """The content of a crosswalk file (`standards/crosswalks/*.yaml`)."""

    from_: TemplateRef = Field(alias="from")
    to: TemplateRef
    #: Source standard id -> the target standard(s) that take its answer, or None.
    standards: dict[Ident, Targets] = Field(default_factory=dict)
    #: A standard with no entry maps to the same id; unset: where the templates are
    #: versions of one template (the same id, or one `extends` the other).
    same_id: bool | None = None
    #: What a target standard that no entry reaches gets: nothing, or by shared domain.
    unmatched: Literal["none", "domain"] = "none"
    #: Source field id -> target field id, where a field's answers go somewhere else.
    fields: dict[Slug, Slug] = Field(default_factory=dict)

    def targets(self, standard_id: str) -> tuple[str, ...] | None:
        """The targets an entry names (() for a dropped standard); None with no entry."""
        if standard_id not in self.standards:
            return None
        entry = self.standards[standard_id]
        return () if entry is None else (entry,) if isinstance(entry, str) else entry


def split_ref(ref: str) -> tuple[str, str | None]:
    """`id@version` -> (id, version); a plain id has no version."""
    template_id, _, version = ref.partition("@")
    return template_id, version or None


def refers_to(ref: str, template: Template) -> bool:
    """Whether `from` or `to` names this template (and, if it names one, its version)."""
    template_id, version = split_ref(ref)
    return template_id == template.id and version in (None, template.version)


def versions_of_one(source: Template, target: Template) -> bool:
    """The same template id, or one template `extends` the other: ids keep their meaning."""
    return source.id == target.id or target.extends == source.id or source.extends == target.id


def label_of(template: Template) -> str:
    """`id@version` (or `id@cycle`), as a carried answer names where it came from."""
    tag = template.version or template.cycle
    return f"{template.id}@{tag}" if tag else template.id


def _words(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """One template's standards mapped onto another's, resolved against both.

    Build one with `Crosswalk.between` (the registry's crosswalk file for the two
    templates, or the default), `Crosswalk.from_file`, or `Crosswalk.resolve`.
    """

    source: Template = field(repr=False)
    target: Template = field(repr=False)
    #: Target standard id -> the source standards whose answers it takes, in source order.
    sources: Mapping[str, tuple[str, ...]]
    #: Target standards reached only through a shared common domain.
    by_domain: frozenset[str] = frozenset()
    #: Source field id -> target field id, where the crosswalk file names one.
    fields: Mapping[str, str] = field(default_factory=dict)
    #: Where the mapping comes from: the crosswalk file, "same ids" or "shared domains".
    origin: str = "same ids"

    @classmethod
    def resolve(cls, source: Template, target: Template, file: CrosswalkFile | None = None,
                *, origin: str | None = None) -> Crosswalk:
        """The mapping a crosswalk file gives between two templates; with no file, the
        default: versions of one template by id, other templates by shared domain."""
        same = versions_of_one(source, target)
        if file is not None and file.same_id is not None:
            same = file.same_id
        unmatched = file.unmatched if file is not None else ("none" if same else "domain")
        reach: dict[str, list[str]] = {t: [] for t in target.standard_ids}
        for standard_id in source.standard_ids:
            named = file.targets(standard_id) if file is not None else None
            if named is None:
                named = (standard_id,) if same and standard_id in reach else ()
            for target_id in named:
                if target_id in reach and standard_id not in reach[target_id]:
                    reach[target_id].append(standard_id)
        by_domain: set[str] = set()
        if unmatched == "domain":
            dropped = {s for s in source.standard_ids if file and file.targets(s) == ()}
            for target_id, found in reach.items():
                if found:
                    continue
                domains = set(target.standard[target_id].domains)
                found += [s.id for s in source.standards
                          if s.id not in dropped and domains & set(s.domains)]
                if found:
                    by_domain.add(target_id)
        if origin is None:
            origin = ("a crosswalk file" if file is not None
                      else "same ids" if same else "shared domains")
        return cls(source, target, {t: tuple(found) for t, found in reach.items() if found},
                   frozenset(by_domain), dict(file.fields) if file is not None else {},
                   origin)

    @classmethod
    def between(cls, source: Template, target: Template, *,
                registry: Registry | None = None) -> Crosswalk:
        """The crosswalk file for these two templates that the registry can see, checked;
        without one, the default mapping (see `resolve`)."""
        from ._registry import default_registry

        found = (registry or default_registry()).crosswalk(source, target)
        return found if found is not None else cls.resolve(source, target)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], source: Template, target: Template, *,
                  registry: Registry | None = None) -> Crosswalk:
        """A crosswalk file by path, checked against the two templates it must map.

        InvalidFileError if it has errors; SettingError if it maps other templates.
        """
        from ._files import SettingError
        from ._registry import default_registry

        file = (registry or default_registry()).checked_crosswalk(path)
        if not (refers_to(file.from_, source) and refers_to(file.to, target)):
            raise SettingError(
                f"{os.fspath(path)} maps {file.from_} onto {file.to}, not {label_of(source)} "
                f"onto {label_of(target)}")
        return cls.resolve(source, target, file, origin=os.fspath(path))

    @property
    def new(self) -> tuple[str, ...]:
        """Standards of the target that no standard of the source maps to."""
        return tuple(t for t in self.target.standard_ids if t not in self.sources)

    @property
    def dropped(self) -> tuple[str, ...]:
        """Standards of the source whose answers reach no standard of the target."""
        used = {s for found in self.sources.values() for s in found}
        return tuple(s for s in self.source.standard_ids if s not in used)

    def text_changed(self, target_id: str) -> bool:
        """Whether the target standard is worded otherwise than a source it takes from."""
        wanted = _words(self.target.standard[target_id].text)
        return any(_words(self.source.standard[s].text) != wanted
                   for s in self.sources.get(target_id, ()))


def crosswalk_for(crosswalk: Crosswalk | str | os.PathLike[str] | None, source: Template,
                  target: Template, *, registry: Registry | None = None) -> Crosswalk:
    """The crosswalk to follow from `source` to `target`: the one given (a `Crosswalk`, or
    the path of a crosswalk file), else the registry's, else the default.
    SettingError where the one given maps other templates."""
    if crosswalk is None:
        return Crosswalk.between(source, target, registry=registry)
    if not isinstance(crosswalk, Crosswalk):
        return Crosswalk.from_file(crosswalk, source, target, registry=registry)
    if (crosswalk.source.id, crosswalk.source.version, crosswalk.target.id,
            crosswalk.target.version) != (source.id, source.version, target.id,
                                          target.version):
        from ._files import SettingError

        raise SettingError(f"the crosswalk maps {label_of(crosswalk.source)} onto "
                           f"{label_of(crosswalk.target)}, not {label_of(source)} onto "
                           f"{label_of(target)}")
    return crosswalk
