"""The board report: `s11schema.report.board_report`, its HTML and Markdown, `read_expected`."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import s11schema
from s11schema import UnreadableError
from s11schema._board import BoardReport, board_report, read_expected
from s11schema._compare import compare
from s11schema._normalise import normalise
from s11schema._scales import band

from ..conftest import DATA, ROOT

EXAMPLES = ROOT / "examples"
REPORT = DATA / "report"
#: The report's test audits are on the strict Lambeth variant (actions with a lead).
STRICT = s11schema.Registry([DATA / "templates"])
FIVE = sorted([*EXAMPLES.glob("*/final.json"), *EXAMPLES.glob("*/rushcliffe-2021.json")])
RUSHCLIFFE = EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json"
LAMBETH = EXAMPLES / "lambeth" / "final.json"
TODAY = date(2026, 1, 1)
PERSONAL = ("Zebedee Quartermaine", "zebedee.q@personal.example", "07700 900461")
BANDS = {"inadequate", "requires-improvement", "good", "outstanding", "none"}


# ------------------------------------------------------------------ helpers


class _Tables(HTMLParser):
    """Every table with an id: its header texts and, per body row, (attributes, text) cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, dict[str, Any]] = {}
        self.ids: set[str] = set()
        self._table: dict[str, Any] | None = None
        self._cell: list[str] | None = None
        self._attrs: dict[str, str] = {}
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "table" and "id" in values:
            self._table = self.tables[values["id"]] = {"head": [], "rows": []}
        elif self._table is not None and tag == "thead":
            self._in_head = True
        elif self._table is not None and tag == "tr" and not self._in_head:
            self._table["rows"].append([])
        elif self._table is not None and tag in ("td", "th"):
            self._cell, self._attrs = [], values

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._table is not None and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._in_head:
                self._table["head"].append(text)
            else:
                self._table["rows"][-1].append((self._attrs, text))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> _Tables:
    parser = _Tables()
    parser.feed(page)
    parser.close()
    return parser


def rows(page: str, table: str) -> list[list[tuple[dict[str, str], str]]]:
    found: list[list[tuple[dict[str, str], str]]] = tables(page).tables[table]["rows"]
    return found


def by_first_cell(page: str, table: str) -> dict[str, list[str]]:
    return {row[0][1]: [text for _attrs, text in row[1:]] for row in rows(page, table)}


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


@pytest.fixture(scope="module")
def five() -> BoardReport:
    """The report of the five example audits."""
    return board_report(FIVE, today=TODAY)


@pytest.fixture(scope="module")
def page(five: BoardReport) -> str:
    """The HTML of the five example audits' report."""
    return five.html()


def expected_bands() -> dict[str, dict[str, str]]:
    """Each organisation's band per domain title, straight from normalise() and band()."""
    titles = {d.id: d.title for d in s11schema.default_registry().domains.values()}
    found: dict[str, dict[str, str]] = {}
    for path in FIVE:
        audit = normalise(path)
        found[audit.organisation] = {
            titles[key]: "none" if mean.value is None else str(band(mean.value))
            for key, mean in audit.domains.items()}
    return found


# ------------------------------------------------------------------ the heat map


def test_heatmap_has_one_row_per_organisation(page: str) -> None:
    """The grid has a row for each of the five example organisations, and no other."""
    assert sorted(row[0][1] for row in rows(page, "heatmap")) == sorted(expected_bands())


def test_heatmap_cells_carry_the_band_of_each_domain_mean(page: str) -> None:
    """Every cell's data-band is the band of that organisation's mean in that domain."""
    parsed = tables(page).tables["heatmap"]
    columns = parsed["head"][1:]
    wanted = expected_bands()
    assert set(columns) == {title for bands in wanted.values() for title in bands}
    for row in parsed["rows"]:
        organisation, cells = row[0][1], row[1:]
        assert len(cells) == len(columns)
        for title, (attrs, text) in zip(columns, cells, strict=True):
            assert attrs["data-band"] == wanted[organisation].get(title, "none"), (
                organisation, title)
            assert f"band-{attrs['data-band']}" in attrs["class"].split()
            assert text  # a label, so the grid reads without colour


def test_heatmap_labels_name_the_bands_without_colour(page: str) -> None:
    """Cell labels match their band (G for good and so on) and the key explains them."""
    labels = {"inadequate": "I", "requires-improvement": "RI", "good": "G", "outstanding": "O",
              "none": "\u2013"}
    for row in rows(page, "heatmap"):
        for attrs, text in row[1:]:
            assert text == labels[attrs["data-band"]]
    assert "Requires improvement" in page
    assert "Outstanding" in page


# ------------------------------------------------------------------ summary and domains


def test_summary_counts_the_five_examples(page: str) -> None:
    """Audits, organisations, templates, partnerships, left out and overall bands add up."""
    audits = [normalise(p) for p in FIVE]
    overall = [str(band(a.overall.value)) for a in audits if a.overall.value is not None]
    good = sum(b in ("good", "outstanding") for b in overall)
    figures = by_first_cell(page, "summary")
    assert figures["Audits compared"] == ["5"]
    assert figures["Organisations"] == ["5"]
    assert figures["Templates"][0].startswith(f"{len({a.template for a in audits})}: ")
    assert figures["Partnerships"][0].startswith(f"{len({a.partnership for a in audits})}: ")
    assert figures["Audits left out"] == ["0"]
    assert figures["Overall ratings"] == [
        f"Inadequate {overall.count('inadequate')}, Requires improvement "
        f"{overall.count('requires-improvement')}, Good {overall.count('good')}, "
        f"Outstanding {overall.count('outstanding')}"]
    assert figures["Good or better overall"] == [
        f"{round(100 * good / len(overall))}% ({good} of {len(overall)})"]
    assert "Organisations expected" not in figures  # no list given, so no claim made


def test_domain_table_matches_compare(five: BoardReport, page: str) -> None:
    """The per-domain counts and shares are compare()'s, one row per domain."""
    rows_ = compare(FIVE, today=TODAY).rows
    table = by_first_cell(page, "domains")
    assert list(table) == [r.title for r in rows_]
    for row in rows_:
        good = row.bands["good"] + row.bands["outstanding"]
        assert table[row.title] == [
            str(row.audits), *(str(row.bands[b]) for b in
                               ("inadequate", "requires-improvement", "good", "outstanding")),
            f"{round(100 * good / row.audits)}%"]


# ------------------------------------------------------------------ action plan


def test_rushcliffe_2021_actions_are_overdue_in_2026(five: BoardReport, page: str) -> None:
    """Every dated Rushcliffe action (dates read from its text, all by March 2022) is flagged
    overdue, with the word."""
    rushcliffe = [a for a in five.actions if a.organisation == "Rushcliffe Borough Council"]
    dated = [a for a in rushcliffe if a.due_date is not None]
    assert len(dated) == 4
    assert all(a.overdue for a in dated)
    assert all(a.due_date is not None and a.due_date < TODAY for a in dated)
    flagged = [row for row in rows(page, "actions")
               if row[0][1] == "Rushcliffe Borough Council" and row[-1][1] == "Overdue"]
    assert len(flagged) == 4
    assert all("overdue" in row[-1][0]["class"].split() for row in flagged)


def test_only_open_actions_past_their_date_are_overdue(five: BoardReport, page: str) -> None:
    """Actions due after the report's date, and done or dropped ones, are listed but never
    flagged overdue; an action still in progress past its date is (Nottinghamshire's
    example carries one from 2024/25)."""
    for action in five.actions:
        past = action.due_date is not None and action.due_date < TODAY
        assert action.overdue == (past and action.status in (None, "open", "in progress"))
    assert any(a.status == "in progress" and a.overdue for a in five.actions)
    assert any(a.status == "done" and not a.overdue for a in five.actions)
    statuses = [row[-1][1] for row in rows(page, "actions")]
    assert statuses.count("Overdue") == sum(a.overdue for a in five.actions) == 5
    assert "No due date" in statuses  # Rushcliffe 3.1 gives no timescale


def test_action_plan_lists_every_action_in_the_audits(five: BoardReport) -> None:
    """The plan holds each audit's actions, with action text, lead and due as written."""
    written = [(a["action"], a.get("lead"), a.get("due"))
               for path in FIVE for response in load(path)["responses"].values()
               for a in response.get("actions", [])]
    shown = [(a.action, a.lead, a.due) for a in five.actions]
    assert sorted(shown, key=str) == sorted(written, key=str)


# ------------------------------------------------------------------ missing and left out


def test_an_expected_organisation_without_an_audit_is_missing() -> None:
    """With one extra organisation expected, it alone is listed as missing."""
    expected = read_expected(REPORT / "expected.txt")
    report = board_report(FIVE, expected=expected, today=TODAY)
    assert report.missing() == ("Example Police Service",)
    page = report.html()
    assert [row[0][1] for row in rows(page, "missing")] == ["Example Police Service"]
    assert by_first_cell(page, "summary")["Expected but missing"] == ["1"]
    assert "Example Police Service" in report.markdown()


def test_missing_matches_names_ignoring_case_and_spacing() -> None:
    """Typed lists differ from the audits in case and spaces, never in organisation."""
    report = board_report([RUSHCLIFFE], expected=["  RUSHCLIFFE   borough council ",
                                                   "rushcliffe borough council"], today=TODAY)
    assert report.missing() == ()
    assert 'id="missing"' in report.html()


def test_missing_is_found_without_reading_the_audits_again() -> None:
    """The report keeps the included organisations it found while it was built; a report
    made without them (by hand, `submitted=None`) reads its audits and says the same."""
    expected = read_expected(REPORT / "expected.txt")
    report = board_report(FIVE, expected=expected, today=TODAY)
    assert report.submitted == frozenset(
        " ".join(a.organisation.split()).casefold() for a in report.comparison.included)
    assert replace(report, submitted=None).missing() == report.missing()
    assert replace(report, submitted=frozenset()).missing() == expected  # nobody submitted


def test_no_expected_list_says_so(page: str) -> None:
    """Without a list, the missing section says none was given rather than "none missing"."""
    assert 'id="missing" class="empty">No list of expected organisations was given.' in page


def test_an_invalid_audit_is_left_out_with_its_reason(tmp_path: Path) -> None:
    """An invalid audit is listed under left out, with its file, organisation and reason."""
    invalid = REPORT / "invalid-rating.json"
    report = board_report([*FIVE, invalid], expected=["Example Invalid Rating Trust"],
                          today=TODAY)
    assert len(report.comparison.included) == 5
    [left_out] = report.comparison.excluded
    assert left_out.file == str(invalid)
    assert left_out.kind == "invalid"
    assert "rating-unknown" in left_out.codes
    page = report.html()
    assert by_first_cell(page, "excluded") == {
        str(invalid): ["Example Invalid Rating Trust", left_out.reason]}
    assert report.missing() == ("Example Invalid Rating Trust",)
    assert "an audit was left out" in by_first_cell(page, "missing")[
        "Example Invalid Rating Trust"][0]
    assert "rating-unknown" in report.markdown()


def test_report_and_compare_agree_on_hostile_inputs() -> None:
    """Unreadable, malformed and non-object files are left out exactly as compare leaves them."""
    inputs = [*FIVE, DATA / "audits", REPORT / "invalid-rating.json", ROOT / "no-such.json"]
    report = board_report(inputs, today=TODAY)
    compared = compare(inputs, today=TODAY)
    assert report.comparison.excluded == compared.excluded
    assert sorted(a.file or "" for a in report.comparison.included) == sorted(
        a.file or "" for a in compared.included)
    assert report.comparison.rows == compare(report.comparison.included).rows
    assert len(rows(report.html(), "excluded")) == len(compared.excluded) >= 4


def test_drafts_are_left_out_unless_asked_for() -> None:
    """A draft is left out by default and counted with include_drafts, as compare does."""
    draft = load(LAMBETH)
    draft["status"] = "draft"
    left_out = board_report([draft], today=TODAY)
    assert not left_out.comparison.included
    assert left_out.comparison.excluded[0].kind == "draft"
    included = board_report([draft], include_drafts=True, today=TODAY)
    assert len(included.comparison.included) == 1
    assert included.actions


def test_area_keeps_only_audits_covering_it() -> None:
    """With an area, audits for other areas are neither shown nor counted as left out."""
    report = board_report(FIVE, area="nottinghamshire", today=TODAY)
    assert sorted(a.organisation for a in report.comparison.included) == [
        "Example Community Health Trust", "Rushcliffe Borough Council"]
    assert not report.comparison.excluded
    assert {a.organisation for a in report.actions} == {
        "Example Community Health Trust", "Rushcliffe Borough Council"}
    assert not report.excluded_organisations  # outside the area is not "left out"
    assert "area: nottinghamshire" in report.html()


def test_dicts_and_normalised_audits_are_accepted() -> None:
    """Dicts give actions like files; normalised audits carry their actions too."""
    from_dict = board_report([load(RUSHCLIFFE)], today=TODAY)
    from_file = board_report([RUSHCLIFFE], today=TODAY)
    assert [a.action for a in from_dict.actions] == [a.action for a in from_file.actions]
    already = board_report([normalise(RUSHCLIFFE)], today=TODAY)
    assert len(already.comparison.included) == 1
    assert [a.action for a in already.actions] == [a.action for a in from_file.actions]


# ------------------------------------------------------------------ safety


def test_html_loads_nothing(page: str) -> None:
    """One self-contained file: no address, no script source, no external stylesheet."""
    lowered = page.lower()
    for banned in ("http://", "https://", "<script", "<link", "@import", "url(", "<img"):
        assert banned not in lowered
    assert "<style>" in page


def test_addresses_in_audit_text_do_not_become_links() -> None:
    """An address an organisation typed into an action stays text, not a loadable address."""
    audit = load(LAMBETH)
    audit["responses"]["1"]["actions"][0]["action"] = "See https://evil.example/x.js now"
    page = board_report([audit], today=TODAY).html()
    assert "https://" not in page
    assert "See https&#58;//evil.example/x.js now" in page


def test_html_special_characters_in_names_are_escaped() -> None:
    """An organisation called "Example <b>& Partners" is shown as text, never as markup."""
    report = board_report([REPORT / "html-name.json"], expected=["<i>Nobody</i>"], today=TODAY,
                          registry=STRICT)
    page = report.html()
    assert "<b>" not in page
    assert "<i>" not in page
    assert "Example &lt;b&gt;&amp; Partners" in page
    assert "&lt;i&gt;Nobody&lt;/i&gt;" in page
    assert [row[0][1] for row in rows(page, "heatmap")] == ["Example <b>& Partners"]
    assert "Example &lt;b&gt;&amp; Partners" in report.markdown()


def test_title_is_escaped() -> None:
    """The title is text from the command line, so it is escaped too."""
    page = board_report([RUSHCLIFFE], title="Board <script>", today=TODAY).html()
    assert "<script>" not in page
    assert "Board &lt;script&gt;" in page


def test_respondent_details_never_appear() -> None:
    """The respondent's name, email and phone are in neither the HTML nor the Markdown."""
    report = board_report([REPORT / "personal.json"], today=TODAY, registry=STRICT)
    assert len(report.comparison.included) == 1
    for text in (report.html(), report.markdown()):
        for value in PERSONAL:
            assert value.casefold() not in text.casefold()
    assert "Designated Safeguarding Lead" in report.html()  # a lead's role is kept


def test_respondent_details_copied_into_actions_are_removed() -> None:
    """A respondent named as an action's lead, or in its text, becomes "[respondent]"."""
    audit = load(REPORT / "personal.json")
    first = audit["responses"]["1"]["actions"][0]
    first["lead"] = "Zebedee Quartermaine"
    first["action"] += " Questions to zebedee.q@personal.example or 07700 900461."
    report = board_report([audit], today=TODAY, registry=STRICT)
    for text in (report.html(), report.markdown()):
        for value in PERSONAL:
            assert value.casefold() not in text.casefold()
    assert report.actions[0].lead == "[respondent]"


# ------------------------------------------------------------------ Markdown


def test_markdown_has_the_same_sections_as_tables(five: BoardReport, page: str) -> None:
    """Markdown holds the same headings, and the heat map as a table with band labels."""
    text = five.markdown()
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    per_template = [f"{part}{t.title}" for t in five.templates
                    for part in ("Questions: ", "Ratings by question: ")]
    assert headings == ["Summary", "Ratings by organisation", "Ratings by domain",
                        *per_template, "Areas for attention", "Action plan",
                        "Expected but missing", "Audits left out", "Audits included",
                        *(f"What {t.title} asks" for t in five.templates)]
    assert len(five.templates) == 4
    grid = [line for line in text.splitlines() if line.startswith("| Rushcliffe Borough")]
    assert len(grid) >= 2  # the heat map and the audits-included table
    assert "| Audits compared | 5 |" in text
    overdue = [line for line in text.splitlines()
               if line.startswith("| Rushcliffe") and line.endswith("| Overdue |")]
    assert len(overdue) == 4


def test_markdown_cells_cannot_break_the_table() -> None:
    """Pipes, newlines and Markdown marks in audit text are escaped inside cells."""
    audit = load(LAMBETH)
    audit["responses"]["1"]["actions"][0]["action"] = "a | b\nc *d* [e](f)"
    text = board_report([audit], today=TODAY).markdown()
    assert "a \\| b c \\*d\\* \\[e\\](f)" in text


# ------------------------------------------------------------------ read_expected


def test_read_expected_skips_comments_and_blank_lines() -> None:
    """One organisation a line; # comments and blank lines are ignored, spaces tidied."""
    assert read_expected(REPORT / "expected.txt") == (
        "Example Community Health Service", "example community health trust",
        "Example Valley Youth Trust", "Example Youth Offending Service",
        "Rushcliffe Borough Council", "Example Police Service")


def test_read_expected_refuses_bad_utf8(tmp_path: Path) -> None:
    """A file that is not UTF-8 (a saved spreadsheet, say) is an UnreadableError."""
    path = tmp_path / "orgs.txt"
    path.write_bytes(b"Example Trust\n\xff\xfe\n")
    with pytest.raises(UnreadableError) as caught:
        read_expected(path)
    assert caught.value.findings[0].code == "file-encoding"


def test_read_expected_refuses_oversized_files(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The audits' size limit applies, so a huge export is refused before it is read."""
    path = tmp_path / "orgs.txt"
    path.write_text("Example Trust\n" * 100, encoding="utf-8")
    monkeypatch.setenv("S11SCHEMA_MAX_BYTES", "100")
    with pytest.raises(UnreadableError) as caught:
        read_expected(path)
    assert caught.value.findings[0].code == "file-too-large"


# ------------------------------------------------------------------ in a browser


def chromium() -> str | None:
    """The headless Chromium to use, if this machine has one."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}"]
    return subprocess.run([browser, *flags, *args], capture_output=True, text=True, timeout=60,
                          check=False, cwd=profile.parent)


@pytest.mark.browser
def test_report_renders_in_headless_chromium(tmp_path: Path, page: str) -> None:
    """Chromium renders the heat map with every row and cell, and paints a real page."""
    browser = chromium()
    if browser is None:
        if os.environ.get("CI"):  # .ci/run installs it: a missing browser is a failure there
            pytest.fail("no headless Chromium in CI: .ci/run should have installed it")
        pytest.skip("no headless Chromium here: apt-get install chromium (CI installs it)")
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    dumped = run_chromium(browser, tmp_path / "profile", "--dump-dom", report.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    rendered = tables(dumped.stdout)
    grid = rendered.tables["heatmap"]
    assert len(grid["rows"]) == 5
    cells = [attrs for row in grid["rows"] for attrs, _text in row if "data-band" in attrs]
    assert len(cells) == 5 * (len(grid["head"]) - 1)
    assert {attrs["data-band"] for attrs in cells} <= BANDS
    assert {"summary", "domains", "actions", "missing", "excluded"} <= rendered.ids
    png = tmp_path / "report.png"
    shot = run_chromium(browser, tmp_path / "profile", f"--screenshot={png}",
                        "--window-size=1280,2000", report.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert png.is_file()
    assert png.stat().st_size > 10_000


# ------------------------------------------------------------------ cycles


BOTH_CYCLES = sorted([*EXAMPLES.glob("*/previous-cycle.json"), *EXAMPLES.glob("*/final.json")])


@pytest.fixture(scope="module")
def cycles() -> BoardReport:
    """The four organisations' 2025/26 returns, with the change since 2023/24."""
    return board_report(BOTH_CYCLES, today=TODAY, since="2023/24")


def test_the_report_shows_the_latest_return_and_the_change_since(cycles: BoardReport) -> None:
    """The heat map has one row per organisation (its 2025/26 return); the change table
    and grid come from compare_cycles, the same figures as `compare --cycles`."""
    assert [a.cycle for a in cycles.comparison.included] == ["2025/26"] * 4
    from s11schema._change import compare_cycles

    expected = compare_cycles(BOTH_CYCLES, since="2023/24", until="2025/26",
                              group_by="organisation", today=TODAY)
    assert cycles.change is not None
    assert cycles.change.rows == expected.rows
    page = cycles.html()
    grid = by_first_cell(page, "change-grid")
    assert set(grid) == {a.organisation for a in cycles.comparison.included}
    titles = {d.id: d.title for d in s11schema.default_registry().domains.values()}
    head = tables(page).tables["change-grid"]["head"][1:]
    for row in expected.rows:
        arrow = {"improved": "\u25b2", "worse": "\u25bc", "same": "="}[row.direction]
        assert grid[row.group or ""][head.index(titles[row.key])].startswith(arrow)


def test_last_cycles_actions_and_what_became_of_them(cycles: BoardReport) -> None:
    """Every 2023/24 action is listed once, with the outcome the 2025/26 return gives it
    (the status of the same action there, open where none is given)."""
    expected = []
    for previous in sorted(EXAMPLES.glob("*/previous-cycle.json")):
        now = load(previous.with_name("final.json"))
        for standard, response in load(previous)["responses"].items():
            later = {a["action"]: a for a in now["responses"][standard].get("actions", [])}
            for action in response.get("actions", []):
                match = later.get(action["action"])
                expected.append((standard, action["action"], "not carried forward"
                                 if match is None else match.get("status", "open")))
    shown = [(f.standard, f.action, f.outcome) for f in cycles.follow_ups]
    assert sorted(shown) == sorted(expected)
    assert {"done", "dropped", "in progress", "open"} <= {o for _s, _a, o in shown}
    table = rows(cycles.html(), "follow-up")
    assert len(table) == len(expected)


def test_the_change_and_follow_ups_read_the_stored_audits(cycles: BoardReport) -> None:
    """Neither cycle's returns are held whole: the follow-ups are made each time they
    are gone over, and the change keeps the earlier cycle's returns stored."""
    from s11schema._store import Derived, StoredAudits

    assert isinstance(cycles.follow_ups, Derived)
    assert cycles.change is not None
    assert isinstance(cycles.change.before, StoredAudits)
    assert isinstance(cycles.change.after, StoredAudits)
    assert list(cycles.follow_ups) == list(cycles.follow_ups)


def test_done_and_dropped_actions_are_never_overdue(cycles: BoardReport) -> None:
    closed = [a for a in cycles.actions if a.status in ("done", "dropped")]
    assert closed
    assert not any(a.overdue for a in closed)
    statuses = {row[2][1]: row[-1][1] for row in rows(cycles.html(), "actions")}
    for action in closed:
        assert statuses[action.action] == action.status.capitalize()  # type: ignore[union-attr]


def test_action_counts_are_per_audit() -> None:
    """One organisation's returns to two partnerships are two rows of "Audits included",
    each with its own audit's count of actions (it was the sum of both)."""
    notts = load(EXAMPLES / "nottinghamshire-2021" / "final.json")
    bucks = load(EXAMPLES / "buckinghamshire-2016" / "final.json")
    bucks["organisation"]["name"] = notts["organisation"]["name"]
    report = board_report([notts, bucks], today=TODAY)
    counts = [sum(len(r.get("actions", [])) for r in audit["responses"].values())
              for audit in (notts, bucks)]
    shown = [int(row[6][1]) for row in rows(report.html(), "organisations")]
    partnerships = [row[2][1] for row in rows(report.html(), "organisations")]
    by_partnership = dict(zip(partnerships, shown, strict=True))
    assert by_partnership == {
        "Nottinghamshire and Nottingham City Safeguarding Children Partnerships": counts[0],
        "Buckinghamshire Safeguarding Children Board": counts[1]}


def test_moderation_gap_and_over_rating() -> None:
    """With moderated ratings the report shows the gap per domain as a number, never a band,
    and names the over-rated standards. On the features template (margin 1/3, RAG): 1.1 is
    self green (2/3) moderated red (0), a gap of -2/3; 1.4 self green moderated amber (1/3),
    exactly the margin; 1.2 is yes/no, not scored, so it has no gap."""
    audit = load(DATA / "audits" / "bases" / "features.json")
    audit["responses"]["1.1"].update(rating="green", moderated_rating="red")
    audit["responses"]["1.4"]["moderated_rating"] = "amber"
    for standard in ("1.1", "1.4"):
        audit["responses"][standard]["actions"] = [
            {"action": "Agree a plan with the challenge panel by March 2026", "lead": "Lead"}]
    report = board_report([audit], today=TODAY, registry=STRICT)
    table = by_first_cell(report.html(), "moderation")
    titles = {d.id: d.title for d in s11schema.default_registry().domains.values()}
    assert table[titles["senior-lead"]] == ["-0.67", "1", "Example Health Trust: 1.1"]
    assert table[titles["commissioning"]] == ["-0.33", "1", "Example Health Trust: 1.4"]
    cells = rows(report.html(), "moderation")
    assert all("data-band" not in attrs for row in cells for attrs, _ in row)
    assert compare([audit], registry=STRICT, today=TODAY).rows[0].gap is not None


def test_no_moderation_section_without_moderated_ratings(page: str) -> None:
    assert 'id="moderation"' not in page
