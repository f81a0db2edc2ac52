"""Checks of a crosswalk file's meaning: its templates exist, and so does every standard
and field it names, on the side it names it; a standard is listed once per entry.

Ids written so that other readers would not read them as the same text (`2.3:`
unquoted) are lint's concern, in `_ids`, as they are for templates."""

from __future__ import annotations

from collections.abc import Callable

from ._crosswalk import CrosswalkFile, split_ref
from ._findings import Code, Finding, code
from ._templates import Template
from ._text import Path, suggest
from ._yaml import DUPLICATE_ID, Located, YamlDocument, same_id_key

_E = "error"
CROSSWALK_TEMPLATE_UNKNOWN = code(
    "crosswalk-template-unknown", _E, "crosswalks",
    "The template a crosswalk maps from or to cannot be found (or cannot be used).",
    "crosswalks/notts.yaml:2:5: error crosswalk-template-unknown: unknown template "
    "'nottinghamshire-2032' (did you mean 'nottinghamshire-2023'?)")
CROSSWALK_STANDARD_UNKNOWN = code(
    "crosswalk-standard-unknown", _E, "crosswalks",
    "A crosswalk names a standard its template does not have.",
    "crosswalks/notts.yaml:5:10: error crosswalk-standard-unknown: '2.6' is not a standard of "
    "nottinghamshire-2023@2023 (did you mean '2.4'?)")
CROSSWALK_TARGET_REPEATED = code(
    "crosswalk-target-repeated", _E, "crosswalks",
    "One entry of a crosswalk lists the same target standard twice.",
    "crosswalks/notts.yaml:5:17: error crosswalk-target-repeated: '2.4' is listed twice for "
    "2.3 (list each standard it maps to once)")
CROSSWALK_FIELD_UNKNOWN = code(
    "crosswalk-field-unknown", _E, "crosswalks",
    "A crosswalk's `fields` names a response field its template does not have, or one "
    "that cannot hold the other's answers.",
    "crosswalks/lambeth.yaml:9:3: error crosswalk-field-unknown: 'working_wel' is not a "
    "field of lambeth (did you mean 'working_well'?)")
CODES: tuple[Code, ...] = (CROSSWALK_TEMPLATE_UNKNOWN, CROSSWALK_STANDARD_UNKNOWN,
                           CROSSWALK_TARGET_REPEATED, CROSSWALK_FIELD_UNKNOWN)

#: The template a crosswalk names, by id and version: the template, or why there is none.
Find = Callable[[str, "str | None"], "Template | str"]


def check_crosswalk(file: CrosswalkFile, document: YamlDocument, find: Find) -> list[Finding]:
    """Every template, standard and field named exists on its side; ids are quoted."""
    sink = Located(document)
    source = _template(file.from_, ("from",), find, sink)
    target = _template(file.to, ("to",), find, sink)
    _unique_keys(document, sink)
    for key in file.standards:
        path: Path = ("standards", key)
        if source is not None and key not in source.standard:
            _at_key(sink, path, CROSSWALK_STANDARD_UNKNOWN,
                    f"'{key}' is not a standard of {source.label}", _hint(key, source))
        entry = file.standards[key]
        seen: set[str] = set()
        for index, target_id in enumerate(file.targets(key) or ()):
            where: Path = path if isinstance(entry, str) else (*path, index)
            if target is not None and target_id not in target.standard:
                sink.at(where, CROSSWALK_STANDARD_UNKNOWN,
                        f"'{target_id}' is not a standard of {target.label}",
                        _hint(target_id, target))
            elif target_id in seen:
                sink.at(where, CROSSWALK_TARGET_REPEATED, f"'{target_id}' is listed twice "
                        f"for {key}", hint="list each standard it maps to once")
            seen.add(target_id)
    _check_fields(file, source, target, sink)
    return sink.done()


def _template(ref: str, path: Path, find: Find, sink: Located) -> Template | None:
    found = find(*split_ref(ref))
    if isinstance(found, str):
        sink.at(path, CROSSWALK_TEMPLATE_UNKNOWN, found,
                hint="name a template s11schema can see (bundled, or on --path), as id or "
                     "id@version")
        return None
    return found


def _hint(standard_id: str, template: Template) -> str:
    ids = template.standard_ids
    listed = ", ".join(ids[:30]) + (" ..." if len(ids) > 30 else "")
    return suggest(standard_id, ids) or f"standards: {listed}"


def _at_key(sink: Located, path: Path, what: Code, message: str, hint: str | None) -> None:
    mark = sink.document.mark(path, key=True)
    sink.add(what, message, path=path, hint=hint, line=mark.line, column=mark.column)


def _unique_keys(document: YamlDocument, sink: Located) -> None:
    """Two keys that are the same id as written ("2.3" and "2.3 ", or another case) are one
    standard written twice, and the model would keep only the last."""
    standards = document.data.get("standards") if isinstance(document.data, dict) else None
    first: dict[str, str] = {}
    for key in standards if isinstance(standards, dict) else ():
        same = same_id_key(key.strip(), fold=True)
        if same in first:
            line = sink.document.mark(("standards", first[same]), key=True).line
            _at_key(sink, ("standards", key), DUPLICATE_ID, f"standard id '{key}' is used "
                    f"twice, first at line {line}", "give each standard one entry")
        else:
            first[same] = key


def _check_fields(file: CrosswalkFile, source: Template | None, target: Template | None,
                  sink: Located) -> None:
    """A field's answers go to a field of the other template of the same type, or to a
    text field (where anything can be written out)."""
    theirs = {f.id: f for f in source.fields} if source else {}
    ours = {f.id: f for f in target.fields} if target else {}
    for key, value in file.fields.items():
        path: Path = ("fields", key)
        if source is not None and key not in theirs:
            _at_key(sink, path, CROSSWALK_FIELD_UNKNOWN, f"'{key}' is not a field of "
                    f"{source.label}", suggest(key, theirs) or f"fields: {', '.join(theirs)}")
        if target is not None and value not in ours:
            sink.at(path, CROSSWALK_FIELD_UNKNOWN, f"'{value}' is not a field of "
                    f"{target.label}", suggest(value, ours) or f"fields: {', '.join(ours)}")
        elif key in theirs and value in ours and ours[value].type not in (
                "text", theirs[key].type):
            sink.at(path, CROSSWALK_FIELD_UNKNOWN, f"'{value}' is a {ours[value].type} field, "
                    f"so it cannot hold the answers of '{key}' ({theirs[key].type})",
                    hint="map it to a field of the same type, or to a text field")
