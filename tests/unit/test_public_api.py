"""The public API: one sorted `__all__`, every name importable, documented and presented as
`s11schema.<name>`, and every public function usable with `pathlib.Path` arguments."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import s11schema

from ..conftest import ROOT
from . import public_api_usage

PACKAGE = ROOT / "src" / "s11schema" / "__init__.py"


def _type_checking_names() -> set[str]:
    """The names __init__.py imports for type checkers: what __all__ must list."""
    tree = ast.parse(PACKAGE.read_text(encoding="utf-8"))
    guard = next(node for node in tree.body if isinstance(node, ast.If))
    return {alias.asname or alias.name for node in ast.walk(guard)
            if isinstance(node, ast.ImportFrom) for alias in node.names}


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted, has no duplicates, and lists every name the package imports."""
    names = [n for n in s11schema.__all__ if n != "__version__"]
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    assert len(set(names)) == len(names)
    assert set(names) == _type_checking_names()


def test_dir_lists_the_public_names() -> None:
    """dir(s11schema) shows the public API and the sub-namespaces, and nothing private."""
    listed = dir(s11schema)
    assert set(s11schema.__all__) <= set(listed)
    assert {"formats", "readers", "testing"} <= set(listed)
    assert not [n for n in listed if n.startswith("_") and n != "__version__"]


def test_every_public_name_imports_and_is_documented() -> None:
    """Each name imports from the package, has a docstring, and classes and functions say
    they are s11schema's own."""
    for name in s11schema.__all__:
        value = getattr(s11schema, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__ == "s11schema", name
            assert inspect.getdoc(value), name


def test_no_public_module_shadows_a_function() -> None:
    """`s11schema.validate` is the function whatever has been imported."""
    import s11schema._validate  # importing the module must not replace the name

    assert callable(s11schema.validate)
    assert s11schema.validate.__name__ == "validate"


def test_version_does_not_load_the_implementation() -> None:
    """Importing the package alone loads none of the private modules (PEP 562)."""
    code = ("import sys, s11schema; print(sorted(m for m in sys.modules "
            "if m.startswith('s11schema.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "['s11schema._version']"


def test_the_typed_usage_script_runs(tmp_path: Path) -> None:
    """public_api_usage.py (checked by mypy --strict in CI) also runs."""
    assert public_api_usage.use_everything(tmp_path) > 0
