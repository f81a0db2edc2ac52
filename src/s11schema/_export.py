"""Audits as flat tables for spreadsheets, pandas and DuckDB: one row per standard or action.

Analysts want rows, not nested JSON, so `export` flattens each audit into the
`scores` table (one row per standard, on the common scale) or the `actions`
table (one row per improvement action, with its due date read). Only the
audits `compare` would compare are exported (valid ones; drafts only when
asked), so an export and a comparison of the same files always agree; the
rest are listed in `Export.excluded` with the reason.

Respondents' names and contacts are personal data: they are never written
unless `include_personal` is set, because exports are shared more widely
than the audits themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ._collect import AuditLike, Excluded, collect
from ._normalise import NormalisedAudit, RatingSource, TemplateLookup, score_row
from ._personal import scrubber
from ._registry import Registry, default_registry
from ._store import Derived
from ._tables import csv_lines, jsonl_lines
from ._templates import Template

__all__ = ["ACTION_COLUMNS", "PERSONAL_COLUMNS", "SCORE_COLUMNS", "Export", "Table", "export"]

Table = Literal["scores", "actions"]

#: The scores table, one row per audit and standard, in this column order.
SCORE_COLUMNS: tuple[str, ...] = (
    "partnership", "organisation", "organisation_type", "organisation_kind", "areas",
    "template", "template_version", "cycle", "status", "completed_on", "section",
    "section_title", "standard", "domains", "references", "rating", "self_rating",
    "moderated_rating", "scored", "value", "band", "gap", "over_rated", "not_applicable",
    "qualified", "note", "in_scope", "actions", "earliest_due",
)
#: The actions table, one row per improvement action, in this column order.
ACTION_COLUMNS: tuple[str, ...] = (
    "partnership", "organisation", "template", "section", "standard", "action", "lead",
    "measure", "due", "due_date", "action_status", "progress", "done_on", "overdue",
)
#: Added to either table, last, only with `include_personal=True`.
PERSONAL_COLUMNS: tuple[str, ...] = (
    "respondent_name", "respondent_role", "respondent_email", "respondent_phone",
)
_TABLES: dict[str, tuple[str, ...]] = {"scores": SCORE_COLUMNS, "actions": ACTION_COLUMNS}


@dataclass(frozen=True, slots=True)
class Export:
    """One table of audits, and the audits left out of it with the reason.

    `rows` may be made as they are gone over (see `export`): write a large export with
    `csv_lines` or `jsonl_lines`, which hold one audit's rows at a time.
    """

    table: str
    columns: tuple[str, ...]
    rows: Sequence[dict[str, Any]]
    excluded: tuple[Excluded, ...]
    #: How many audits the rows come from.
    audits: int = 0

    def csv(self) -> str:
        """CSV with the header even for no rows, so a loader still sees the columns."""
        return "".join(self.csv_lines())

    def jsonl(self) -> str:
        """One JSON object per row; lists stay lists and empty cells are null."""
        return "".join(self.jsonl_lines())

    def csv_lines(self) -> Iterator[str]:
        """`csv()` a line at a time."""
        return csv_lines(self.rows, self.columns)

    def jsonl_lines(self) -> Iterator[str]:
        """`jsonl()` a line at a time; every row has exactly `columns`, so a hand-made
        Export cannot add or drop cells."""
        return jsonl_lines(_in_order(row, self.columns) for row in self.rows)


def export(audits: Iterable[AuditLike], *, table: Table = "scores",
           include_personal: bool = False, include_drafts: bool = False,
           rating: RatingSource = "self", today: date | None = None,
           registry: Registry | None = None, cycle: str | None = None, jobs: int = 1,
           progress: Callable[[], None] | None = None) -> Export:
    """Flatten audits (dicts, files, folders, `.jsonl`) into the scores or actions table:
    each organisation's latest return to each partnership, or its latest of `cycle`.

    Every input is read and checked here; the rows are made from the kept audits each
    time they are gone over, so an export of 100 000 audits holds one audit's rows at
    a time. `today` decides which actions are overdue (and which dates are in the
    future when validating); it defaults to the real date.
    """
    if table not in _TABLES:
        raise ValueError(f"unknown table {table!r} (known: {', '.join(_TABLES)})")
    registry = registry or default_registry()
    day = today or date.today()
    columns = _TABLES[table] + (PERSONAL_COLUMNS if include_personal else ())
    template_of = TemplateLookup(registry)
    found = collect(audits, include_drafts=include_drafts, rating=rating, registry=registry,
                    today=day, cycles=None if cycle is None else [cycle], jobs=jobs,
                    progress=progress)

    def rows(_position: int, audit: NormalisedAudit) -> Iterator[dict[str, Any]]:
        new = (_score_rows(audit, template_of(audit)) if table == "scores"
               else _action_rows(audit, day, include_personal=include_personal))
        personal = _personal(audit) if include_personal else {}
        return (_in_order({**row, **personal}, columns) for row in new)

    return Export(table, columns, Derived(found.included, rows), found.excluded,
                  len(found.included))


# ---------------------------------------------------------------- rows


def _score_rows(audit: NormalisedAudit, template: Template | None) -> Iterator[dict[str, Any]]:
    """One row per standard; score_row() gives the same cells `normalise --format csv` does."""
    titles = {s.id: s.title for s in template.sections} if template else {}
    references = {s.id: [f"{r.scheme}: {r.ref}" for r in s.references]
                  for s in template.standards} if template else {}
    about = {
        "partnership": audit.partnership, "organisation": audit.organisation,
        "organisation_type": audit.organisation_type,
        "organisation_kind": audit.organisation_kind, "areas": list(audit.areas),
        "template": audit.template, "template_version": audit.template_version,
        "cycle": audit.cycle, "status": audit.status, "completed_on": _iso(audit.completed_on),
    }
    for score in audit.scores:
        cells = score_row(score)
        yield {**about, **cells, "section_title": titles.get(score.section),
               "references": references.get(score.standard, [])}


def _action_rows(audit: NormalisedAudit, today: date, *,
                 include_personal: bool) -> Iterator[dict[str, Any]]:
    """One row per action, as normalise read them (due dates relative to completion), with
    the respondent's details taken out of the free text unless they were asked for."""
    scrub = (lambda text: text) if include_personal else scrubber(audit.respondent)
    for action in audit.actions:
        yield {"partnership": audit.partnership, "organisation": audit.organisation,
               "template": audit.template, "section": action.section,
               "standard": action.standard, "action": _scrubbed(action.action, scrub),
               "lead": _scrubbed(action.lead, scrub), "measure": _scrubbed(action.measure, scrub),
               "due": _scrubbed(action.due, scrub), "due_date": _iso(action.due_date),
               "action_status": action.status, "progress": _scrubbed(action.progress, scrub),
               "done_on": action.done_on, "overdue": action.overdue(today)}


def _scrubbed(text: str | None, scrub: Callable[[str], str]) -> str | None:
    return None if text is None else scrub(text)


def _personal(audit: NormalisedAudit) -> dict[str, Any]:
    """The respondent's details, by PERSONAL_COLUMNS; only called when they were asked for."""
    return {column: audit.respondent.get(column.removeprefix("respondent_"))
            for column in PERSONAL_COLUMNS}


# ---------------------------------------------------------------- cells


def _in_order(row: dict[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
    """Exactly `columns`, in order, so no cell outside them (say, personal data) slips out."""
    return {column: row.get(column) for column in columns}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
