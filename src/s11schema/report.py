"""The board report: a partnership's Section 11 audits, ready for the safeguarding board.

Business managers take a report like South Gloucestershire's 2019-20 one to the
partnership board: how many organisations returned an audit, a colour grid of
every organisation's ratings, the share good or better in each area, the action
plan and who did not submit. This module builds that report from the same audits
`s11schema compare` reads, as one self-contained HTML file (for the board pack
and the printer) or as Markdown (for papers written in other tools).

The report never shows the respondent's contact details, and it loads nothing:
no scripts, fonts, images or addresses, so it opens offline and in locked-down
board portals exactly as it was written.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ._io import MAX_AUDIT_BYTES, decode, read_bytes, size_limit
from ._version import __version__
from .compare import AuditLike, Comparison, collect, compare
from .errors import NotFoundError
from .normalise import Mean, NormalisedAudit, PlannedAction, RatingSource
from .registry import Registry, default_registry
from .scales import Band
from .templates import Template

__all__ = ["Action", "BoardReport", "board_report", "read_expected"]

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
#: Respondent details that describe a job, not a person, and so may stay in the text.
_NOT_PERSONAL = frozenset({"role"})
_EMAIL = re.compile(r"[^\s,;<>()]+@[^\s,;<>()]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,}[0-9]")
_STANDARD_TEXT = 90


# ------------------------------------------------------------------ the report


@dataclass(frozen=True, slots=True)
class Action:
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
    actions: tuple[Action, ...] = ()
    #: The organisation named in each left-out audit that could be read, by file.
    excluded_organisations: dict[str, str] = field(default_factory=dict)

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
        return _html_page(self, _sections(self))

    def markdown(self) -> str:
        """The same sections as Markdown tables, for papers written elsewhere."""
        return _markdown_page(self, _sections(self))


def board_report(audits: Iterable[AuditLike], *, title: str = "Section 11 audit report",
                 expected: Iterable[str] = (), area: str | None = None,
                 include_drafts: bool = False, rating: RatingSource = "self",
                 today: date | None = None, registry: Registry | None = None) -> BoardReport:
    """Build the board report from audits (files, folders, dicts or normalised audits).

    Each input is read once: its raw data gives the action plan, which the
    normalised audit does not keep, and the same data goes to `compare`, so the
    report and `s11schema compare` always agree on what was included and why.
    """
    registry = registry or default_registry()
    today = today or date.today()
    found = collect(audits, area=area, include_drafts=include_drafts, rating=rating,
                    registry=registry, today=today)
    included = sorted(((item.audit, item.data) for item in found.included),
                      key=lambda pair: (_key(pair[0].organisation), pair[0].template))
    comparison = compare([a for a, _ in included], by="domain", area=area, registry=registry,
                         today=today)
    comparison = replace(comparison, excluded=found.excluded)
    organisations = {e.file: e.organisation for e in found.excluded if e.organisation}
    actions = tuple(a for audit, data in included
                    for a in _audit_actions(audit, data, registry, today))
    return BoardReport(title, today, comparison, _names(expected), actions, organisations)


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


def _audit_actions(audit: NormalisedAudit, data: dict[str, Any] | None, registry: Registry,
                   today: date) -> Iterator[Action]:
    """The audit's actions in template order; none for an already-normalised input."""
    if data is None:
        return
    try:
        template = registry.template(audit.template, audit.template_version)
    except NotFoundError:  # pragma: no cover - compare() found it moments ago
        return
    personal = _personal(data)
    for planned in audit.actions:
        yield _action(audit, template, planned, personal, today)


def _action(audit: NormalisedAudit, template: Template, planned: PlannedAction,
            personal: Sequence[str], today: date) -> Action:
    """One action, with respondent details scrubbed from what the organisation wrote."""
    return Action(
        organisation=audit.organisation, template=audit.template, standard=planned.standard,
        standard_text=template.standard[planned.standard].text,
        action=_scrub(_text(planned.action) or "(no action described)", personal),
        lead=_scrub_optional(_text(planned.lead), personal),
        due=_scrub_optional(_text(planned.due), personal), due_date=planned.due_date,
        overdue=bool(planned.overdue(today)))


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _personal(data: dict[str, Any]) -> tuple[str, ...]:
    """The respondent's details, and the names, emails and phones inside them.

    Templates ask "name, role" or "contact details" in one box, so the person's
    name (before the first comma), emails and phone numbers are also taken out.
    Longest first, so a full value goes before any part of it.
    """
    respondent = data.get("respondent")
    if not isinstance(respondent, dict):
        return ()
    found: set[str] = set()
    for key, value in respondent.items():
        if key in _NOT_PERSONAL or not isinstance(value, str) or not value.strip():
            continue
        found.add(value.strip())
        found.add(value.split(",")[0].strip())
        found.update(_EMAIL.findall(value))
        found.update(p.strip() for p in _PHONE.findall(value))
    return tuple(sorted((v for v in found if len(v) >= 3), key=len, reverse=True))


def _scrub(text: str, personal: Sequence[str]) -> str:
    """Respondent details an organisation copied into its action plan become "[respondent]"."""
    for value in personal:
        text = re.sub(re.escape(value), "[respondent]", text, flags=re.IGNORECASE)
    return text


def _scrub_optional(text: str | None, personal: Sequence[str]) -> str | None:
    return None if text is None else _scrub(text, personal)


# ------------------------------------------------------------------ sections


@dataclass(frozen=True, slots=True)
class _Cell:
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
class _Section:
    """One heading, a sentence of explanation, and a table (or what to say when empty)."""

    id: str
    heading: str
    intro: str
    columns: tuple[str, ...]
    rows: tuple[tuple[_Cell, ...], ...]
    empty: str = "None."
    #: Heat-map cells carry data-band, so tools can read the grid without the colours.
    data_bands: bool = False
    legend: bool = False


def _sections(report: BoardReport) -> list[_Section]:
    """The report's sections in the order a board reads them."""
    return [_summary(report), _heatmap(report), _domains(report), _attention(report),
            _action_plan(report), _missing(report), _left_out(report), _included(report)]


def _audits(report: BoardReport) -> tuple[NormalisedAudit, ...]:
    return report.comparison.included


def _band_of(mean: Mean | None) -> str:
    return str(mean.band) if mean is not None and mean.band is not None else NOT_RATED


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else DASH


def _counts(bands: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys((*BANDS, NOT_RATED), 0)
    for name in bands:
        counts[name] += 1
    return counts


def _distribution(counts: dict[str, int]) -> _Cell:
    """Counts per band as words (readable in print) with a stacked bar (quick to read)."""
    total = sum(counts[b] for b in BANDS)
    words = ", ".join(f"{LABELS[b]} {counts[b]}" for b in BANDS)
    if counts.get(NOT_RATED):
        words += f", not rated {counts[NOT_RATED]}"
    return _Cell(words, bar=tuple((b, counts[b] / total) for b in BANDS if total and counts[b]))


def _summary(report: BoardReport) -> _Section:
    audits = _audits(report)
    overall = _counts(_band_of(a.overall) for a in audits)
    rated = sum(overall[b] for b in BANDS)
    good = overall["good"] + overall["outstanding"]
    overdue = sum(a.overdue for a in report.actions)
    rows = [
        ("Audits compared", _Cell(str(len(audits)))),
        ("Organisations", _Cell(str(len({_key(a.organisation) for a in audits})))),
        ("Templates", _Cell(_listing(a.template for a in audits))),
        ("Partnerships", _Cell(_listing(a.partnership for a in audits))),
        ("Audits left out", _Cell(str(len(report.comparison.excluded)))),
        *([("Organisations expected", _Cell(str(len(report.expected)))),
           ("Expected but missing", _Cell(str(len(report.missing()))))]
          if report.expected else []),
        ("Overall ratings", _distribution(overall)),
        ("Good or better overall", _Cell(f"{_share(good, rated)} ({good} of {rated})")),
        ("Improvement actions", _Cell(f"{len(report.actions)}, of which {overdue} overdue")),
    ]
    return _Section("summary", "Summary", "Each audit's ratings are placed on one common "
                    "scale, so audits on different templates and scales can be compared. "
                    "An audit's overall band is the band nearest the mean of its ratings.",
                    ("Figure", "Value"),
                    tuple((_Cell(name, header=True), cell) for name, cell in rows))


def _listing(values: Iterable[str]) -> str:
    distinct = sorted(set(values), key=str.casefold)
    return f"{len(distinct)}: {'; '.join(distinct)}" if distinct else "0"


def _row_labels(audits: Sequence[NormalisedAudit]) -> list[str]:
    """Organisation names, told apart by template, then by file, where one sent several."""
    names = [a.organisation or "(no name)" for a in audits]
    names = _told_apart(names, [a.template for a in audits])
    return _told_apart(names, [os.path.basename(a.file or "") or "?" for a in audits])


def _told_apart(names: list[str], extra: list[str]) -> list[str]:
    keys = [_key(n) for n in names]
    return [f"{n} ({e})" if keys.count(k) > 1 else n
            for n, e, k in zip(names, extra, keys, strict=True)]


def _heatmap(report: BoardReport) -> _Section:
    audits = _audits(report)
    domains = report.comparison.rows
    rows = tuple(
        (_Cell(label, header=True, hint=audit.partnership),
         *(_grid_cell(audit.domains.get(d.key), d.title) for d in domains))
        for audit, label in zip(audits, _row_labels(audits), strict=True))
    return _Section("heatmap", "Ratings by organisation",
                    "One row per audit and one column per safeguarding domain. Each cell is "
                    "the band nearest the mean of the organisation's ratings in that domain.",
                    ("Organisation", *(d.title for d in domains)), rows,
                    empty="No audits to show.", data_bands=True, legend=True)


def _grid_cell(mean: Mean | None, domain: str) -> _Cell:
    band = _band_of(mean)
    if mean is None or mean.value is None:
        return _Cell(SHORT[NOT_RATED], band=band, hint=f"{domain}: not rated (not applicable "
                     "or not asked)")
    return _Cell(SHORT[band], band=band, hint=f"{domain}: {LABELS[band]} (mean {mean.value:.2f} "
                 f"on the common 0 to 1 scale, {mean.count} ratings)")


def _domains(report: BoardReport) -> _Section:
    rows = tuple(
        (_Cell(row.title, header=True), _Cell(str(row.audits), classes="num"),
         *(_Cell(str(row.bands.get(b, 0)), classes="num", hint=LABELS[b],
                 bar=((b, row.bands.get(b, 0) / row.audits),) if row.audits else ())
           for b in BANDS),
         _Cell(_share(row.bands.get("good", 0) + row.bands.get("outstanding", 0), row.audits),
               classes="num"))
        for row in report.comparison.rows)
    return _Section("domains", "Ratings by domain",
                    "How many audits fall in each band for each domain, and the share rated "
                    "good or outstanding.",
                    ("Domain", "Audits", *(LABELS[b] for b in BANDS), "Good or better"),
                    rows, empty="No ratings to show.")


def _attention(report: BoardReport) -> _Section:
    """Domains where someone is below good, weakest first: where recommendations start."""
    audits = _audits(report)
    rows = []
    for row in sorted(report.comparison.rows, key=lambda r: (r.good_or_better or 0.0)):
        below = [f"{a.organisation}: {LABELS[_band_of(a.domains.get(row.key))].lower()}"
                 for a in audits
                 if _band_of(a.domains.get(row.key)) in ("inadequate", "requires-improvement")]
        if below:
            good = row.bands.get("good", 0) + row.bands.get("outstanding", 0)
            rows.append((_Cell(row.title, header=True),
                         _Cell(_share(good, row.audits), classes="num"),
                         _Cell("; ".join(below))))
    return _Section("attention", "Areas for attention",
                    "Domains in which at least one organisation is below good, weakest first: "
                    "a starting point for the board's recommendations.",
                    ("Domain", "Good or better", "Below good"), tuple(rows),
                    empty="Every rated domain is good or better in every audit.")


def _action_plan(report: BoardReport) -> _Section:
    rows = tuple(
        (_Cell(a.organisation, header=True),
         _Cell(a.standard, hint=a.standard_text),
         _Cell(a.action), _Cell(a.lead or DASH), _Cell(_due(a), classes="due"), _status(a))
        for a in report.actions)
    return _Section("actions", "Action plan",
                    f"Improvement actions as each organisation wrote them. Overdue means the "
                    f"due date had passed on {_long_date(report.today)}; audits do not record "
                    "whether an action was completed.",
                    ("Organisation", "Standard", "Action", "Lead", "Due", "Status"), rows,
                    empty="The included audits list no improvement actions.")


def _due(action: Action) -> str:
    """The timescale as written, with the date it was read as when that is not plain."""
    if action.due is None:
        return DASH
    if action.due_date is None:
        return action.due
    if action.due == action.due_date.isoformat():
        return _long_date(action.due_date)
    return f"{action.due} (read as {_long_date(action.due_date)})"


def _status(action: Action) -> _Cell:
    if action.overdue:
        return _Cell("Overdue", classes="overdue")
    if action.due_date is not None:
        return _Cell("Not yet due")
    return _Cell("No due date" if action.due is None else "No clear due date")


def _long_date(day: date | None) -> str:
    """"1 January 2026", as board papers in England write dates, whatever the locale."""
    return DASH if day is None else f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _missing(report: BoardReport) -> _Section:
    left_out = {_key(org): file for file, org in report.excluded_organisations.items()}
    rows = tuple(
        (_Cell(name, header=True),
         _Cell(f"an audit was left out: {left_out[_key(name)]}" if _key(name) in left_out
               else "no audit received"))
        for name in report.missing())
    empty = ("Every expected organisation has an audit in this report." if report.expected
             else "No list of expected organisations was given.")
    return _Section("missing", "Expected but missing",
                    "Organisations expected to submit an audit with none included here.",
                    ("Organisation", "Note"), rows, empty=empty)


def _left_out(report: BoardReport) -> _Section:
    rows = tuple(
        (_Cell(e.file, header=True), _Cell(report.excluded_organisations.get(e.file, DASH)),
         _Cell(e.reason))
        for e in report.comparison.excluded)
    return _Section("excluded", "Audits left out",
                    "Audits that could not be read, are not valid, or are drafts are left out "
                    "of every figure; validating a file with s11schema shows every problem in it.",
                    ("File", "Organisation", "Reason"), rows, empty="None: every audit was used.")


def _included(report: BoardReport) -> _Section:
    total: dict[tuple[str, str], int] = {}
    overdue: dict[tuple[str, str], int] = {}
    for action in report.actions:
        key = (action.organisation, action.template)
        total[key] = total.get(key, 0) + 1
        overdue[key] = overdue.get(key, 0) + action.overdue
    rows = tuple(
        (_Cell(label, header=True), _Cell(a.organisation_type or DASH), _Cell(a.partnership),
         _Cell(_long_date(a.completed_on)),
         _Cell(LABELS[_band_of(a.overall)], band=_band_of(a.overall)),
         _Cell(str(total.get((a.organisation, a.template), 0)), classes="num"),
         _Cell(str(overdue.get((a.organisation, a.template), 0)), classes="num"))
        for a, label in zip(_audits(report), _row_labels(_audits(report)), strict=True))
    return _Section("organisations", "Audits included",
                    "The organisations whose audits are in this report.",
                    ("Organisation", "Type", "Partnership", "Completed", "Overall", "Actions",
                     "Overdue"), rows, empty="No audits were included.")


def _subtitle(report: BoardReport) -> str:
    rating = ("moderated ratings where given, self-assessed otherwise"
              if any(a.rating == "moderated" for a in _audits(report)) else "self-assessed")
    area = report.comparison.area
    return (f"{_long_date(report.today)} · ratings: {rating}"
            + (f" · area: {area}" if area else ""))


# ------------------------------------------------------------------ HTML

_CSS = """
:root{--inadequate:#c62828;--requires-improvement:#f57c00;--good:#2e7d32;
--outstanding:#1565c0;--none:#e0e0e0;--ink:#1b1b1b;--muted:#555;--rule:#c8c8c8}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);
margin:2rem auto;max-width:80rem;padding:0 1.5rem;line-height:1.45;font-size:15px}
h1{font-size:1.7rem;margin:0 0 .2rem}
h2{font-size:1.25rem;margin:2.2rem 0 .4rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem}
header p{margin:0;color:var(--muted)}
section>p{margin:.2rem 0 .8rem;max-width:60rem}
table{border-collapse:collapse;margin:.4rem 0;font-size:.9rem}
th,td{border:1px solid var(--rule);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f2f2f2}
tbody th{font-weight:600}
#summary{min-width:40rem}#summary tbody th{white-space:nowrap}
td.num{text-align:right;white-space:nowrap}
td.due{min-width:7.5rem}#actions tbody th{font-weight:500}#actions td:last-child{white-space:nowrap}
.band-inadequate{background:var(--inadequate);color:#fff}
.band-requires-improvement{background:var(--requires-improvement);color:#111}
.band-good{background:var(--good);color:#fff}
.band-outstanding{background:var(--outstanding);color:#fff}
.band-none{background:var(--none);color:#444}
#heatmap td{text-align:center;font-weight:700;min-width:2.2rem;padding:.35rem .2rem}
#heatmap thead th+th{writing-mode:vertical-rl;transform:rotate(180deg);vertical-align:bottom;
text-align:left;font-weight:600;max-height:14rem;padding:.4rem .2rem}
#heatmap tbody th{white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:.3rem 0 .6rem;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:.35rem}
.legend span{display:inline-block;min-width:2rem;text-align:center;font-weight:700;
padding:.1rem .3rem;border:1px solid var(--rule)}
.bar{display:flex;height:.6rem;min-width:8rem;margin-top:.25rem;background:#f4f4f4}
.bar span{display:block;height:100%}
#domains .bar{min-width:4rem}
.overdue{color:var(--inadequate);font-weight:700}
.overdue::before{content:"\\26A0\\FE0E  "}
.empty{font-style:italic;color:var(--muted)}
footer{margin-top:2.5rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--rule);
padding-top:.5rem}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{size:A4 landscape;margin:12mm}
@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}
h2{break-after:avoid}thead{display:table-header-group}tr{break-inside:avoid}
section{break-inside:auto}}
"""


def _esc(text: str) -> str:
    """Escaped for HTML text and attributes.

    "://" becomes "&#58;//" (shown the same) so that no address an organisation
    typed can be taken for a link or a resource by a browser, a mail filter or a
    reviewer's check that the file loads nothing.
    """
    return html.escape(text, quote=True).replace("://", "&#58;//")


def _html_page(report: BoardReport, sections: Sequence[_Section]) -> str:
    body = "\n".join(_html_section(s) for s in sections)
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_esc(report.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{_esc(report.title)}</h1>\n<p>{_esc(_subtitle(report))}</p>\n"
        f"</header>\n<main>\n{body}\n</main>\n<footer>{_esc(_footer())}</footer>\n"
        "</body>\n</html>\n")


def _footer() -> str:
    return (f"Made with s11schema {__version__}. Respondents' names and contact details are "
            "left out of this report on purpose.")


def _html_section(section: _Section) -> str:
    parts = [f'<section aria-labelledby="h-{section.id}">',
             f'<h2 id="h-{section.id}">{_esc(section.heading)}</h2>',
             f"<p>{_esc(section.intro)}</p>"]
    if section.legend:
        parts.append(_html_legend())
    if section.rows:
        parts.append(_html_table(section))
    else:
        parts.append(f'<p id="{section.id}" class="empty">{_esc(section.empty)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _html_legend() -> str:
    items = "".join(f'<li><span class="band-{b}">{_esc(SHORT[b])}</span>{_esc(LABELS[b])}</li>'
                    for b in (*BANDS, NOT_RATED))
    return f'<ul class="legend" aria-label="Key">{items}</ul>'


def _html_table(section: _Section) -> str:
    head = "".join(f'<th scope="col">{_esc(c)}</th>' for c in section.columns)
    rows = "\n".join("<tr>" + "".join(_html_cell(c, section.data_bands) for c in row) + "</tr>"
                     for row in section.rows)
    return (f'<table id="{section.id}">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>")


def _html_cell(cell: _Cell, data_bands: bool) -> str:
    tag = "th" if cell.header else "td"
    classes = [*cell.classes.split(), *([f"band-{cell.band}"] if cell.band else [])]
    attrs = (' scope="row"' if cell.header else "") + (
        f' class="{" ".join(classes)}"' if classes else "") + (
        f' data-band="{cell.band}"' if data_bands and cell.band else "") + (
        f' title="{_esc(cell.hint)}"' if cell.hint else "")
    return f"<{tag}{attrs}>{_esc(cell.text)}{_html_bar(cell.bar)}</{tag}>"


def _html_bar(segments: tuple[tuple[str, float], ...]) -> str:
    if not segments:
        return ""
    spans = "".join(f'<span class="band-{b}" style="width:{100 * share:.1f}%"></span>'
                    for b, share in segments)
    return f'<div class="bar" aria-hidden="true">{spans}</div>'


# ------------------------------------------------------------------ Markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _md(text: str) -> str:
    """One line, HTML escaped (Markdown passes HTML through) and Markdown marks escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def _markdown_page(report: BoardReport, sections: Sequence[_Section]) -> str:
    parts = [f"# {_md(report.title)}", _md(_subtitle(report))]
    parts += [_markdown_section(s) for s in sections]
    parts.append(f"_{_md(_footer())}_")
    return "\n\n".join(parts) + "\n"


def _markdown_section(section: _Section) -> str:
    parts = [f"## {_md(section.heading)}", _md(section.intro)]
    if section.legend:
        parts.append("Key: " + ", ".join(f"{SQUARES.get(b, '')} {SHORT[b]} {LABELS[b]}".strip()
                                         for b in (*BANDS, NOT_RATED)))
    if not section.rows:
        parts.append(f"_{_md(section.empty)}_")
        return "\n\n".join(parts)
    lines = ["| " + " | ".join(_md(c) for c in section.columns) + " |",
             "|" + "---|" * len(section.columns)]
    lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in section.rows]
    parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _markdown_cell(cell: _Cell) -> str:
    square = SQUARES.get(cell.band or "")
    text = _md(cell.text)
    return f"{square} {text}" if square else text
