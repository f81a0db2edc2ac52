"""The board report's sections, as tables of cells that HTML and Markdown both render."""

from __future__ import annotations

import itertools
import os
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from .._change import Change, direction_of
from .._compare import Aggregate
from .._normalise import Mean, NormalisedAudit, Score
from .._scales import Band
from .._scales import band as band_of
from .._store import picked
from .._templates import Template
from .._version import __version__
from . import BoardAction, BoardReport, _key

BANDS: tuple[str, ...] = tuple(str(b) for b in Band)
#: The data-band of a heat-map cell with no rating (N/A, or not in that template).
NOT_RATED = "none"
#: What an empty cell shows (an en dash, as printed tables use).
DASH = "\u2013"
LABELS = {"inadequate": "Inadequate", "requires-improvement": "Requires improvement",
          "good": "Good", "outstanding": "Outstanding", NOT_RATED: "Not rated"}
#: Short labels, so a cell is readable without its colour (and in black-and-white print).
SHORT = {"inadequate": "I", "requires-improvement": "RI", "good": "G", "outstanding": "O",
         NOT_RATED: DASH}
#: Markdown has no colour, but most viewers show these squares in colour.
SQUARES = {"inadequate": "🟥", "requires-improvement": "🟧", "good": "🟩",
           "outstanding": "🟦"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_STANDARD_TEXT = 90



@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell, rendered the same way in HTML and Markdown."""

    text: str
    #: A band name (or NOT_RATED): colours the cell; Markdown shows a square.
    band: str | None = None
    classes: str = ""
    #: A tooltip in HTML (the full wording behind a short label).
    hint: str | None = None
    #: (band, share) segments of a bar drawn in the cell; HTML only.
    bar: tuple[tuple[str, float], ...] = ()
    header: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """One heading, a sentence of explanation, and a table (or what to say when empty)."""

    id: str
    heading: str
    intro: str
    columns: tuple[str, ...]
    #: May be made as they are gone over (see `Rows`), so a report of many audits is
    #: written without holding its tables.
    rows: Iterable[tuple[Cell, ...]]
    empty: str = "None."
    #: Heat-map cells carry data-band, so tools can read the grid without the colours.
    data_bands: bool = False
    legend: bool = False


Row = tuple[Cell, ...]


class Rows:
    """A table's rows, made each time they are gone over: the heat map of 100 000 audits
    is written a row at a time, never held."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], Iterator[Row]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[Row]:
        return self._make()


def rows_if_any(section: Section) -> Iterator[Row] | None:
    """The section's rows, or None where it has none (and says `empty` instead): rows made
    as they are gone over cannot be counted first."""
    rows = iter(section.rows)
    first = next(rows, None)
    return None if first is None else itertools.chain([first], rows)


@dataclass(frozen=True, slots=True)
class Facts:
    """What several sections need of every audit, gathered in one pass over them, so the
    sections that show every audit are the only other passes."""

    audits: int
    #: Band (or NOT_RATED) -> how many audits have it overall.
    overall: dict[str, int]
    organisations: int
    templates: tuple[str, ...]
    partnerships: tuple[str, ...]
    moderated: bool
    #: Each audit's organisation and its row label (told apart where one sent several).
    names: list[str]
    labels: list[str]
    #: Domain -> (position, band) of the audits below good in it.
    below: dict[str, list[tuple[int, str]]]
    #: Domain -> (position, the over-rated standards) of the audits over-rating in it.
    over_rated: dict[str, list[tuple[int, str]]]
    #: Template -> the positions of its audits.
    by_template: dict[str, array[int]]
    #: Each audit's count of actions and of overdue ones, by position.
    actions: array[int]
    overdue: array[int]


def facts(report: BoardReport) -> Facts:
    """`Facts` of the report's audits, in one pass over them (and one over the actions)."""
    overall = dict.fromkeys((*BANDS, NOT_RATED), 0)
    organisations: set[str] = set()
    templates: set[str] = set()
    partnerships: set[str] = set()
    moderated = False
    names: list[str] = []
    kinds: list[str] = []
    files: list[str] = []
    below: dict[str, list[tuple[int, str]]] = {}
    over_rated: dict[str, list[tuple[int, str]]] = {}
    by_template: dict[str, array[int]] = {}
    for position, audit in enumerate(_audits(report)):
        overall[_band_of(audit.overall)] += 1
        organisations.add(_key(audit.organisation))
        templates.add(audit.template)
        partnerships.add(audit.partnership)
        moderated = moderated or audit.rating == "moderated"
        names.append(audit.organisation)
        kinds.append(audit.template)
        files.append(os.path.basename(audit.file or "") or "?")
        by_template.setdefault(audit.template, array("q")).append(position)
        for domain, band in _below_good(audit):
            below.setdefault(domain, []).append((position, band))
        for domain, ids in _over_rated_standards(audit).items():
            over_rated.setdefault(domain, []).append((position, ids))
    actions, overdue = array("q", [0]) * len(names), array("q", [0]) * len(names)
    for action in report.actions:
        actions[action.audit] += 1
        overdue[action.audit] += action.overdue
    labels = _row_labels([n or "(no name)" for n in names], kinds, files)
    return Facts(len(names), overall, len(organisations), tuple(templates),
                 tuple(partnerships), moderated, names, labels, below, over_rated,
                 by_template, actions, overdue)


def _below_good(audit: NormalisedAudit) -> Iterator[tuple[str, str]]:
    """(domain, band) where the audit's domain is below good."""
    for domain, mean in audit.domains.items():
        band = _band_of(mean)
        if band in ("inadequate", "requires-improvement"):
            yield domain, band


def _over_rated_standards(audit: NormalisedAudit) -> dict[str, str]:
    """Domain -> "1.1, 1.3": the standards the audit over-rates in each domain."""
    found: dict[str, list[str]] = {}
    for score in audit.scores:
        if score.over_rated:
            for domain in score.domains:
                found.setdefault(domain, []).append(score.standard)
    return {domain: ", ".join(ids) for domain, ids in found.items()}


def sections(report: BoardReport, known: Facts | None = None) -> list[Section]:
    """The report's sections in the order a board reads them."""
    known = known or facts(report)
    per_template = [part for template in report.templates
                    for part in (_question_table(report, template),
                                 _question_grid(report, template, known))]
    progress = ([_change_by_domain(report), _change_grid(report), _follow_up(report)]
                if report.change is not None else [])
    moderated = [_moderation(report, known)] if _has_moderation(report) else []
    return [_summary(report, known), _heatmap(report, known), _domains(report), *progress,
            *moderated, *per_template, _attention(report, known), _action_plan(report),
            _missing(report), _left_out(report), _included(report, known),
            *(_guide(t) for t in report.templates)]


def _question_rows(report: BoardReport, template: Template) -> list[Aggregate]:
    rows = report.questions.rows if report.questions else ()
    return [row for row in rows if row.template == template.id and row.group is None]


def _question_table(report: BoardReport, template: Template) -> Section:
    """Each question's figures, as reports of Section 11 audits give them: the share in
    each band and the share good or outstanding, or for a yes/no question the share of
    each answer with how many answered and skipped."""
    rows = []
    for row in _question_rows(report, template):
        if row.scored:
            shares = ", ".join(f"{LABELS[b]} {_percent(row.shares.get(b, 0.0))}"
                               for b in BANDS)
            figure = _percent(row.good_or_better) + " good or outstanding" \
                if row.good_or_better is not None else DASH
            bar = tuple((b, share) for b, share in row.shares.items() if share)
        else:
            shares = ", ".join(f"{_answer_label(code)} {_percent(share)}"
                               for code, share in row.shares.items())
            yes = row.shares.get("yes", 0.0) if row.audits else None
            figure = f"{_percent(yes)} yes" if yes is not None else DASH
            bar = ()
        rows.append((Cell(row.key, header=True, hint=row.title), Cell(_short(row.title, 70)),
                     Cell(str(row.audits), classes="num"), Cell(str(row.skipped), classes="num"),
                     Cell(shares or DASH, bar=bar), Cell(figure)))
    return Section(f"questions-{template.id}", f"Questions: {template.title}",
                   "Each question of this template over the audits that answer it: the share "
                   "in each band (or, for a question answered yes or no, each answer), with how "
                   "many answered and how many left it unanswered.",
                   ("Question", "Text", "Answered", "Skipped", "Distribution", "Key figure"),
                   tuple(rows), empty="No audits on this template.")


def _question_grid(report: BoardReport, template: Template, known: Facts) -> Section:
    """Organisations by question, each cell coloured by its band as the partnership's own
    grids are (red, orange, green, blue); answers that are not scores are not coloured."""
    positions = known.by_template.get(template.id, array("q"))
    standards = [s.id for s in template.standards]
    rows = Rows(lambda: (_question_row(known.labels[position], audit, standards)
                         for position, audit in zip(
                             positions, picked(_audits(report), positions), strict=True)))
    return Section(f"grid-{template.id}", f"Ratings by question: {template.title}",
                   "One row per audit and one column per question. Rated questions are "
                   "coloured by band; answers that are not scores (yes or no) are shown as "
                   "given, uncoloured; a dash is a question not answered.",
                   ("Organisation", *standards), rows, empty="No audits on this template.",
                   data_bands=True, legend=True)


def _question_row(label: str, audit: NormalisedAudit,
                  standards: list[str]) -> tuple[Cell, ...]:
    scores = {score.standard: score for score in audit.scores}
    return (Cell(label, header=True), *(_question_cell(scores.get(s)) for s in standards))


def _question_cell(score: Score | None) -> Cell:
    if score is None or not score.in_scope or not score.rated:
        return Cell(DASH, hint="not asked")
    if score.rating is None and score.value is None:
        return Cell(DASH, hint="not answered")
    if score.rating is None:  # criteria-weighted: the share of the criteria's weight met
        shown = hint = f"{_percent(score.value)} met"
    else:
        shown = _answer_label(score.rating) + ("*" if score.qualified else "")
        hint = f"{score.rating}: {score.note}" if score.note else score.rating
    if not score.scored or score.band is None:
        return Cell(shown, hint=hint)
    band = str(score.band)
    return Cell(shown, band=band, hint=f"{hint} ({LABELS[band]})")


def _answer_label(code: str) -> str:
    """How an answer is shown: Yes and No as the forms print them, codes as they are."""
    return code.capitalize() if code in ("yes", "no") else code


def _percent(share: float | None) -> str:
    return DASH if share is None else f"{round(100 * share)}%"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _guide(template: Template) -> Section:
    """What the template asked, so the board reads the figures against the questions:
    each standard with its guidance, evidence examples and references."""
    rows = []
    for section in template.sections:
        for standard in section.standards:
            notes = [*standard.guidance]
            notes += [f"Evidence, for example: {e}" for e in standard.evidence_examples]
            notes += [f"See {r.scheme}, {r.ref}" for r in standard.references]
            rows.append((Cell(standard.id, header=True), Cell(standard.text),
                         Cell("; ".join(notes) or DASH)))
    return Section(f"guide-{template.id}", f"What {template.title} asks",
                   "Each standard as the template words it, with the guidance and examples of "
                   "evidence it gives respondents and the documents it refers to.",
                   ("Standard", "Text", "Guidance, evidence and references"), tuple(rows))


def _audits(report: BoardReport) -> Sequence[NormalisedAudit]:
    return report.comparison.included


def _band_of(mean: Mean | None) -> str:
    return str(mean.band) if mean is not None and mean.band is not None else NOT_RATED


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else DASH


def _distribution(counts: dict[str, int]) -> Cell:
    """Counts per band as words (readable in print) with a stacked bar (quick to read)."""
    total = sum(counts[b] for b in BANDS)
    words = ", ".join(f"{LABELS[b]} {counts[b]}" for b in BANDS)
    if counts.get(NOT_RATED):
        words += f", not rated {counts[NOT_RATED]}"
    return Cell(words, bar=tuple((b, counts[b] / total) for b in BANDS if total and counts[b]))


def _summary(report: BoardReport, known: Facts) -> Section:
    overall = known.overall
    rated = sum(overall[b] for b in BANDS)
    good = overall["good"] + overall["outstanding"]
    rows = [
        ("Audits compared", Cell(str(known.audits))),
        ("Organisations", Cell(str(known.organisations))),
        ("Templates", Cell(_listing(known.templates))),
        ("Partnerships", Cell(_listing(known.partnerships))),
        ("Audits left out", Cell(str(len(report.comparison.excluded)))),
        *([("Organisations expected", Cell(str(len(report.expected)))),
           ("Expected but missing", Cell(str(len(report.missing()))))]
          if report.expected else []),
        ("Overall ratings", _distribution(overall)),
        ("Good or better overall", Cell(f"{_share(good, rated)} ({good} of {rated})")),
        ("Improvement actions", Cell(f"{sum(known.actions)}, of which {sum(known.overdue)} "
                                     "overdue")),
    ]
    return Section("summary", "Summary", "Each audit's ratings are placed on one common "
                    "scale, so audits on different templates and scales can be compared. "
                    "An audit's overall band is the band nearest the mean of its ratings.",
                    ("Figure", "Value"),
                    tuple((Cell(name, header=True), cell) for name, cell in rows))


def _listing(values: Iterable[str]) -> str:
    distinct = sorted(set(values), key=str.casefold)
    return f"{len(distinct)}: {'; '.join(distinct)}" if distinct else "0"


def _row_labels(names: list[str], templates: list[str], files: list[str]) -> list[str]:
    """Organisation names, told apart by template, then by file, where one sent several."""
    return _told_apart(_told_apart(names, templates), files)


def _told_apart(names: list[str], extra: list[str]) -> list[str]:
    keys = [_key(n) for n in names]
    count = Counter(keys)
    return [f"{n} ({e})" if count[k] > 1 else n
            for n, e, k in zip(names, extra, keys, strict=True)]


def _heatmap(report: BoardReport, known: Facts) -> Section:
    domains = report.comparison.rows
    rows = Rows(lambda: (
        (Cell(label, header=True, hint=audit.partnership),
         *(_grid_cell(audit.domains.get(d.key), d.title) for d in domains))
        for audit, label in zip(_audits(report), known.labels, strict=True)))
    return Section("heatmap", "Ratings by organisation",
                    "One row per audit and one column per safeguarding domain. Each cell is "
                    "the band nearest the mean of the organisation's ratings in that domain.",
                    ("Organisation", *(d.title for d in domains)), rows,
                    empty="No audits to show.", data_bands=True, legend=True)


def _grid_cell(mean: Mean | None, domain: str) -> Cell:
    band = _band_of(mean)
    if mean is None or mean.value is None:
        return Cell(SHORT[NOT_RATED], band=band, hint=f"{domain}: not rated (not applicable "
                     "or not asked)")
    return Cell(SHORT[band], band=band, hint=f"{domain}: {LABELS[band]} (mean {mean.value:.2f} "
                 f"on the common 0 to 1 scale, {mean.count} ratings)")


def _domains(report: BoardReport) -> Section:
    rows = tuple(
        (Cell(row.title, header=True), Cell(str(row.audits), classes="num"),
         *(Cell(str(row.bands.get(b, 0)), classes="num", hint=LABELS[b],
                 bar=((b, row.bands.get(b, 0) / row.audits),) if row.audits else ())
           for b in BANDS),
         Cell(_share(row.bands.get("good", 0) + row.bands.get("outstanding", 0), row.audits),
               classes="num"))
        for row in report.comparison.rows)
    return Section("domains", "Ratings by domain",
                    "How many audits fall in each band for each domain, and the share rated "
                    "good or outstanding.",
                    ("Domain", "Audits", *(LABELS[b] for b in BANDS), "Good or better"),
                    rows, empty="No ratings to show.")


def _attention(report: BoardReport, known: Facts) -> Section:
    """Domains where someone is below good, weakest first: where recommendations start."""
    rows = []
    for row in sorted(report.comparison.rows, key=lambda r: (r.good_or_better or 0.0)):
        below = [f"{known.names[position]}: {LABELS[band].lower()}"
                 for position, band in known.below.get(row.key, ())]
        if below:
            good = row.bands.get("good", 0) + row.bands.get("outstanding", 0)
            rows.append((Cell(row.title, header=True),
                         Cell(_share(good, row.audits), classes="num"),
                         Cell("; ".join(below))))
    return Section("attention", "Areas for attention",
                    "Domains in which at least one organisation is below good, weakest first: "
                    "a starting point for the board's recommendations.",
                    ("Domain", "Good or better", "Below good"), tuple(rows),
                    empty="Every rated domain is good or better in every audit.")


def _action_plan(report: BoardReport) -> Section:
    rows = Rows(lambda: (
        (Cell(a.organisation, header=True),
         Cell(a.standard, hint=a.standard_text),
         Cell(a.action), Cell(a.lead or DASH), Cell(_due(a), classes="due"), _status(a))
        for a in report.actions))
    return Section("actions", "Action plan",
                    "Improvement actions as each organisation wrote them, with how they stand "
                    "where the return says. Overdue means still open with its due date passed "
                    f"on {_long_date(report.today)}; done and dropped actions are never overdue.",
                    ("Organisation", "Standard", "Action", "Lead", "Due", "Status"), rows,
                    empty="The included audits list no improvement actions.")


def _due(action: BoardAction) -> str:
    """The timescale as written, with the date it was read as when that is not plain."""
    if action.due is None:
        return DASH
    if action.due_date is None:
        return action.due
    if action.due == action.due_date.isoformat():
        return _long_date(action.due_date)
    return f"{action.due} (read as {_long_date(action.due_date)})"


def _status(action: BoardAction) -> Cell:
    if action.status in ("done", "dropped"):
        return Cell(action.status.capitalize(), hint=action.progress)
    if action.overdue:
        return Cell("Overdue", classes="overdue", hint=action.progress)
    if action.status == "in progress":
        return Cell("In progress", hint=action.progress)
    if action.due_date is not None:
        return Cell("Not yet due")
    return Cell("No due date" if action.due is None else "No clear due date")


def _long_date(day: date | None) -> str:
    """"1 January 2026", as board papers in England write dates, whatever the locale."""
    return DASH if day is None else f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _missing(report: BoardReport) -> Section:
    left_out = {_key(org): file for file, org in report.excluded_organisations.items()}
    rows = tuple(
        (Cell(name, header=True),
         Cell(f"an audit was left out: {left_out[_key(name)]}" if _key(name) in left_out
               else "no audit received"))
        for name in report.missing())
    empty = ("Every expected organisation has an audit in this report." if report.expected
             else "No list of expected organisations was given.")
    return Section("missing", "Expected but missing",
                    "Organisations expected to submit an audit with none included here.",
                    ("Organisation", "Note"), rows, empty=empty)


def _left_out(report: BoardReport) -> Section:
    rows = tuple(
        (Cell(e.file, header=True), Cell(report.excluded_organisations.get(e.file, DASH)),
         Cell(e.reason))
        for e in report.comparison.excluded)
    return Section("excluded", "Audits left out",
                    "Audits that could not be read, are not valid, or are drafts are left out "
                    "of every figure; validating a file with s11schema shows every problem in it.",
                    ("File", "Organisation", "Reason"), rows, empty="None: every audit was used.")


def _included(report: BoardReport, known: Facts) -> Section:
    rows = Rows(lambda: (
        (Cell(label, header=True), Cell(a.organisation_type or DASH), Cell(a.partnership),
         Cell(a.cycle or DASH), Cell(_long_date(a.completed_on)),
         Cell(LABELS[_band_of(a.overall)], band=_band_of(a.overall)),
         Cell(str(total), classes="num"), Cell(str(overdue), classes="num"))
        for a, label, total, overdue in zip(_audits(report), known.labels, known.actions,
                                            known.overdue, strict=True)))
    return Section("organisations", "Audits included",
                    "The organisations whose audits are in this report, with each audit's "
                    "own count of actions.",
                    ("Organisation", "Type", "Partnership", "Cycle", "Completed", "Overall",
                     "Actions", "Overdue"), rows, empty="No audits were included.")


# ------------------------------------------------------------------ cycles, moderation


def _change_by_domain(report: BoardReport) -> Section:
    change = report.change_overall
    since = change.since.label if change else ""
    rows = tuple(
        (Cell(row.title, header=True), Cell(str(row.organisations), classes="num"),
         Cell(f"{row.before:.2f}", band=str(band_of(row.before)), classes="num"),
         Cell(f"{row.after:.2f}", band=str(band_of(row.after)), classes="num"),
         Cell(f"{_arrow(row.change)} {row.change:+.2f}", classes="num"),
         Cell(str(row.improved), classes="num"), Cell(str(row.same), classes="num"),
         Cell(str(row.worse), classes="num"))
        for row in (change.rows if change else ()))
    return Section("change", f"Change since {since}",
                    f"Each organisation's latest return against its return in {since}, per "
                    "domain, on the common 0 to 1 scale, over the organisations with both. "
                    "Templates and scales may differ between cycles: domains still compare.",
                    ("Domain", "Organisations", since, "Now", "Change", "Improved", "Same",
                     "Worse"), rows,
                    empty=f"No organisation has a return in {since} and a later one.",
                    data_bands=True)


def _change_grid(report: BoardReport) -> Section:
    change = report.change
    since = change.since.label if change else ""
    by_organisation: dict[str, dict[str, Change]] = {}
    for row in change.rows if change else ():
        by_organisation.setdefault(row.group or "", {})[row.key] = row
    domains = [r for r in report.comparison.rows
               if any(r.key in cells for cells in by_organisation.values())]
    rows = tuple(
        (Cell(name, header=True),
         *(_change_cell(cells.get(d.key), d.title) for d in domains))
        for name, cells in sorted(by_organisation.items(), key=lambda item: _key(item[0])))
    return Section("change-grid", f"Change since {since} by organisation",
                    "Each cell is the band now, with an arrow for the change since the earlier "
                    "return: up improved, down worse, = the same.",
                    ("Organisation", *(d.title for d in domains)), rows,
                    empty=f"No organisation has a return in {since} and a later one.",
                    data_bands=True, legend=True)


def _change_cell(row: Change | None, domain: str) -> Cell:
    if row is None:
        return Cell(SHORT[NOT_RATED], band=NOT_RATED, hint=f"{domain}: not in both returns")
    now = str(band_of(row.after))
    return Cell(f"{_arrow(row.change)} {SHORT[now]}", band=now,
                hint=f"{domain}: {row.before:.2f} then, {row.after:.2f} now ({row.direction})")


def _arrow(change: float) -> str:
    direction = {"improved": "\u25b2", "worse": "\u25bc", "same": "="}
    return direction[direction_of(change)]


def _follow_up(report: BoardReport) -> Section:
    since = report.change.since.label if report.change else ""
    rows = tuple(
        (Cell(f.organisation, header=True), Cell(f.standard), Cell(f.action),
         Cell(f.due or DASH), Cell(f.outcome.capitalize(), classes=_outcome_class(f.outcome)),
         Cell(f.note or DASH))
        for f in report.follow_ups)
    return Section("follow-up", f"Actions from {since}",
                    f"The improvement actions of each organisation's {since} return, and what "
                    "its latest return says became of them. An action the latest return does "
                    "not list is shown as not carried forward.",
                    ("Organisation", "Standard", "Action", "Due", "Outcome", "Progress"), rows,
                    empty=f"The {since} returns list no improvement actions.")


def _outcome_class(outcome: str) -> str:
    return "overdue" if outcome == "not carried forward" else ""


def _has_moderation(report: BoardReport) -> bool:
    return any(row.gap is not None for row in report.comparison.rows)


def _moderation(report: BoardReport, known: Facts) -> Section:
    """Self-assessment against the partnership's moderation: a gap is a difference, so it
    is shown as a number, never coloured as a band."""
    rows = tuple(
        (Cell(row.title, header=True),
         Cell(DASH if row.gap is None else f"{row.gap:+.2f}", classes="num"),
         Cell(str(row.over_rated), classes="num"),
         Cell(_over_rated(known, row.key) or DASH))
        for row in report.comparison.rows if row.gap is not None)
    return Section("moderation", "Self-assessment against moderation",
                    "The mean of moderated minus self-assessed ratings per domain, on the "
                    "common 0 to 1 scale (negative: organisations rated themselves higher than "
                    "the moderators did), and the organisations over-rating by the template's "
                    "margin or more, with the standards concerned.",
                    ("Domain", "Gap", "Over-rated", "Where"), rows,
                    empty="No audit has moderated ratings.")


def _over_rated(known: Facts, domain: str) -> str:
    """"Org A: 1.1, 1.3; Org B: 2.1": the over-rated standards in one domain."""
    return "; ".join(f"{known.names[position]}: {ids}"
                     for position, ids in known.over_rated.get(domain, ()))


def subtitle(report: BoardReport, known: Facts) -> str:
    rating = ("moderated ratings where given, self-assessed otherwise"
              if known.moderated else "self-assessed")
    area = report.comparison.area
    return (f"{_long_date(report.today)} · ratings: {rating}"
            + (f" · area: {area}" if area else ""))


def footer() -> str:
    return (f"Made with s11schema {__version__}. Respondents' names and contact details are "
            "left out of this report on purpose.")
