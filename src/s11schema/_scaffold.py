"""A partnership's repository, laid out in one step (`s11schema init`).

    README.md                  for the business manager: the year's work, step by step
    requirements.txt           the s11schema release everyone (and CI) uses
    .pre-commit-config.yaml    the hooks, run by the installed s11schema (nothing fetched)
    .github/workflows/audits.yml   checks on every pull request and on main
    standards/ scales/ audits/     each with a README saying what goes there
    standards/<id>.yaml        optionally, a bundled template copied under a new id

Every file is new: nothing that exists is overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ._errors import S11SchemaError
from ._loader import load_file
from ._registry import Registry, bundled_file
from ._version import __version__
from ._writing import write_text

#: The hooks of .pre-commit-hooks.yaml, as `repo: local` hooks (a test keeps them equal).
HOOKS: tuple[dict[str, object], ...] = (
    {"id": "s11schema-validate", "name": "validate Section 11 audits",
     "entry": "s11schema validate --repository", "language": "system",
     "files": r"(^|/)(audits/.*\.jsonl?|(standards|scales)/.*\.ya?ml)$", "types": ["file"]},
    {"id": "s11schema-lint", "name": "lint Section 11 templates and scales",
     "entry": "s11schema lint --repository", "language": "system",
     "files": r"(^|/)(standards|scales)/.*\.ya?ml$", "types": ["yaml"]},
)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_TOP_ID = re.compile(r"^id:[^\n]*$", flags=re.MULTILINE)


class ScaffoldError(S11SchemaError, ValueError):
    """The repository cannot be laid out as asked."""


@dataclass(frozen=True, slots=True)
class Copied:
    """A template copied under a new id, and the scales it needs that are not bundled."""

    template_id: str
    text: str
    scales: dict[str, str]


def copy_template(source_id: str, new_id: str, registry: Registry) -> Copied:
    """The text of template `source_id` with its id changed to `new_id`, comments kept."""
    if not _SLUG.match(new_id) or len(new_id) > 100:
        raise ScaffoldError(f"{new_id!r} is not an id (lower-case letters, digits, dots, "
                            "hyphens and underscores, starting with a letter or digit)")
    if bundled_file("template", new_id) is not None:
        raise ScaffoldError(f"'{new_id}' is a bundled template's id; give your copy its own "
                            "id, so that both can be used")
    template = registry.template(source_id)
    path = registry.file_of("template", template.id)
    assert path is not None
    text, count = _TOP_ID.subn(f'id: "{new_id}"', path.read_text(encoding="utf-8"), count=1)
    if not count:
        raise ScaffoldError(f"{path} has no top-level 'id:' line to change")
    scales: dict[str, str] = {}
    for scale_id in sorted(template.scale_ids()):
        registry.scale(scale_id)
        scale_path = registry.file_of("scale", scale_id)
        if scale_path is not None and bundled_file("scale", scale_id) is None:
            scales[scale_id] = scale_path.read_text(encoding="utf-8")
    return Copied(new_id, text, scales)


def files(*, template: Copied | None = None) -> dict[str, str]:
    """Every file of a new repository, by path."""
    template_id = template.template_id if template else "YOUR-TEMPLATE"
    laid: dict[str, str] = {
        "README.md": _readme(template_id, copied=template is not None),
        "requirements.txt": f"s11schema=={__version__}\n",
        ".gitignore": ".venv/\n__pycache__/\nchanged.txt\n",
        ".pre-commit-config.yaml": _pre_commit_config(),
        ".github/workflows/audits.yml": _WORKFLOW,
        "standards/README.md": _STANDARDS_README,
        "scales/README.md": _SCALES_README,
        "audits/README.md": _AUDITS_README.replace("YOUR-TEMPLATE", template_id),
    }
    if template is not None:
        laid[f"standards/{template.template_id}.yaml"] = template.text
        laid.update({f"scales/{scale_id}.yaml": text for scale_id, text in
                     template.scales.items()})
    return laid


def scaffold(folder: str | Path, *, template: Copied | None = None) -> list[Path]:
    """Write a new repository into `folder` (which may exist, but none of the files may)."""
    root = Path(folder)
    laid = files(template=template)
    taken = [name for name in laid if (root / name).exists()]
    if taken:
        raise ScaffoldError(f"{root / taken[0]} exists; `s11schema init` only creates new "
                            "files (choose an empty folder)")
    written = []
    for name, text in laid.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, text)
        written.append(path)
    if template is not None:
        made = load_file(root / "standards" / f"{template.template_id}.yaml").model
        if getattr(made, "id", None) != template.template_id:  # pragma: no cover - a bug
            raise ScaffoldError(f"the copy's id is {getattr(made, 'id', None)!r}, not "
                                f"{template.template_id!r}")
    return written


def _pre_commit_config() -> str:
    lines = ["# Checks run on every commit: `pip install -r requirements.txt pre-commit`,",
             "# then `pre-commit install` once. The hooks use the s11schema installed from",
             "# requirements.txt, so nothing is downloaded when they run.",
             "repos:", "  - repo: local", "    hooks:"]
    for hook in HOOKS:
        lines.append(f"      - id: {hook['id']}")
        lines += [f"        {key}: {_yaml_value(hook[key])}"
                  for key in ("name", "entry", "language", "files", "types")]
    return "\n".join(lines) + "\n"


def _yaml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    text = str(value)
    return "'" + text.replace("'", "''") + "'" if any(c in text for c in "^$|()[]*\\") else text


_WORKFLOW = """\
# Checks the templates, scales and audits on every pull request and on main.
name: audits
on:
  pull_request:
  push:
    branches: [main]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install s11schema
        run: pip install -r requirements.txt
      - name: Check the templates and scales
        run: s11schema lint --repository --format github standards scales
      - name: Validate the audits this pull request adds or changes
        if: github.event_name == 'pull_request'
        env:
          BASE: ${{ github.base_ref }}
        run: |
          git diff --name-only --diff-filter=AMR "origin/$BASE...HEAD" -- \\
            'audits/*.json' 'audits/*.jsonl' 'standards/*.yaml' 'standards/*.yml' \\
            'scales/*.yaml' 'scales/*.yml' > changed.txt
          if [ -s changed.txt ]; then
            xargs -d '\\n' s11schema validate --repository --format github < changed.txt
          fi
      - name: Validate every audit
        if: github.event_name != 'pull_request'
        run: s11schema validate --repository --format github audits
"""

_STANDARDS_README = """\
# standards/

Your partnership's Section 11 templates, one YAML file each, named after the
template's id (`standards/my-partnership-2026.yaml`). To start from a template
s11schema ships, see where they are with `s11schema templates --where`, copy one
here and give it its own `id:` (a copy that keeps a bundled id is used instead of
the bundled one, and `s11schema lint` warns about it).

Check them with `s11schema lint --repository standards scales`.
"""

_SCALES_README = """\
# scales/

Your own rating scales, one YAML file each, named after the scale's id. The
bundled scales (`rag`, `brag`, `lambeth-5`, `ofsted-4`, `yes-no`) need no copy
here: a template names them by id.
"""

_AUDITS_README = """\
# audits/

The completed returns, one JSON file per organisation (or JSON Lines, one audit
per line). Make a blank draft for an organisation to fill in with

    s11schema new YOUR-TEMPLATE --path standards --path scales -o audits/ORGANISATION.json

Every audit here is validated on each commit that changes it, and all of them
whenever a template or scale changes.
"""


def _readme(template_id: str, *, copied: bool) -> str:
    start = (f"The template is `standards/{template_id}.yaml`, copied from a bundled "
             "template: change its title, standards and wording to your partnership's.") if (
        copied) else ("Put your template in `standards/` (see `standards/README.md`), or "
                      "start again with `s11schema init --from nottinghamshire-2021 --id "
                      "my-partnership-2026 NEW_FOLDER`.")
    return f"""\
# Section 11 audits

This repository holds our partnership's Section 11 (Children Act 2004)
self-assessment: the template organisations answer, the rating scales, and the
returns they send back. [s11schema](https://pypi.org/project/s11schema/) checks
all of them.

| folder | what is in it |
| --- | --- |
| `standards/` | our template(s): sections, standards, guidance, questions |
| `scales/` | our own rating scales, if the bundled ones do not fit |
| `audits/` | the returns, one JSON file per organisation |

{start}

## Set up, once

With Python 3.10 or newer:

```sh
python -m venv .venv
. .venv/bin/activate          # on Windows: .venv\\Scripts\\activate
pip install -r requirements.txt pre-commit
pre-commit install            # checks run on every commit from now on
```

## The year's work

1. Check the template after each change:
   `s11schema lint --repository standards scales`
2. Send each organisation a blank draft:
   `s11schema new {template_id} --path standards --path scales -o audits/ORGANISATION.json`
3. Save each return in `audits/` and check it:
   `s11schema validate --repository audits/ORGANISATION.json`
   (every line of the output names the standard and what to fix).
4. Compare the returns and report to the board:
   `s11schema compare --path standards --path scales audits/`
   `s11schema report --path standards --path scales audits/ -o report.html`
5. Export a table for Excel or analysts:
   `s11schema export --path standards --path scales audits/ -o scores.csv --datapackage`

## Checks that run by themselves

- On every commit (after `pre-commit install`): the templates and scales you
  changed, the templates that use a scale you changed, the returns you changed,
  and every return when the template or a scale changes.
- On every pull request and on `main` (GitHub Actions,
  `.github/workflows/audits.yml`): the same, with each problem shown on the pull
  request.

Everyone uses the s11schema release named in `requirements.txt`
(s11schema {__version__}); change it there to upgrade.
"""
