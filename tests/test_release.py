"""One version everywhere: the git tag on HEAD (if any), `_version.py`, and the docs'
examples, which take it from the docs hook rather than writing it by hand."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from s11schema import __version__
from s11schema._scaffold import files

from .conftest import ROOT
from .test_docs import DOCS, fill

#: A version written by hand in the docs: `rev: v0.1.0`, `s11schema==0.1.0`.
_WRITTEN = re.compile(r"rev: v\d|s11schema==\d")


def tags_on_head() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist has no tags to check)")
    result = subprocess.run(["git", "tag", "--points-at", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    return result.stdout.split()


def wrong_tags(tags: list[str], version: str) -> list[str]:
    """The release tags (v1.2.3, 1.2.3rc1) that name another version than `version`."""
    return [tag for tag in tags if re.fullmatch(r"v?\d+(\.\d+)*([a-z]+\d*)?", tag)
            and tag.removeprefix("v") != version]


def test_a_version_tag_on_head_is_the_package_version() -> None:
    """A release tag on the commit being tested names the version _version.py gives."""
    assert wrong_tags(tags_on_head(), __version__) == [], (
        f"src/s11schema/_version.py says {__version__}")


def test_wrong_tags_are_found() -> None:
    """The check itself: another version's tag is caught; other tags are not releases."""
    assert wrong_tags(["v1.2.3", "docs-update", "1.2.3"], "1.2.3") == []
    assert wrong_tags(["v1.2.4", "v1.2.3rc1"], "1.2.3") == ["v1.2.4", "v1.2.3rc1"]


def test_docs_examples_use_the_package_version() -> None:
    """No page writes a version by hand; the pre-commit example pins `rev: v<version>` and
    the workflow installs `s11schema==<version>`."""
    for page in sorted(DOCS.rglob("*.md")):
        assert not _WRITTEN.search(page.read_text(encoding="utf-8")), page
    guide = fill((DOCS / "ci.md").read_text(encoding="utf-8"))
    assert f"rev: v{__version__}\n" in guide
    assert f"pip install s11schema=={__version__}" in guide


def test_init_pins_the_package_version() -> None:
    """A repository made by `init` installs the release that made it."""
    assert files()["requirements.txt"] == f"s11schema=={__version__}\n"
