"""The board report: a partnership's Section 11 audits, ready for the safeguarding board.

Business managers take a report like South Gloucestershire's 2019-20 one to the
partnership board: how many organisations returned an audit, a colour grid of
every organisation's ratings, the share good or better in each area, the action
plan and who did not submit. This package builds that report from the same
audits `s11schema compare` reads, as one self-contained HTML file (for the board
pack and the printer) or as Markdown (for papers written in other tools).

The report never shows the respondent's contact details, and it loads nothing:
no scripts, fonts, images or addresses, so it opens offline and in locked-down
board portals exactly as it was written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .._collect import AuditLike, Collection, collect
from .._compare import Comparison, comparison_of
from .._errors import NotFoundError
from .._files import MAX_AUDIT_BYTES, decode, read_bytes, size_limit
from .._normalise import NormalisedAudit, PlannedAction, RatingSource
from .._personal import scrubber
from .._registry import Registry, default_registry
from .._templates import Template


@dataclass(frozen=True, slots=True)
class BoardAction:
    """One improvement action from an audit's action plan, with its due date read."""

    organisation: str
    template: str
    standard: str
    standard_text: str
    action: str
    lead: str | None
    #: The timescale as the organisation wrote it.
    due: str | None
    #: Its due date, where the timescale names one ("ongoing" does not).
    due_date: date | None
    #: Due before the report's date. Audits do not record completion, so this is a prompt.
    overdue: bool


@dataclass(frozen=True, slots=True)
class BoardReport:
    """Everything the board report shows; `html()` and `markdown()` render it."""

    title: str
    today: date
    #: By domain, over the valid audits (the rows and columns of the report).
    comparison: Comparison
    #: Organisations expected to submit, as the business manager listed them.
    expected: tuple[str, ...]
    #: The action plans of the included audits, in the heat map's order.
    actions: tuple[BoardAction, ...] = ()
    #: The organisation named in each left-out audit that could be read, by file.
    excluded_organisations: dict[str, str] = field(default_factory=dict)
    #: By standard, per template: each question's distribution, or its answers' shares.
    questions: Comparison | None = None
    #: The templates of the included audits, for their questions and guidance.
    templates: tuple[Template, ...] = ()

    def missing(self) -> tuple[str, ...]:
        """Expected organisations with no included audit, as the list spells them.

        Names are matched ignoring case and spacing, because lists are typed by
        hand and "Rushcliffe  borough council" is the same organisation.
        """
        submitted = {_key(a.organisation) for a in self.comparison.included}
        seen: set[str] = set()
        missing: list[str] = []
        for name in self.expected:
            key = _key(name)
            if key and key not in submitted and key not in seen:
                seen.add(key)
                missing.append(name)
        return tuple(missing)

    def html(self) -> str:
        """One self-contained HTML page: inline style, nothing loaded, print-ready."""
        from ._html import html_page
        from ._sections import sections

        return html_page(self, sections(self))

    def markdown(self) -> str:
        """The same sections as Markdown tables, for papers written elsewhere."""
        from ._markdown import markdown_page
        from ._sections import sections

        return markdown_page(self, sections(self))


def board_report(audits: Iterable[AuditLike], *, title: str = "Section 11 audit report",
                 expected: Iterable[str] = (), area: str | None = None,
                 include_drafts: bool = False, rating: RatingSource = "self",
                 today: date | None = None, registry: Registry | None = None) -> BoardReport:
    """Build the board report from audits (files, folders, dicts or normalised audits).

    Each input is read once and compared once, with the same collection that
    `s11schema compare` makes, so the two always agree on what was included and why.
    """
    registry = registry or default_registry()
    today = today or date.today()
    found = collect(audits, area=area, include_drafts=include_drafts, rating=rating,
                    registry=registry, today=today)
    ordered = sorted(found.included, key=lambda a: (_key(a.organisation), a.template))
    comparison = comparison_of(Collection(tuple(ordered), found.excluded), by="domain",
                               area=area, registry=registry)
    collection = Collection(tuple(ordered), found.excluded)
    questions = comparison_of(collection, by="standard", area=area, registry=registry)
    organisations = {e.file: e.organisation for e in found.excluded if e.organisation}
    actions = tuple(a for audit in ordered for a in _audit_actions(audit, registry, today))
    return BoardReport(title, today, comparison, _names(expected), actions, organisations,
                       questions, _templates(ordered, registry))


def _templates(audits: Iterable[NormalisedAudit], registry: Registry) -> tuple[Template, ...]:
    found: dict[tuple[str, str | None], Template] = {}
    for audit in audits:
        key = (audit.template, audit.template_version)
        if key not in found:
            try:
                found[key] = registry.template(*key)
            except NotFoundError:  # given already normalised, on a template not here
                continue
    return tuple(sorted(found.values(), key=lambda t: t.label))


def read_expected(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """The organisations expected to submit: one a line; blank lines and # comments skipped.

    Read with the same size limit and UTF-8 check as audits, so a wrong file
    (a spreadsheet, a huge export) is refused with a clear message.
    """
    name = os.fspath(path)
    text = decode(read_bytes(name, max_bytes=size_limit(MAX_AUDIT_BYTES)), name)
    lines = (line.strip() for line in text.splitlines())
    return _names(line for line in lines if line and not line.startswith("#"))


def _names(names: Iterable[str]) -> tuple[str, ...]:
    """Names single-spaced, blanks dropped: typed lists have stray spaces."""
    return tuple(" ".join(n.split()) for n in names if n.strip())


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


# ------------------------------------------------------------------ action plans


def _audit_actions(audit: NormalisedAudit, registry: Registry,
                   today: date) -> Iterator[BoardAction]:
    """The audit's actions in template order, with the respondent's details taken out."""
    try:
        template = registry.template(audit.template, audit.template_version)
    except NotFoundError:  # an audit given already normalised, on a template not here
        return
    scrub = scrubber(audit.respondent)
    for planned in audit.actions:
        yield _action(audit, template, planned, scrub, today)


def _action(audit: NormalisedAudit, template: Template, planned: PlannedAction,
            scrub: Callable[[str], str], today: date) -> BoardAction:
    """One action, with respondent details scrubbed from what the organisation wrote."""
    return BoardAction(
        organisation=audit.organisation, template=audit.template, standard=planned.standard,
        standard_text=template.standard[planned.standard].text,
        action=scrub(_text(planned.action) or "(no action described)"),
        lead=_scrubbed(_text(planned.lead), scrub), due=_scrubbed(_text(planned.due), scrub),
        due_date=planned.due_date, overdue=bool(planned.overdue(today)))


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _scrubbed(text: str | None, scrub: Callable[[str], str]) -> str | None:
    return None if text is None else scrub(text)

__all__ = ["BoardAction", "BoardReport", "board_report", "read_expected"]
