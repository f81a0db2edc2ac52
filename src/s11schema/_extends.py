"""One template building on another: `extends: regional-2024` in a local variant.

The variant's file is merged onto its parent's before it is checked, so it can
leave out everything it shares. A key the variant gives replaces the parent's,
except the lists of things with ids (sections, standards, fields, questions,
organisation and respondent details), which are merged by id: an item with an
id the parent has replaces that item in place, a new one is added at the end,
and `remove` takes standards (or sections) out by id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Lists merged by the `id` of their items, and (for sections) the list inside each.
_BY_ID = frozenset({"sections", "fields", "questions", "organisation", "respondent",
                    "organisation_kinds"})
#: Keys of the variant's file that are about the merge itself.
MERGE_KEYS = frozenset({"extends", "remove"})


def merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """The parent's data with the child's laid over it (see the module's description)."""
    result = {k: v for k, v in parent.items() if k not in MERGE_KEYS}
    for key, value in child.items():
        if key in _BY_ID and isinstance(value, list) and isinstance(result.get(key), list):
            result[key] = _by_id(result[key], value, nested="standards" if key == "sections"
                                 else None)
        else:
            result[key] = value
    removed = child.get("remove")
    if isinstance(removed, list) and isinstance(result.get("sections"), list):
        result["sections"] = _without(result["sections"], {str(r) for r in removed})
    return result


def _by_id(base: list[Any], changes: list[Any], *, nested: str | None) -> list[Any]:
    items = list(base)
    place = {_id(item): index for index, item in enumerate(items) if _id(item) is not None}
    for change in changes:
        key = _id(change)
        if key is None or key not in place:
            items.append(change)
            continue
        old = items[place[key]]
        if nested and isinstance(old, dict) and isinstance(change, dict):
            combined = {**old, **change}
            if isinstance(old.get(nested), list) and isinstance(change.get(nested), list):
                combined[nested] = _by_id(old[nested], change[nested], nested=None)
            items[place[key]] = combined
        else:
            items[place[key]] = change
    return items


def _without(sections: list[Any], removed: set[str]) -> list[Any]:
    kept = []
    for section in sections:
        if _id(section) in removed:
            continue
        if isinstance(section, dict) and isinstance(section.get("standards"), list):
            section = {**section, "standards": [s for s in section["standards"]
                                                if _id(s) not in removed]}
        kept.append(section)
    return kept


def _id(item: Any) -> str | None:
    return str(item["id"]) if isinstance(item, dict) and "id" in item else None


def child_paths(parent: dict[str, Any], child: dict[str, Any]) -> dict[tuple[Any, ...],
                                                                      tuple[Any, ...]]:
    """Where each list item of the child's file ends up in the merged data: child path ->
    merged path, for the items with ids, so that findings point at the child's lines."""
    moved: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    result = merged(parent, child)
    for key in _BY_ID:
        items, placed = child.get(key), result.get(key)
        if not (isinstance(items, list) and isinstance(placed, list)):
            continue
        where = {_id(item): index for index, item in enumerate(placed)}
        for index, item in enumerate(items):
            target = where.get(_id(item))
            if target is None:
                continue
            moved[(key, index)] = (key, target)
            inner, inner_placed = _standards(item), _standards(placed[target])
            if key == "sections" and inner is not None and inner_placed is not None:
                at = {_id(s): i for i, s in enumerate(inner_placed)}
                for i, standard in enumerate(inner):
                    if _id(standard) in at:
                        moved[(key, index, "standards", i)] = (key, target, "standards",
                                                               at[_id(standard)])
    return moved


def _standards(section: Any) -> list[Any] | None:
    value = section.get("standards") if isinstance(section, dict) else None
    return value if isinstance(value, list) else None


def resolver(raw: Callable[[str], dict[str, Any] | None]) -> Callable[[str], dict[str, Any] | None]:
    """Parents for `load_file`: the data of a template by id, itself merged onto the
    template it extends, and so on up; a loop of templates extending each other is
    treated as a parent that cannot be found."""

    def parent(template_id: str, seen: frozenset[str] = frozenset()) -> dict[str, Any] | None:
        data = raw(template_id)
        if data is None or template_id in seen:
            return None
        above = data.get("extends")
        if not isinstance(above, str):
            return data
        grand = parent(above, seen | {template_id})
        return None if grand is None else merged(grand, data)

    return parent
