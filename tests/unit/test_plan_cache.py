"""Templates' plans kept between runs (`_plan_cache`): keyed by the files, refused when
damaged or writable by others, written whole; and plans read back as written (`_plan`)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from s11schema import default_registry
from s11schema._plan import Plan, PlanError, plan_data, plan_from_data
from s11schema._plan_cache import (
    CACHE_ENV,
    NO_CACHE_ENV,
    STALE_SECONDS,
    PlanCache,
    cache_dir,
    fingerprint,
)
from s11schema._roots import bundled_dirs
from s11schema._validate import plan_for

REGISTRY = default_registry()
PLANS = {t.id: plan_for(t, REGISTRY) for t in REGISTRY.templates()}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    return cache


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, ...]:
    """A copy of the bundled templates and scales, to edit."""
    copies = []
    for folder in bundled_dirs():
        copies.append(tmp_path / "roots" / folder.name)
        shutil.copytree(folder, copies[-1])
    return tuple(copies)


def _filled(roots: tuple[Path, ...]) -> PlanCache:
    cache = PlanCache.open(roots)
    for template_id, plan in PLANS.items():
        cache.add((template_id, None), template_id, plan)
    cache.save()
    return cache


@pytest.mark.parametrize("template_id", sorted(PLANS))
def test_a_plan_reads_back_as_written(template_id: str) -> None:
    plan = PLANS[template_id]
    again = plan_from_data(json.loads(json.dumps(plan_data(plan))))
    assert again == plan
    assert again.blank("  ") is True
    assert again.blank("a rating") is False


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("asked"), "exactly the keys"),
    (lambda d: d.update(extra=1), "exactly the keys"),
    (lambda d: d.update(rules="structure"), "should be list"),
    (lambda d: d.update(horizon_months="12"), "should be int"),
    (lambda d: d.update(horizon_months=True), "should be int"),
    (lambda d: d.update(moderation=1), "should be bool"),
    (lambda d: d.update(window=["2021-13-01", None]), "should be a date"),
    (lambda d: d.update(window=[None]), "should have 2 items"),
    (lambda d: d.update(top_types=[["status", "object"]]), "not a type a plan names"),
    (lambda d: d["standards"][next(iter(d["standards"]))].update(lookup=[]), "should be dict"),
], ids=["missing", "extra", "list", "int", "bool for int", "bool", "date", "pair", "type",
        "nested"])
def test_a_plan_not_as_written_is_refused(change: Any, message: str) -> None:
    data = plan_data(PLANS["nottinghamshire-2021"])
    change(data)
    with pytest.raises(PlanError, match=message):
        plan_from_data(data)


def test_plans_saved_are_read_by_the_next_run(roots: tuple[Path, ...], folder: Path) -> None:
    _filled(roots)
    (file,) = folder.glob("plans-*.json")
    assert file.stat().st_mode & 0o777 == 0o600 or os.name != "posix"
    assert PlanCache.open(roots).plans == {(t, None): (t, p) for t, p in PLANS.items()}


def test_editing_any_file_makes_the_plans_again(roots: tuple[Path, ...], folder: Path) -> None:
    before = fingerprint(roots)
    _filled(roots)
    template = roots[0] / "lambeth.yaml"
    template.write_text(template.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert fingerprint(roots) != before
    assert PlanCache.open(roots).plans == {}
    (roots[1] / "new.yaml").write_text("id: new\n", "utf-8")
    assert fingerprint(roots) not in (before, fingerprint(roots[:1]))
    assert fingerprint(tuple(reversed(roots))) != fingerprint(roots)


def test_changing_s11schema_itself_makes_the_plans_again(
        roots: tuple[Path, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule edited in a working copy (same version) must not be skipped by an old plan;
    the same release installed again (a CI runner's fresh install) keeps its plans."""
    import s11schema._plan_cache as module

    package = tmp_path / "package"
    (package / "_rules").mkdir(parents=True)
    (package / "_rules" / "actions.py").write_text("RULE = 1\n", "utf-8")
    monkeypatch.setattr(module, "__file__", str(package / "_plan_cache.py"))
    before = fingerprint(roots)
    os.utime(package / "_rules" / "actions.py", (1, 1))  # installed again: same content
    assert fingerprint(roots) == before
    (package / "_rules" / "actions.py").write_text("RULE = 2  # changed\n", "utf-8")
    assert fingerprint(roots) != before


@pytest.mark.parametrize("damage", ["truncated", "checksum", "plan", "version", "not json",
                                    "deep"])
def test_a_damaged_or_doctored_file_is_passed_over(roots: tuple[Path, ...], folder: Path,
                                                   damage: str) -> None:
    _filled(roots)
    (file,) = folder.glob("plans-*.json")
    text = file.read_text("utf-8")
    document = json.loads(text)
    if damage == "truncated":
        file.write_text(text[: len(text) // 2], "utf-8")
    elif damage == "not json":
        file.write_bytes(b"\x80\x81")
    elif damage == "deep":  # a parser's recursion limit is not a crash
        file.write_text("[" * 200_000 + "]" * 200_000, "utf-8")
    else:
        if damage == "checksum":  # a plan changed by hand: the checksum no longer matches
            document["templates"][0]["plan"]["final_needs_date"] ^= True
        elif damage == "plan":  # changed with its checksum made again: the plan is checked
            from s11schema._plan_cache import _checksum

            document["templates"][0]["plan"]["standards"] = []
            document["checksum"] = _checksum(document["templates"])
        else:
            document["s11schema"] = "0.0.0"
        file.write_text(json.dumps(document), "utf-8")
    assert PlanCache.open(roots).plans == {}


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners here")
@pytest.mark.parametrize("which", ["folder", "file"])
def test_a_cache_others_can_write_is_not_trusted(roots: tuple[Path, ...], folder: Path,
                                                 which: str) -> None:
    _filled(roots)
    (file,) = folder.glob("plans-*.json")
    (folder if which == "folder" else file).chmod(0o777 if which == "folder" else 0o666)
    assert PlanCache.open(roots).plans == {}


def test_a_cache_file_that_is_a_link_is_not_trusted(roots: tuple[Path, ...], folder: Path,
                                                    tmp_path: Path) -> None:
    _filled(roots)
    (file,) = folder.glob("plans-*.json")
    elsewhere = tmp_path / "elsewhere.json"
    file.rename(elsewhere)
    file.symlink_to(elsewhere)
    assert PlanCache.open(roots).plans == {}


def test_two_runs_writing_at_once_keep_both_plans(roots: tuple[Path, ...], folder: Path) -> None:
    """Each write merges what is on disk and renames a whole file into place."""
    one, other = PlanCache.open(roots), PlanCache.open(roots)
    one.add(("lambeth", None), "lambeth", PLANS["lambeth"])
    other.add(("nottinghamshire-2021", None), "nottinghamshire-2021",
              PLANS["nottinghamshire-2021"])
    one.save()
    other.save()
    assert set(PlanCache.open(roots).plans) == {("lambeth", None), ("nottinghamshire-2021", None)}
    assert not list(folder.glob(".plans.*"))  # no temporary file left behind
    assert not list(folder.glob(".*"))


def test_files_of_templates_long_gone_are_removed(roots: tuple[Path, ...], folder: Path) -> None:
    _filled(roots)
    (old,) = folder.glob("plans-*.json")
    os.utime(old, (1, 1))
    template = roots[0] / "lambeth.yaml"
    template.write_text(template.read_text("utf-8") + "\n# edited\n", "utf-8")
    _filled(roots)
    assert not old.exists()
    assert len(list(folder.glob("plans-*.json"))) == 1
    assert STALE_SECONDS >= 24 * 3600


def test_the_cache_folder_is_the_users_and_can_be_turned_off(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if os.name == "posix" and os.uname().sysname == "Linux":
        assert cache_dir() == tmp_path / "s11schema"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    assert cache_dir() is None
    cache = PlanCache.open(())
    cache.add(("lambeth", None), "lambeth", PLANS["lambeth"])
    cache.save()
    assert not (tmp_path / "mine").exists()


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    assert cache_dir() is None


def test_a_plan_filed_under_another_template_is_refused(roots: tuple[Path, ...],
                                                        folder: Path) -> None:
    from s11schema._plan_cache import _checksum

    _filled(roots)
    (file,) = folder.glob("plans-*.json")
    document = json.loads(file.read_text("utf-8"))
    document["templates"][0]["template"] = "someone-else"
    document["checksum"] = _checksum(document["templates"])
    file.write_text(json.dumps(document), "utf-8")
    assert PlanCache.open(roots).plans == {}


def test_plans_hold_no_memo_of_audits_read() -> None:
    """A plan's memo of ratings seen fills as audits are read; it is not the plan."""
    plan: Plan = PLANS["lambeth"]
    standard = next(iter(plan.standards.values()))
    standard.memo["anything"] = None
    assert "memo" not in json.dumps(plan_data(plan))
    standard.memo.clear()
