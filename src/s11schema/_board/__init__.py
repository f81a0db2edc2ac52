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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from .._change import CycleComparison, Pairing, changes, in_cycle
from .._collect import AuditLike, Collection, collect, identity, latest
from .._compare import Comparison, comparison_of
from .._cycles import cycle_named
from .._files import MAX_AUDIT_BYTES, decode, read_bytes, size_limit
from .._normalise import NormalisedAudit, PlannedAction, RatingSource, TemplateLookup
from .._personal import scrubber
from .._registry import Registry, default_registry
from .._store import Derived, chosen, joined, picked
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
    #: Open (or in progress) and due before the report's date.
    overdue: bool
    #: Which included audit it comes from (its place in `comparison.included`).
    audit: int = -1
    #: open, in progress, done or dropped, as the return says (None: not said, so open).
    status: str | None = None
    progress: str | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """An action from an organisation's return in the earlier cycle, and what became of it
    by the later return."""

    organisation: str
    standard: str
    action: str
    #: The timescale the earlier return gave.
    due: str | None
    #: done, dropped, in progress or open as the later return says, or "not carried
    #: forward" when the later return does not list it.
    outcome: str
    #: The later return's progress note, or the date it was done.
    note: str | None = None


@dataclass(frozen=True, slots=True)
class BoardReport:
    """Everything the board report shows; `html()` and `markdown()` render it."""

    title: str
    today: date
    #: By domain, over the valid audits (the rows and columns of the report).
    comparison: Comparison
    #: Organisations expected to submit, as the business manager listed them.
    expected: tuple[str, ...]
    #: The action plans of the included audits, in the heat map's order (made from the
    #: stored audits each time they are gone over).
    actions: Sequence[BoardAction] = ()
    #: The organisation named in each left-out audit that could be read, by file.
    excluded_organisations: dict[str, str] = field(default_factory=dict)
    #: By standard, per template: each question's distribution, or its answers' shares.
    questions: Comparison | None = None
    #: The templates of the included audits, for their questions and guidance.
    templates: tuple[Template, ...] = ()
    #: With `since`: each organisation's change from its return in that cycle, per domain
    #: (one row per organisation and domain), and over all organisations.
    change: CycleComparison | None = None
    change_overall: CycleComparison | None = None
    #: With `since`: that cycle's actions and what became of them (made, like `actions`,
    #: each time they are gone over).
    follow_ups: Sequence[FollowUp] = ()
    #: The included organisations, as `missing` matches names: found while the report is
    #: built, so asking does not read every stored audit again (None: read when asked).
    submitted: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def missing(self) -> tuple[str, ...]:
        """Expected organisations with no included audit, as the list spells them.

        Names are matched ignoring case and spacing, because lists are typed by
        hand and "Rushcliffe  borough council" is the same organisation.
        """
        if not self.expected:
            return ()
        submitted = self.submitted if self.submitted is not None else frozenset(
            _key(a.organisation) for a in self.comparison.included)
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
        return "".join(self.html_lines())

    def markdown(self) -> str:
        """The same sections as Markdown tables, for papers written elsewhere."""
        return "".join(self.markdown_lines())

    def html_lines(self) -> Iterator[str]:
        """`html()` a line at a time: a report of many audits is written, never held."""
        from ._html import html_page
        from ._sections import facts, sections

        known = facts(self)
        return html_page(self, sections(self, known), known)

    def markdown_lines(self) -> Iterator[str]:
        """`markdown()` a line at a time."""
        from ._markdown import markdown_page
        from ._sections import facts, sections

        known = facts(self)
        return markdown_page(self, sections(self, known), known)


def board_report(audits: Iterable[AuditLike], *, title: str = "Section 11 audit report",
                 expected: Iterable[str] = (), area: str | None = None,
                 include_drafts: bool = False, rating: RatingSource = "self",
                 today: date | None = None, registry: Registry | None = None,
                 cycle: str | None = None, since: str | None = None, jobs: int = 1,
                 progress: Callable[[], None] | None = None) -> BoardReport:
    """Build the board report from audits (files, folders, dicts or normalised audits).

    Each input is read once and compared once, with the same collection that
    `s11schema compare` makes, so the two always agree on what was included and why.
    The report shows each organisation's latest return (of `cycle`, if given); with
    `since`, also the change from its return in that earlier cycle, and what became of
    that cycle's actions.
    """
    registry = registry or default_registry()
    today = today or date.today()
    cycles = None if cycle is None else [cycle, *([since] if since else [])]
    found = collect(audits, area=area, include_drafts=include_drafts, rating=rating,
                    registry=registry, today=today, cycles=cycles, jobs=jobs,
                    progress=progress)
    template_of = TemplateLookup(registry)
    positions, templates, submitted = _shown(found.included, cycle, template_of)
    ordered = picked(found.included, positions)
    collection = Collection(ordered, found.excluded)
    comparison = comparison_of(collection, by="domain", area=area, registry=registry)
    questions = comparison_of(collection, by="standard", area=area, registry=registry)
    organisations = {e.file: e.organisation for e in found.excluded if e.organisation}

    def actions(index: int, audit: NormalisedAudit) -> Iterator[BoardAction]:
        return _audit_actions(audit, index, template_of(audit), today)

    report = BoardReport(title, today, comparison, _names(expected), Derived(ordered, actions),
                         organisations, questions, templates, submitted=submitted)
    if since is None:
        return report
    earlier_cycle, now = cycle_named(since), set(positions)
    hidden = picked(found.included, (p for p in range(len(found.included)) if p not in now))
    earlier = latest(chosen(joined(hidden, found.superseded),
                            lambda audit: in_cycle(audit, earlier_cycle)))
    until = cycle_named(cycle) if cycle else None
    pairing = Pairing.of(earlier, ordered)
    return replace(
        report,
        change=changes(pairing, earlier_cycle, until, group_by="organisation",
                       registry=registry),
        change_overall=changes(pairing, earlier_cycle, until, registry=registry),
        follow_ups=_follow_ups(pairing))


def _shown(included: Sequence[NormalisedAudit], cycle: str | None, template_of: TemplateLookup,
           ) -> tuple[list[int], tuple[Template, ...], frozenset[str]]:
    """The positions of the audits the report shows (of `cycle`, if given), by organisation
    then template, their templates, and their organisations as `missing` matches them;
    in one pass, holding a few words per audit."""
    shown = None if cycle is None else cycle_named(cycle)
    order: list[tuple[str, str, int]] = []
    templates: dict[tuple[str, str | None], Template] = {}
    for position, audit in enumerate(included):
        if shown is None or in_cycle(audit, shown):
            order.append((_key(audit.organisation), audit.template, position))
            template = template_of(audit)
            if template is not None:
                templates.setdefault((template.id, template.version), template)
    order.sort()
    return ([position for *_, position in order],
            tuple(sorted(templates.values(), key=lambda t: t.label)),
            frozenset(organisation for organisation, *_ in order))


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


def _audit_actions(audit: NormalisedAudit, index: int, template: Template | None,
                   today: date) -> Iterator[BoardAction]:
    """The audit's actions in template order, with the respondent's details taken out
    (none for an audit given already normalised, on a template not known here)."""
    if template is None:
        return
    scrub = scrubber(audit.respondent)
    for planned in audit.actions:
        yield _action(audit, index, template, planned, scrub, today)


def _action(audit: NormalisedAudit, index: int, template: Template, planned: PlannedAction,
            scrub: Callable[[str], str], today: date) -> BoardAction:
    """One action, with respondent details scrubbed from what the organisation wrote."""
    return BoardAction(
        organisation=audit.organisation, template=audit.template, standard=planned.standard,
        standard_text=template.standard[planned.standard].text,
        action=scrub(_text(planned.action) or "(no action described)"),
        lead=_scrubbed(_text(planned.lead), scrub), due=_scrubbed(_text(planned.due), scrub),
        due_date=planned.due_date, overdue=bool(planned.overdue(today)), audit=index,
        status=planned.status, progress=_scrubbed(_text(planned.progress), scrub))


def _follow_ups(pairing: Pairing) -> Derived[FollowUp]:
    """Each earlier return's actions, matched by standard and wording to the same
    organisation's later return, which says how each went; made when gone over."""

    def follow_ups(_position: int, audit: NormalisedAudit) -> Iterator[FollowUp]:
        successor = pairing.now.get(identity(audit))
        return iter(()) if successor is None else _followed(audit, pairing.after[successor[0]])

    return Derived(pairing.before, follow_ups)


def _followed(audit: NormalisedAudit, successor: NormalisedAudit) -> Iterator[FollowUp]:
    """What became of each of `audit`'s actions in its successor."""
    carried = {(a.standard, _key(a.action or "")): a for a in successor.actions}
    scrub_then, scrub_now = scrubber(audit.respondent), scrubber(successor.respondent)
    for action in audit.actions:
        match = carried.get((action.standard, _key(action.action or "")))
        note = None if match is None else _text(match.progress) or _text(match.done_on)
        yield FollowUp(
            organisation=successor.organisation, standard=action.standard,
            action=scrub_then(_text(action.action) or "(no action described)"),
            due=_scrubbed(_text(action.due), scrub_then),
            outcome=("not carried forward" if match is None else match.status or "open"),
            note=_scrubbed(note, scrub_now))


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _scrubbed(text: str | None, scrub: Callable[[str], str]) -> str | None:
    return None if text is None else scrub(text)

__all__ = ["BoardAction", "BoardReport", "FollowUp", "board_report", "read_expected"]
