"""Frictionless Table Schemas for the CSV tables, in a `datapackage.json` beside them.

A CSV file says nothing about its columns, so spreadsheets and loaders guess, and
guess wrong: the standard "1.10" becomes the number 1.1 and meets "1.1", a
template version "2016" becomes 2016.0. A Data Package (https://datapackage.org)
declares each column's type; pandas, DuckDB, R and the Frictionless tools can
read the types from it rather than guessing. Ids, standards, sections and
versions are strings; values and shares are numbers; counts are integers; dates
are dates; flags are booleans, written `True` and `False` as Python writes them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._errors import S11SchemaError
from ._writing import write_text

NAME = "datapackage.json"

_TEXT, _NUMBER, _INTEGER, _DATE, _BOOLEAN = "string", "number", "integer", "date", "boolean"

#: Every column any CSV table of s11schema writes: its type, and what it holds.
COLUMNS: dict[str, tuple[str, str]] = {
    # the scores and actions tables (export, normalise --format csv)
    "partnership": (_TEXT, "the partnership that ran the audit"),
    "organisation": (_TEXT, "the organisation that completed the audit"),
    "organisation_type": (_TEXT, "the kind of organisation, as the audit gives it"),
    "organisation_kind": (_TEXT, "the organisation kind of the template's organisation_kinds "
                                 "(statutory, commissioned), which decides applies_to"),
    "areas": (_TEXT, "local authority areas the organisation covers, separated by '; '"),
    "template": (_TEXT, "the template's id"),
    "template_version": (_TEXT, "the template's version, as text (\"2016\", not 2016.0)"),
    "cycle": (_TEXT, "the template's audit year or cycle, as the source says it (\"2019/20\")"),
    "status": (_TEXT, "draft or final"),
    "completed_on": (_DATE, "the date the audit was completed"),
    "section": (_TEXT, "the section's id, as text"),
    "section_title": (_TEXT, "the section's heading"),
    "standard": (_TEXT, "the standard's id, as text (\"1.10\" is not \"1.1\")"),
    "domains": (_TEXT, "the common domains the standard covers, separated by '; '"),
    "references": (_TEXT, "the standard's references (\"Working Together 2018: 4.2\"), "
                          "separated by '; '"),
    "scale": (_TEXT, "the id of the scale the standard is rated on"),
    "rating": (_TEXT, "the rating used: self-assessed, or moderated with --rating moderated"),
    "self_rating": (_TEXT, "the organisation's own rating"),
    "moderated_rating": (_TEXT, "the partnership's moderated rating, where there is one"),
    "value": (_NUMBER, "the rating on the common scale, 0 to 1 (empty for N/A and "
                       "unanswered)"),
    "scored": (_BOOLEAN, "whether the answer counts in means (false for a yes/no question "
                         "asked for its shares)"),
    "band": (_TEXT, "inadequate, requires-improvement, good or outstanding"),
    "gap": (_NUMBER, "the moderated rating minus the self-rating on the common scale "
                     "(negative: the organisation rated itself higher than the moderators)"),
    "over_rated": (_BOOLEAN, "whether the self-assessment is above the moderated rating by the "
                             "template's over_rating_margin or more"),
    "not_applicable": (_BOOLEAN, "whether the standard was rated not applicable"),
    "qualified": (_BOOLEAN, "whether the answer carries the template's qualifier (\"Yes*\")"),
    "note": (_TEXT, "what the qualifier means for this answer, as the return says it"),
    "in_scope": (_BOOLEAN, "whether the standard applies to this kind of organisation"),
    "actions": (_INTEGER, "how many improvement actions the response gives"),
    "earliest_due": (_DATE, "the earliest due date of those actions"),
    "action": (_TEXT, "what will be done"),
    "lead": (_TEXT, "who leads it"),
    "measure": (_TEXT, "how success will be measured"),
    "due": (_TEXT, "the due date as written (\"Q3 2021/22\")"),
    "due_date": (_DATE, "the due date as a date (the end of the period written)"),
    "action_status": (_TEXT, "open, in progress, done or dropped (open when not given)"),
    "progress": (_TEXT, "what has been done so far, as the return says it"),
    "done_on": (_TEXT, "when the action was done, as written (a date or a month)"),
    "overdue": (_BOOLEAN, "whether the action is open and past its due date"),
    "respondent_name": (_TEXT, "the respondent's name (personal data)"),
    "respondent_role": (_TEXT, "the respondent's role (personal data)"),
    "respondent_email": (_TEXT, "the respondent's email (personal data)"),
    "respondent_phone": (_TEXT, "the respondent's phone number (personal data)"),
    # the comparison table (compare --format csv)
    "group": (_TEXT, "the partnership, template, area or organisation of --group-by"),
    "key": (_TEXT, "the domain, section or standard id compared, as text"),
    "title": (_TEXT, "its title"),
    "audits": (_INTEGER, "how many audits the row rests on"),
    "mean": (_NUMBER, "the mean on the common scale, 0 to 1"),
    "inadequate": (_INTEGER, "audits whose mean is in the inadequate band"),
    "requires-improvement": (_INTEGER, "audits whose mean is in the requires-improvement band"),
    "good": (_INTEGER, "audits whose mean is in the good band"),
    "outstanding": (_INTEGER, "audits whose mean is in the outstanding band"),
    "good_or_better": (_NUMBER, "the share of audits rated good or better, 0 to 1"),
    "skipped": (_INTEGER, "audits that left the question unanswered (\"-\" or blank)"),
    "distribution": (_TEXT, "the share in each band, or of each answer for a question "
                            "answered rather than scored (\"yes 80%, no 20%\")"),
    "lowest": (_TEXT, "the organisations with the lowest means, lowest first"),
}


class DataPackageError(S11SchemaError, ValueError):
    """An existing datapackage.json cannot be read or updated."""


def table_schema(columns: Sequence[str]) -> dict[str, Any]:
    """The Table Schema of a CSV table with these columns (KeyError for an unknown one)."""
    fields: list[dict[str, Any]] = []
    for column in columns:
        kind, description = COLUMNS[column]
        field: dict[str, Any] = {"name": column, "type": kind, "description": description}
        if kind == _BOOLEAN:
            field.update(trueValues=["True"], falseValues=["False"])
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def resource(path: str, columns: Sequence[str]) -> dict[str, Any]:
    """A tabular data resource: one CSV file, as s11schema writes it, and its schema."""
    name = re.sub(r"[^a-z0-9._-]+", "-", Path(path).stem.lower()).strip("-._") or "table"
    return {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "schema": table_schema(columns)}


def write_datapackage(csv_path: str | os.PathLike[str], columns: Sequence[str]) -> Path:
    """Add (or replace) the CSV file's resource in the datapackage.json beside it.

    Other resources already described there (the other table, written before) are kept,
    so one package can describe a folder of exports. Returns the package's path.
    """
    csv_file = Path(csv_path)
    target = csv_file.parent / NAME
    package: dict[str, Any] = {"profile": "tabular-data-package", "name": "s11schema-export",
                               "resources": []}
    if target.exists():
        try:
            package = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise DataPackageError(f"{target} exists but cannot be read as a data package "
                                   f"({error}); move it away") from None
        if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
            raise DataPackageError(f"{target} exists but is not a data package; move it away")
    new = resource(csv_file.name, columns)
    kept = [r for r in package["resources"]
            if not (isinstance(r, dict) and r.get("path") == new["path"])]
    taken = {r.get("name") for r in kept if isinstance(r, dict)}
    base, number = new["name"], 1
    while new["name"] in taken:  # names are unique in a package
        number += 1
        new["name"] = f"{base}-{number}"
    package["resources"] = [*kept, new]
    write_text(target, json.dumps(package, indent=2, ensure_ascii=False) + "\n", force=True)
    return target
