"""Each class of hostile input in docs/security.md, with cases of our own for each.

The promise: never a traceback, never a hang, nothing lost, no personal data leaked.
Open-ended classes have property tests; the rest have several concrete cases.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import stat
import tempfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import s11schema
from s11schema import Registry, board_report, compare, export, lint, validate
from s11schema._cli import main
from s11schema._personal import scrubber
from s11schema._tables import markdown_table, text_table
from s11schema._writing import WriteError, write_text

from ..conftest import EXAMPLES, ROOT

LAMBETH = EXAMPLES / "lambeth" / "final.json"
TODAY = date(2026, 1, 1)


def lambeth() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LAMBETH.read_text(encoding="utf-8"))
    return data


def run(argv: list[Any], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, out.getvalue(), captured.err


# ---------------------------------------------------------------------- tracebacks from audits


@pytest.mark.parametrize("completed_on", ["9999-12-31", "2199-12-31", "2200-01-01", "0001-01-01"])
def test_dates_at_the_edges_of_the_calendar(completed_on: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Far-future and far-past completion dates are findings in every command, never a crash,
    and the rest of a folder is still checked."""
    audit = lambeth()
    audit["completed_on"] = completed_on
    (tmp_path / "edge.json").write_text(json.dumps(audit), encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(lambeth()), encoding="utf-8")
    report = validate(tmp_path / "edge.json")
    assert not report.ok or completed_on == "0001-01-01"
    for command in ("validate", "compare", "export", "report"):
        code, _out, err = run([command, tmp_path], capsys)
        assert code in (0, 1), (command, err)
    assert len(compare([tmp_path]).included) >= 1


@pytest.mark.parametrize("command", ["compare", "export", "report", "normalise"])
def test_unwritable_characters_in_what_is_written(command: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A lone surrogate in an organisation name, in a file name and in --title is written as an
    escape with -o, never a UnicodeEncodeError."""
    audit = lambeth()
    audit["organisation"]["name"] = "Bad \ud800 organisation"
    name = tmp_path / "caf\udce9.json"  # the bytes of a non-UTF-8 file name, as Python reads them
    name.write_text(json.dumps(audit), encoding="utf-8", errors="surrogatepass")
    target = tmp_path / "out.txt"
    extra = ["--title", "Board \udcff report"] if command == "report" else []
    code, _out, err = run([command, name, "-o", target, *extra], capsys)
    assert code == 0, err
    assert target.read_bytes().decode("utf-8")  # valid UTF-8


# ---------------------------------------------------------------------- YAML written by staff


TYPED_BUT_UNBUILDABLE = ["0x_", "2021-02-30", "2021-13-01", "0b2", "1_000_", "12:60:61",
                         ".inf", "-.NaN", "0o9", "+12e"]


@pytest.mark.parametrize("value", TYPED_BUT_UNBUILDABLE)
def test_unquoted_values_yaml_would_type_but_cannot_build(
        value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As a code, a label or an id, such a value is text to s11schema; lint and templates
    run, report what they should, and list the other templates."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "odd.yaml").write_text(
        f"id: odd\ntitle: {value}\nlevels:\n  - code: {value}\n    label: {value}\n"
        "    normalised: 0\n  - code: b\n    label: B\n    normalised: 1\n", encoding="utf-8")
    result = lint([folder])
    assert all(f.file == str(folder / "odd.yaml") for f in result.findings)
    code, out, err = run(["templates", "--path", folder], capsys)
    assert code in (0, 1), err
    assert "lambeth" in out


@pytest.mark.parametrize(("text", "message"), [
    ("normalised: 1/" + "9" * 40, "should be a number"),
    ("normalised: " + "9" * 400 + "/1", "should be a number"),
    ("normalised: .inf", "number"),
    ("normalised: 1e400", "finite number"),
])
def test_positions_that_are_not_finite_numbers(text: str, message: str) -> None:
    """A huge fraction, infinity or an overflowing number is a located schema-type finding."""
    result = lint_text("id: s\ntitle: S\nlevels:\n  - code: a\n    label: A\n    " + text
                       + "\n  - code: b\n    label: B\n    normalised: 1\n")
    (finding,) = [f for f in result.findings if f.code == "schema-type"]
    assert message in finding.message
    assert finding.line == 6


@pytest.mark.parametrize(("spec", "message"), [
    ("{worst: 0, best: 100000000}", "at most 1000000"),
    ("{worst: 0, best: 1001000, step: 1000}", "at most 1000000"),
    ("{worst: 0, best: 5000}", "5,001 values"),
    ("{worst: 3, best: 3}", "two ends"),
    ("{worst: 0, best: 10, step: 0}", "more than 0"),
    ("{worst: 0, best: 10, normalised: {99999999999: 1}}", "at most 1000000"),
    ("{worst: 0, best: 10, step: 3}", "never reach"),
])
def test_ranges_out_of_bounds(spec: str, message: str) -> None:
    """A range that would take gigabytes, or could never be a scale, is refused by its shape."""
    result = lint_text(f"id: r\ntitle: R\nrange: {spec}\n")
    assert any(message in f.message for f in result.findings), result.findings


def lint_text(text: str) -> s11schema.LintResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.yaml"
        path.write_text(text, encoding="utf-8")
        return lint([path], registry=Registry(bundled=True, environment=False))


@pytest.mark.parametrize("value", ["0", "-5", "1073741825", "99999999999999999999", "\u0661\u0662",
                                   "\uff11\uff12", "12 MB", "", "0x10"])
def test_size_limit_settings_that_are_not_sizes(value: str, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """--max-bytes and S11SCHEMA_MAX_BYTES refuse anything but ASCII digits in range (exit 2)."""
    code, _out, err = run_argv(["validate", "--max-bytes", value, LAMBETH], capsys)
    assert code == 2
    assert "--max-bytes" in err
    if value.strip():
        monkeypatch.setenv("S11SCHEMA_MAX_BYTES", value)
        code, _out, err = run_argv(["validate", LAMBETH], capsys)
        assert code == 2
        assert "S11SCHEMA_MAX_BYTES" in err


def run_argv(argv: list[Any], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        return run(argv, capsys)
    except SystemExit as stop:
        return int(stop.code or 0), "", capsys.readouterr().err


@pytest.mark.parametrize("path", ["a\0b.json", "\0", "folder\0/x.json"])
def test_a_path_holding_nul(path: str) -> None:
    """The API given a path with NUL raises UnreadableError naming the problem."""
    with pytest.raises(s11schema.UnreadableError, match="NUL"):
        validate(Path(path) if "/" in path else path)


# ---------------------------------------------------------------------- hangs and cost


def test_a_million_empty_actions_give_bounded_findings(tmp_path: Path) -> None:
    """A few-MB audit of a million empty actions: each code capped at 100 findings, a note of
    how many more, and only the first 200 actions checked."""
    audit = lambeth()
    audit["responses"]["1"]["actions"] = [{}] * 1_000_000
    path = tmp_path / "million.json"
    path.write_text(json.dumps(audit), encoding="utf-8")
    (result,) = list(s11schema.validate_many([path], max_bytes=10_000_000))
    codes = [f.code for f in result.findings]
    assert codes.count("actions-too-many") == 1
    assert max(codes.count(c) for c in set(codes)) <= 100
    assert len(result.findings) <= 1000 + len(set(codes))
    assert "findings-omitted" in codes


def test_scrubbing_a_hostile_name_is_linear() -> None:
    """A name thousands of characters long is matched exactly, not by a pattern that would
    backtrack, and still taken out of the text."""
    name = "a" * 20_000 + "b"
    scrub = scrubber({"name": name, "email": "x@example.org"})
    assert scrub.pattern is not None
    assert name not in scrub.pattern.pattern
    text = "a" * 50_000 + name + " and x@example.org"
    assert scrub(text) == "a" * 50_000 + "[respondent] and [respondent]"


# ---------------------------------------------------------------------- personal data


PERSONAL = {"name": "Alex Example", "role": "Designated Safeguarding Lead",
            "email": "alex.example@example.org", "phone": "01632 960123"}


def personal_audit() -> dict[str, Any]:
    audit = lambeth()
    audit["respondent"] = dict(PERSONAL)
    actions = audit["responses"]["1"].setdefault("actions", [])
    actions.append({"action": "Alex  Example (alex.example@example.org, 01632 960123) will "
                              "deliver training to all staff with alex\u00a0example leading"})
    return audit


def test_export_actions_table_scrubs_the_respondent() -> None:
    """The actions table never prints the respondent's name, email or phone unless asked."""
    table = export([personal_audit()], table="actions", today=TODAY)
    text = table.csv() + table.jsonl()
    for value in ("Alex", "alex", "example.org", "960123"):
        assert value not in text, value
    assert "[respondent]" in text
    asked = export([personal_audit()], table="actions", include_personal=True)
    assert "alex.example@example.org" in asked.csv()


def test_report_scrubs_names_with_odd_spaces() -> None:
    """A name written with a double or no-break space is still taken out of the report."""
    report = board_report([personal_audit()])
    for page in (report.html(), report.markdown()):
        assert "alex" not in page.casefold()
        assert "960123" not in page


def test_an_email_used_as_a_key_under_respondent_is_not_echoed(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An unknown key under respondent may itself be personal: it is not shown."""
    audit = lambeth()
    audit["respondent"]["alex.example@example.org"] = "yes"
    path = tmp_path / "key.json"
    path.write_text(json.dumps(audit), encoding="utf-8")
    for output in ("text", "json", "github", "junit", "sarif"):
        _code, out, err = run(["validate", "--format", output, path], capsys)
        assert "alex.example" not in out + err, output


# ---------------------------------------------------------------------- output injection


HOSTILE_TEXT = st.lists(
    st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Po", "Sm", "Lu", "Nd"])
    | st.sampled_from(["\x1b[31m", "\u202e", "<img src=x>", "# heading", "[x](javascript:1)",
                       "| a |", "\r\n::error::", "=HYPERLINK(\"x\")", "http://evil.example"]),
    min_size=1, max_size=12).map("".join)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v for _, v in attrs if v and "://" in v]


REGISTRY = Registry(environment=False)


@settings(max_examples=25)
@given(name=HOSTILE_TEXT, evidence=HOSTILE_TEXT, action=HOSTILE_TEXT)
def test_arbitrary_text_never_breaks_an_output(name: str, evidence: str, action: str) -> None:
    """Whatever text an audit holds, every output stays well formed: outputs for people
    (text, tables, Markdown, github, JUnit) hold no control or bidi character, Markdown
    holds no markup, HTML no new tag or link, CSV reads back with its rows, JSON parses."""
    audit = lambeth()
    audit["organisation"]["name"] = name
    audit["responses"]["1"]["working_well"] = evidence
    audit["responses"]["1"].setdefault("actions", []).append(
        {"action": action, "lead": "Head of Safeguarding", "due": "2026-06-30"})
    rows = compare([audit], include_drafts=True, registry=REGISTRY).to_rows()
    columns = ["key", "title", "audits", "mean", "lowest"]
    for shown in (text_table(rows, columns), markdown_table(rows, columns)):
        assert not {"\x1b", "\u202e"} & set(shown)
    pipes = [len(re.findall(r"(?<!\\)\|", line))
             for line in markdown_table(rows, columns).splitlines()]
    assert len(set(pipes)) == 1
    actions = export([audit], table="actions", include_drafts=True, registry=REGISTRY)
    assert len(list(csv.reader(io.StringIO(actions.csv())))) == 1 + len(actions.rows)
    report = board_report([audit], include_drafts=True, registry=REGISTRY)
    tags = _Tags()
    tags.feed(report.html())
    assert not {"script", "img"} & set(tags.tags)
    assert not tags.urls
    markdown = report.markdown()
    assert "<img" not in markdown
    assert not re.search(r"(?<!\\)\]\(", markdown)  # no link: every ] is escaped
    broken = copy.deepcopy(audit)
    broken["responses"]["1"]["rating"] = name
    found = validate(broken, registry=REGISTRY)
    for output in ("text", "github", "junit"):
        rendered = s11schema.formats.render([found], output)
        assert not {"\x1b", "\u202e", "\x85", "\u2028"} & set(rendered)
        if output != "junit":
            assert all(line.startswith(("<audit>", "::")) for line in rendered.splitlines())
    for output in ("json", "sarif"):
        json.loads(s11schema.formats.render([found], output))


# ---------------------------------------------------------------------- writes


def test_a_writer_that_lost_the_race_does_not_overwrite(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """If another writer takes the name after our check, we fail instead of replacing it."""
    target = tmp_path / "report.html"
    real = tempfile.mkstemp

    def mkstemp_then_race(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = real(*args, **kwargs)
        target.write_text("the other writer's report", encoding="utf-8")
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_race)
    with pytest.raises(WriteError, match="exists"):
        write_text(target, "ours")
    assert target.read_text(encoding="utf-8") == "the other writer's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_force_never_replaces_a_fifo_or_a_folder(tmp_path: Path) -> None:
    """--force replaces regular files only: a FIFO or a folder is refused and kept."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder):
        with pytest.raises(WriteError, match="it is"):
            write_text(target, "x", force=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert folder.is_dir()


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(
        mask: int, tmp_path: Path) -> None:
    """A new file is 0o666 less the umask; a file replaced with force keeps its mode."""
    old = os.umask(mask)
    try:
        target = tmp_path / "new.csv"
        write_text(target, "a\n")
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
        kept = tmp_path / "kept.csv"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        write_text(kept, "new", force=True)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


# ---------------------------------------------------------------------- look-alike ids


LOOK_ALIKES = [
    ("1.1", "1.1\u200b", "id-unicode"),     # zero-width space
    ("green", "gre\u202een", "id-unicode"),  # right-to-left override
    ("caf\u00e9", "cafe\u0301", "id-unicode"),  # NFD is refused...
    ("Amber", "amber", "duplicate-id"),        # ...and codes differing only in case clash
]


@pytest.mark.parametrize(("first", "second", "code"), LOOK_ALIKES)
def test_codes_that_look_alike(first: str, second: str, code: str) -> None:
    """Two codes a reviewer cannot tell apart are refused by lint."""
    result = lint_text(f"id: s\ntitle: S\nlevels:\n  - code: \"{first}\"\n    label: A\n"
                       f"    normalised: 0\n  - code: \"{second}\"\n    label: B\n"
                       "    normalised: 1\n")
    assert code in {f.code for f in result.errors}, result.findings


def test_nfc_and_nfd_forms_of_one_id_are_one_id() -> None:
    """Standard ids equal after normalisation are the same id: duplicate-id."""
    text = (ROOT / "standards" / "lambeth.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["id"] = "look-alike-template"
    standards = data["sections"][0]["standards"]
    standards[0]["id"] = "2\u00e9"
    standards.append({**copy.deepcopy(standards[0]), "id": "2e\u0301"})
    result = lint_text(yaml.safe_dump(data, allow_unicode=True))
    assert "duplicate-id" in {f.code for f in result.errors}


# ---------------------------------------------------------------------- silent skips


def test_an_upper_case_suffix_is_not_skipped(tmp_path: Path) -> None:
    """B.JSON in a folder is read like b.json."""
    (tmp_path / "B.JSON").write_text(LAMBETH.read_text(encoding="utf-8"), encoding="utf-8")
    assert [Path(r.file or "").name for r in s11schema.validate_many([tmp_path])] == ["B.JSON"]


@pytest.mark.parametrize("day", ["2026-W48-1", "20261130", "30/11/2026", "2026-11-31"])
def test_today_must_be_a_plain_date(day: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--today takes YYYY-MM-DD and nothing else: a usage error otherwise."""
    code, _out, err = run_argv(["validate", "--today", day, LAMBETH], capsys)
    assert code == 2
    assert "YYYY-MM-DD" in err


# ---------------------------------------------------------------------- YAML scalars anywhere


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


SCALARS = st.one_of(
    st.sampled_from([*TYPED_BUT_UNBUILDABLE, "~", "null", "yes", "no", "1.10", "[]", "{}", "''",
                     "'  '", "-1", "1/0", "2/3", "1e309", "!!python/x", "*alias", "&anchor x",
                     "|\n  block"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30).map(json.dumps),
)
BUNDLED_YAML = sorted([*ROOT.glob("standards/*.yaml"), *ROOT.glob("scales/*.yaml")])


@settings(max_examples=60)
@given(source=st.sampled_from(BUNDLED_YAML), data=st.data())
def test_any_scalar_in_any_key_gives_findings_not_exceptions(source: Path,
                                                             data: st.DataObject) -> None:
    """Replace the value at any place of a bundled template or scale with any YAML scalar:
    lint gives findings (or none), never an exception."""
    parsed = yaml.safe_load(source.read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(parsed)[1:]))
    scalar = data.draw(SCALARS)
    target = parsed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = "\x00PLACEHOLDER"
    text = yaml.safe_dump(parsed, allow_unicode=True, sort_keys=False).replace(
        "'\\0PLACEHOLDER'", scalar).replace('"\\0PLACEHOLDER"', scalar)
    with tempfile.TemporaryDirectory() as folder:
        edited = Path(folder) / source.name
        edited.write_text(text, encoding="utf-8")
        result = lint([edited])
        assert all(f.file == str(edited) for f in result.findings)
        Registry([folder], bundled=True, environment=False).broken()
