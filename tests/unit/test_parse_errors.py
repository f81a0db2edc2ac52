"""The one table of parser exceptions: each row gives its code, whichever layer raises it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import yaml

from s11schema import _yaml
from s11schema._errors import BadConstantError, UnreadableError
from s11schema._json import parse_json
from s11schema._parse_errors import TABLE, explain
from s11schema._yaml import load_yaml


def _raised(action: Callable[[], object]) -> BaseException:
    try:
        action()
    except BaseException as error:
        return error
    raise AssertionError("nothing was raised")


def _yaml_events(text: str, loader: type = yaml.SafeLoader) -> Callable[[], object]:
    return lambda: list(yaml.parse(text, Loader=loader))


#: One real exception per row of the table, and the code it must give.
CASES: list[tuple[str, Callable[[], BaseException], str]] = [
    ("libyaml nesting limit", lambda: yaml.scanner.ScannerError(
        "while increasing flow level", None, "exceeded maximum nesting depth", None),
     "file-too-deep"),
    ("character YAML refuses", lambda: _raised(_yaml_events("a: \x07")), "yaml-syntax"),
    ("lone surrogate", lambda: _raised(lambda: "\ud800".encode()), "file-encoding"),
    ("YAML syntax", lambda: _raised(_yaml_events("a: [1, 2")), "yaml-syntax"),
    ("unmarked YAML error", lambda: yaml.YAMLError("broken"), "yaml-syntax"),
    ("recursion", lambda: RecursionError("maximum recursion depth exceeded"), "file-too-deep"),
    ("JSON syntax", lambda: _raised(lambda: json.loads("{")), "json-syntax"),
    ("JSON of blanks", lambda: _raised(lambda: json.loads("  ")), "file-empty"),
    ("NaN", lambda: BadConstantError("NaN"), "json-syntax"),
    ("huge integer", lambda: _raised(lambda: int("9" * 5000)), "json-syntax"),
    ("out of memory", lambda: MemoryError(), "file-too-large"),
    ("operating system", lambda: _raised(lambda: open("/nonexistent/x")), "file-unreadable"),  # noqa: SIM115
]


@pytest.mark.parametrize(("name", "make", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_row_gives_its_code(name: str, make: Callable[[], BaseException], code: str) -> None:
    """A real exception of each kind the parsers raise maps to the code of its row."""
    assert explain(make(), "  " if name == "JSON of blanks" else "a: b").code.code == code


def test_every_row_is_exercised() -> None:
    """Every row of the table is reached by at least one case above (no dead rows)."""
    reached = set()
    for name, make, _code in CASES:
        error = make()
        text = "  " if name == "JSON of blanks" else "a: b"
        for index, (kind, needle, _build) in enumerate(TABLE):
            if isinstance(error, kind) and (needle is None or needle in str(error)):
                reached.add(index)
                break
        explain(error, text)
    assert reached == set(range(len(TABLE)))


def test_unknown_exceptions_are_not_swallowed() -> None:
    """An exception the table does not name is a bug, and is raised as it was."""
    with pytest.raises(KeyError):
        explain(KeyError("x"))


@pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader],
                         ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("text", ["[" * 100_000, "[" * 2000 + "]" * 2000,
                                  "".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200
                                  + "v: 1\n"])
def test_deep_yaml_is_too_deep_whichever_parser_notices(loader: type, text: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Deep nesting is file-too-deep with libyaml (which has its own limit) and without it."""
    monkeypatch.setattr(_yaml, "_YamlLoader", loader)
    with pytest.raises(UnreadableError) as caught:
        load_yaml("deep.yaml", text=text)
    assert [f.code for f in caught.value.findings] == ["file-too-deep"]


def test_deep_json_is_too_deep() -> None:
    """JSON nested beyond what the parser allows is file-too-deep, never RecursionError."""
    with pytest.raises(UnreadableError) as caught:
        parse_json("[" * 100_000 + "]" * 100_000)
    assert [f.code for f in caught.value.findings] == ["file-too-deep"]
