"""A partnership's repository, as the pre-commit hooks see it: the whole set of templates
and scales, whatever files a commit touches, and what depends on the files it does touch.

pre-commit passes a hook only the files staged for the commit. A template that uses the
repository's own scale must still find that scale, and a scale change must still be
checked against the templates (and the audits) that use it, so that a partial commit
gets the verdict `pre-commit run --all-files` would give:

- the repository is the git work tree holding the current folder (else the folder
  itself); its `standards/` and `scales/` join the registry's path;
- lint, given a scale or domain file, also checks every template of the repository
  that names that scale, names a scale that no longer resolves (a renamed id), or
  (for a domain file, or a file that cannot be read) every template; given a template,
  it also checks every crosswalk that maps from or to it;
- validate, given a template, scale or domain file, re-validates every audit in the
  repository's `audits/` folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import S11SchemaError
from ._roots import YAML_SUFFIXES, bundled_dirs, yaml_files

if TYPE_CHECKING:  # validating audits needs only the folders: the models load when linting
    from ._registry import Registry

#: The folders of a partnership's repository, as `s11schema init` lays them out.
TEMPLATE_FOLDERS = ("standards", "scales")
AUDIT_FOLDER = "audits"


def find_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The top of the git work tree holding `start` (default: the current folder), else
    `start` itself."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():  # a folder, or a file in a worktree or submodule
            return folder
    return here


@dataclass(frozen=True, slots=True)
class Repository:
    """A repository's folders of templates, scales and audits."""

    root: Path
    audits: Path

    @classmethod
    def find(cls, start: str | os.PathLike[str] | None = None, *,
             audits: str | os.PathLike[str] = AUDIT_FOLDER) -> Repository:
        root = find_root(start)
        here = Path.cwd().resolve()
        if root == here or here in root.parents:  # names relative to here, as pre-commit's are
            root = Path(os.path.relpath(root, here))
        return cls(root, root / audits)

    @property
    def folders(self) -> list[Path]:
        """The repository's `standards/` and `scales/` that exist, leaving out the bundle's own
        (in a checkout of s11schema they are the same folders)."""
        bundled = {d.resolve() for d in bundled_dirs()}
        return [self.root / name for name in TEMPLATE_FOLDERS
                if (self.root / name).is_dir() and (self.root / name).resolve() not in bundled]

    def registry(self, paths: Sequence[str | os.PathLike[str]] = ()) -> Registry:
        """The registry of `paths` (`--path`), the repository's folders and the bundle."""
        from ._registry import Registry

        return Registry(self.search_paths(paths))

    def search_paths(self, paths: Sequence[str | os.PathLike[str]] = ()
                     ) -> list[str | os.PathLike[str]]:
        """`paths` (`--path`), then the repository's folders: searched before the bundle."""
        return [*paths, *self.folders]

    def lint_files(self, files: Iterable[str | os.PathLike[str]],
                   registry: Registry) -> list[Path]:
        """`files`, then the templates that depend on the scales and domains among them."""
        from ._loader import load_file
        from ._scales import Scale
        from ._templates import DomainList, Template

        given = [Path(f) for f in files]
        changed_scales: set[str] = set()
        changed_templates: set[str] = set()
        everything = False
        for path in given:
            if not path.is_file() or path.suffix not in YAML_SUFFIXES:
                continue
            try:
                model = load_file(path).model
            except (S11SchemaError, ValueError):  # unreadable: its dependents are unknown
                everything = True
                continue
            if isinstance(model, Scale):
                changed_scales.add(model.id)
            elif isinstance(model, Template):
                changed_templates.add(model.id)
            elif isinstance(model, DomainList) or model is None:
                everything = True
        if not changed_scales and not changed_templates and not everything:
            return given
        seen = {p.resolve() for p in given if p.exists()}
        extra = [path for path in self._template_files(registry)
                 if path.resolve() not in seen
                 and self._depends(path, changed_scales, changed_templates, registry,
                                   everything=everything)]
        return [*given, *extra]

    def _template_files(self, registry: Registry) -> list[Path]:
        """YAML files in the registry's folders that are not the bundle's."""
        bundled = {d.resolve() for d in bundled_dirs()}
        return [path for root in registry.roots
                if root.is_dir() and root.resolve() not in bundled
                for path in yaml_files(root)]

    @staticmethod
    def _depends(path: Path, scales: set[str], templates: set[str], registry: Registry, *,
                 everything: bool) -> bool:
        from ._crosswalk import CrosswalkFile, split_ref
        from ._loader import load_file
        from ._templates import Template

        try:
            model = load_file(path).model
        except (S11SchemaError, ValueError):
            return False  # an unreadable file that was not changed: not this commit's doing
        if isinstance(model, CrosswalkFile):
            named = {split_ref(model.from_)[0], split_ref(model.to)[0]}
            return everything or bool(named & templates)
        if not isinstance(model, Template):
            return False
        if everything:
            return True
        return bool(model.scale_ids() & scales) or not all(
            _resolves(registry, scale_id) for scale_id in model.scale_ids())

    def audit_paths(self, files: Iterable[str | os.PathLike[str]]) -> list[str]:
        """The audits among `files`, and the whole audits folder if any template, scale or
        domain file is among them."""
        given = [str(f) for f in files]
        audits = [f for f in given if Path(f).suffix not in YAML_SUFFIXES]
        if len(audits) == len(given) or not self.audits.is_dir():
            return audits
        folder = self.audits.resolve()
        return [*(f for f in audits if folder not in Path(f).resolve().parents),
                str(self.audits)]


def _resolves(registry: Registry, scale_id: str) -> bool:
    try:
        registry.scale(scale_id)
    except (S11SchemaError, ValueError):
        return False
    return True
