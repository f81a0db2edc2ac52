"""`new --from`, `translate`, and crosswalk files through `lint` and `schema`, as a user
runs them: exit codes, the summary on standard error, and files that validate."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from s11schema._cli import main
from s11schema._schema import shipped_schema_path

from ..conftest import DATA, EXAMPLES, ROOT

TEMPLATES = DATA / "templates"
RUSHCLIFFE = EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json"
LAMBETH = EXAMPLES / "lambeth" / "final.json"


@pytest.fixture(autouse=True)
def no_user_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs see only the bundle and the folders they name."""
    monkeypatch.delenv("S11SCHEMA_PATH", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, out.getvalue(), err


def test_new_from_writes_a_draft_that_validates(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    """`new --from` carries Rushcliffe's 2021 return onto the 2023 version: exit 0, the
    summary names what changed, what is new and what was dropped, and the file written
    validates (exit 0)."""
    draft = tmp_path / "draft.json"
    code, out, err = run(capsys, "new", "nottinghamshire-2023", "--path", TEMPLATES,
                         "--from", RUSHCLIFFE, "-o", draft)
    assert (code, out) == (0, "")
    lines = err.splitlines()
    assert lines[0].startswith("carried 23 answers from nottinghamshire-2021@2021 onto "
                               "nottinghamshire-2023@2023 (by the crosswalk ")
    assert "standards whose text changed (read them again): 1.2, 2.3, 2.4, 3.1" in lines
    assert "new standards to answer: 9.3" in lines
    assert ("standards of nottinghamshire-2021@2021 not carried (dropped, or mapped to "
            "nothing): 9.2") in lines
    assert f"wrote a draft for nottinghamshire-2023@2023 to {draft}" in lines
    assert run(capsys, "validate", "--path", TEMPLATES, draft)[0] == 0


def test_a_final_audit_with_a_mark_fails_validation(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    """Made final without confirming, the carried draft fails with carried-unconfirmed at
    each marked standard."""
    code, out, _ = run(capsys, "new", "nottinghamshire-2023", "--path", TEMPLATES, "--from",
                       RUSHCLIFFE)
    audit = json.loads(out)
    audit.update(status="final", completed_on="2023-06")
    path = tmp_path / "final.json"
    path.write_text(json.dumps(audit), encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--path", TEMPLATES, path)
    assert code == 1
    assert (f"{path}: /responses/1.1/carried: error carried-unconfirmed: the answer to 1.1 was "
            "carried from 'nottinghamshire-2021@2021' and is not confirmed (check the answer "
            "still holds, then delete 'carried')") in out.splitlines()


def test_personal_data_stays_out_of_the_summary_and_the_draft(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Without --include-personal the draft has no personal detail; with it, the draft has
    them, and the summary never does."""
    respondent = json.loads(LAMBETH.read_text("utf-8"))["respondent"]
    code, out, err = run(capsys, "new", "lambeth", "--from", LAMBETH)
    assert code == 0
    assert set(json.loads(out)["respondent"].values()) == {""}
    code, out, err = run(capsys, "new", "lambeth", "--from", LAMBETH, "--include-personal")
    assert json.loads(out)["respondent"] == respondent
    code, _, translated = run(capsys, "translate", LAMBETH, "--to", "buckinghamshire-2016",
                              "--include-personal")
    for value in respondent.values():
        if value != respondent["role"]:
            assert value not in err + translated


def test_translate_names_what_is_left_to_answer(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    """`translate --to` writes a draft of the other template that validates, and says what
    is left to answer."""
    draft = tmp_path / "sglos.json"
    code, _, err = run(capsys, "translate", LAMBETH, "--to", "south-gloucestershire-2019-20",
                       "-o", draft)
    assert code == 0
    assert err.splitlines()[0].startswith(
        "translated lambeth onto south-gloucestershire-2019-20@2019/20 by shared domains: "
        "answers carried to 17 standards")
    assert "left to answer: 6, 7, 8, 20" in err
    assert run(capsys, "validate", draft)[0] == 0


def test_translate_with_a_crosswalk(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--crosswalk FILE is followed, and named in the summary."""
    walk = tmp_path / "walk.yaml"
    walk.write_text('from: lambeth\nto: buckinghamshire-2016\nunmatched: domain\n'
                    'standards:\n  "1": "1"\n', encoding="utf-8")
    code, out, err = run(capsys, "translate", LAMBETH, "--to", "buckinghamshire-2016",
                         "--crosswalk", walk)
    assert code == 0
    assert f"by the crosswalk {walk}:" in err
    assert json.loads(out)["responses"]["1"]["carried"]["standards"] == ["1"]


@pytest.mark.parametrize(("argv", "code", "says"), [
    (["new", "lambeth", "--include-personal"], 2, "--include-personal needs --from"),
    (["new", "lambeth", "--from", "no-such-return.json"], 2, "no-such-return.json"),
    (["new", "no-such-template", "--from", str(LAMBETH)], 2, "unknown template"),
    (["translate", str(LAMBETH), "--to", "buckinghamshire-2061"], 2,
     "did you mean 'buckinghamshire-2016'?"),
    (["translate", str(LAMBETH)], 2, "the following arguments are required: --to"),
    (["translate", str(LAMBETH), "--to", "buckinghamshire-2016", "--crosswalk",
      str(DATA / "lint" / "crosswalk-standard-unknown.yaml")], 1,
     "crosswalk-standard-unknown.yaml:5:3: error crosswalk-standard-unknown"),
    (["translate", str(LAMBETH), "--to", "buckinghamshire-2016", "--path", str(TEMPLATES),
      "--crosswalk", str(TEMPLATES / "crosswalks" / "nottinghamshire-2021-to-2023.yaml")], 2,
     "maps nottinghamshire-2021 onto nottinghamshire-2023, not lambeth onto "
     "buckinghamshire-2016@2016"),
])
def test_what_cannot_be_done_exits_as_the_contract_says(
        argv: list[str], code: int, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Usage mistakes, unknown ids and missing files exit 2; a broken crosswalk exits 1 with
    its findings placed; never a traceback."""
    out = io.StringIO()
    try:
        got = main(argv, out=out)
    except SystemExit as stop:
        got = int(stop.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert got == code, err
    assert says in err


def test_lint_places_each_crosswalk_mistake(capsys: pytest.CaptureFixture[str]) -> None:
    """`lint` on the crosswalk fixtures exits 1 and places each at the line:column its first
    line names."""
    fixtures = sorted((DATA / "lint").glob("crosswalk-*.yaml"))
    code, out, _ = run(capsys, "lint", *fixtures)
    assert code == 1
    for fixture in fixtures:
        comment = fixture.read_text("utf-8").splitlines()[0]
        line, column = comment.rsplit("(line ", 1)[1].rstrip(").").split(", column ")
        assert f"{fixture}:{line}:{column}: error " in out, fixture.name


def test_schema_of_the_crosswalk_format(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema --format-of crosswalk` prints what the package ships, and --where says where."""
    code, out, _ = run(capsys, "schema", "--format-of", "crosswalk")
    assert code == 0
    assert json.loads(out) == json.loads(shipped_schema_path("crosswalk").read_text("utf-8"))
    code, out, _ = run(capsys, "schema", "--format-of", "crosswalk", "--where")
    assert out.strip() == str(shipped_schema_path("crosswalk"))


def test_the_installed_command_translates() -> None:
    """The real console entry point runs `translate` end to end."""
    result = subprocess.run(
        [sys.executable, "-m", "s11schema", "translate", str(EXAMPLES / "nottinghamshire-2021"
                                                             / "final.json"),
         "--to", "buckinghamshire-2016", "--no-guide"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    draft = json.loads(result.stdout)
    assert draft["template"] == "buckinghamshire-2016"
    assert not any("_guide" in r for r in draft["responses"].values())
    assert "left to answer" not in result.stderr  # everything Bucks asks is answered


def test_new_from_refuses_a_workbook_and_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    """A workbook has no place for the marks that ask for each carried answer to be
    confirmed, so `new --from --format xlsx` is a usage error (2) and no file is made."""
    target = tmp_path / "return.xlsx"
    code, out, err = run(capsys, "new", "nottinghamshire-2021", "--from", RUSHCLIFFE,
                         "--format", "xlsx", "-o", target)
    assert (code, out) == (2, "")
    assert "leave out --format xlsx" in err
    assert not target.exists()
