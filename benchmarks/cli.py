"""Wall time of whole `s11schema` processes, against check-jsonschema on the same files.

    python benchmarks/cli.py [--files N] [--runs R] [--seed S] [--template ID]

Writes N audit files (the generator of benchmarks/validate.py: every fifth one
with one fault) and the exported audit schema into a temporary folder, then
times whole processes (median of R runs after one warm-up):

* `s11schema validate FOLDER` (one call for every file) against
  `check-jsonschema --schemafile schema.json FILE...` on the same files;
* the start-up case: one file with each tool;
* `s11schema --version`, and `python -c "import s11schema[.validate]"`;

and the import time of `s11schema.validate` from `python -X importtime`.
Every time is also given as a ratio to `python -c pass` (interpreter start-up)
measured in the same run. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _machine import cpu_model  # benchmarks/, first on sys.path when run as a script

import s11schema
from s11schema import Template, default_registry
from s11schema._schema import audit_schema
from s11schema.testing import generate_audit, mutate

TODAY = "2026-01-01"
FAULT_EVERY = 5
IMPORT_RUNS = 5
SKIPPED = "skipped (pip install s11schema[bench])"
#: Exit codes of both tools: 0 clean, 1 problems found, 2 usage error or unreadable input.
EXPECTED_EXITS = (0, 1, 2)


class CrashError(RuntimeError):
    """A timed process exited with a code neither tool uses."""


@dataclass
class Timing:
    label: str
    argv: list[str]
    times: list[float] = field(default_factory=list)
    exit_code: int = 0
    stderr_tail: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def child_env(root: Path) -> dict[str, str]:
    """The environment of the timed processes: a private, writable bytecode cache, and a
    private cache of the templates' plans.

    Installed packages start from cached bytecode; an editable install under
    PYTHONDONTWRITEBYTECODE would compile s11schema's source in every process.
    A cache in the temporary folder, filled by the warm-up runs, times every
    tool as installed, whatever the environment, and writes nothing elsewhere.
    s11schema's plans are cached the same way, as a user's are after their first
    run; the `--no-cache` rows time the run that makes them.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "S11SCHEMA_NO_CACHE")}
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    env["S11SCHEMA_CACHE_DIR"] = str(root / "plans")
    return env


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds of wall time, exit code and the last line of stderr of one process."""
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode not in EXPECTED_EXITS:
        raise CrashError(f"{' '.join(argv[:4])}... exited with {proc.returncode}:\n{stderr}")
    return elapsed, proc.returncode, stderr.splitlines()[-1] if stderr else ""


def time_command(label: str, argv: list[str], cwd: Path, env: dict[str, str],
                 runs: int) -> Timing:
    timing = Timing(label, argv)
    # The warm-up fills the disk and bytecode caches.
    _, timing.exit_code, timing.stderr_tail = run_once(argv, cwd, env)
    for _ in range(runs):
        elapsed, code, _tail = run_once(argv, cwd, env)
        timing.times.append(elapsed)
        if code != timing.exit_code:
            raise CrashError(f"{label}: exit code changed from {timing.exit_code} to {code}")
    return timing


def tool(name: str) -> str | None:
    """The console script next to this interpreter, else the one on PATH."""
    sibling = Path(sys.executable).parent / name
    if sibling.is_file() and os.access(sibling, os.X_OK):
        return str(sibling)
    return shutil.which(name)


# ---------------------------------------------------------------- import time

_IMPORTTIME = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


@dataclass
class ImportTimes:
    """Median milliseconds over several `python -X importtime` runs."""

    total: float  # `from s11schema import validate`, everything it loads
    package: float  # the package's __init__, with everything it imports
    submodule: float  # `s11schema.validate`, with what it imports that was not yet loaded
    heaviest: list[tuple[str, float]]  # other packages imported by s11schema modules


@dataclass
class _Entry:
    depth: int
    name: str
    cumulative: int  # µs
    parent: str | None = None


def _parse_importtime(stderr: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for line in stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match:
            entries.append(_Entry(len(match.group(3)) // 2, match.group(4),
                                  int(match.group(2))))
    ancestors: list[str] = []
    for entry in reversed(entries):  # a parent is printed after its children
        del ancestors[entry.depth:]
        entry.parent = ancestors[-1] if ancestors else None
        ancestors.append(entry.name)
    return entries


def _ours(name: str | None) -> bool:
    return name is not None and name.split(".")[0] == "s11schema"


def _import_figures(entries: list[_Entry]) -> dict[str, float]:
    """Milliseconds: "total", "package", "submodule", and "uses:NAME" per third-party root."""
    total = sum(e.cumulative for e in entries if e.depth == 0 and _ours(e.name))
    package = max((e.cumulative for e in entries if e.name == "s11schema"), default=0)
    nested = [e.cumulative for e in entries if e.name == "s11schema._validate" and e.depth]
    # `s11schema.validate` is loaded either inside the package's __init__ or after it.
    submodule = max(nested) if nested else total - package
    figures = {"total": total / 1e3, "package": package / 1e3, "submodule": submodule / 1e3}
    for e in entries:
        if _ours(e.parent) and not _ours(e.name):
            key = "uses:" + e.name.split(".")[0]
            figures[key] = figures.get(key, 0.0) + e.cumulative / 1e3
    return figures


def import_times(python: str, cwd: Path, env: dict[str, str]) -> ImportTimes:
    runs: list[dict[str, float]] = []
    for _ in range(IMPORT_RUNS):
        proc = subprocess.run([python, "-X", "importtime", "-c", "from s11schema import validate"],
                              cwd=cwd, env=env, capture_output=True, text=True, check=True)
        runs.append(_import_figures(_parse_importtime(proc.stderr)))

    def median(key: str) -> float:
        return statistics.median(run.get(key, 0.0) for run in runs)

    uses = {key for run in runs for key in run if key.startswith("uses:")}
    heaviest = sorted(((key[5:], median(key)) for key in uses), key=lambda p: -p[1])[:6]
    return ImportTimes(median("total"), median("package"), median("submodule"), heaviest)


# ---------------------------------------------------------------- files



def write_audits(folder: Path, template: Template, count: int, seed: int) -> tuple[int, int]:
    """`count` audit files; returns (faulty files, total bytes)."""
    rng = random.Random(seed)
    registry = default_registry()
    faulty = size = 0
    width = len(str(count - 1))
    for index in range(count):
        audit: dict[str, Any] = generate_audit(template, rng, registry=registry)
        if index % FAULT_EVERY == FAULT_EVERY - 1:
            _code, audit = mutate(audit, template, rng)
            faulty += 1
        data = json.dumps(audit).encode()
        (folder / f"audit-{index:0{width}d}.json").write_bytes(data)
        size += len(data)
    return faulty, size


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=1000, metavar="N",
                        help="audit files to write (default 1000)")
    parser.add_argument("--runs", type=int, default=5, metavar="R",
                        help="timed runs of each command after one warm-up; the median is "
                             "reported (default 5)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (default 2026)")
    parser.add_argument("--template", default="nottinghamshire-2021", metavar="ID",
                        help="template id (default nottinghamshire-2021)")
    args = parser.parse_args(argv)
    if args.files < 2 or args.runs < 1:
        parser.error("--files must be at least 2 and --runs at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    python = sys.executable
    s11 = tool("s11schema")
    s11_argv = [s11] if s11 else [python, "-m", "s11schema"]
    checker = tool("check-jsonschema")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {platform.python_implementation()} {platform.python_version()} on "
          f"{platform.platform()}")
    print(f"CPU: {cpu_model()}, {os.cpu_count()} logical CPUs (load average {load:.2f}); "
          f"s11schema {s11schema.__version__}")
    cpus = os.cpu_count() or 1
    if load > cpus / 2:
        print(f"warning: the machine is busy (load average {load:.1f} on {cpus} CPUs): "
              "the timings are noisy")
    template = default_registry().template(args.template)

    with tempfile.TemporaryDirectory(prefix="s11schema-bench-") as tmp:
        root = Path(tmp)
        audits = root / "audits"
        audits.mkdir()
        faulty, size = write_audits(audits, template, args.files, args.seed)
        env = child_env(root)
        (root / "schema.json").write_text(json.dumps(audit_schema(template), indent=2),
                                          encoding="utf-8")
        files = sorted(p.name for p in audits.iterdir())
        one = files[0]  # a valid audit
        print(f"{args.files} audit files ({args.files - faulty} valid, {faulty} with one fault; "
              f"template {template.id}, seed {args.seed}; {size / 1e6:.1f} MB) and the "
              f"exported schema in {root}")
        print(f"median wall time of {args.runs} runs after one warm-up "
              f"(python -c lines: {IMPORT_RUNS} runs); reference: python -c pass; "
              "bytecode and plan caches: private, filled by the warm-ups")
        print()

        validate = [*s11_argv, "validate", "--today", TODAY]
        schemafile = ["--schemafile", str(root / "schema.json")]
        n = args.files
        plan: list[tuple[str, str, list[str] | None]] = [
            ("python", "python -c pass", [python, "-c", "pass"]),
            ("import", "python -c 'import s11schema'", [python, "-c", "import s11schema"]),
            ("import.validate", "python -c 'import s11schema.validate'",
             [python, "-c", "from s11schema import validate"]),
            ("version", "s11schema --version", [*s11_argv, "--version"]),
            ("s11.one", "s11schema validate one.json", [*validate, one]),
            ("s11.one.nocache", "s11schema validate --no-cache one.json",
             [*validate, "--no-cache", one]),
            ("cj.one", "check-jsonschema --schemafile schema.json one.json",
             [checker, *schemafile, one] if checker else None),
            ("s11.all", f"s11schema validate FOLDER ({n} files)", [*validate, str(audits)]),
            ("s11.all.nocache", f"s11schema validate --no-cache FOLDER ({n} files)",
             [*validate, "--no-cache", str(audits)]),
            ("cj.all", f"check-jsonschema --schemafile schema.json FILE... ({n} files)",
             [checker, *schemafile, *files] if checker else None),
        ]
        timings: dict[str, Timing] = {}
        for key, label, command in plan:
            if command is not None:
                runs = IMPORT_RUNS if key.startswith(("python", "import")) else args.runs
                timings[key] = time_command(label, command, audits, env, runs)
        imports = import_times(python, audits, env)

    floor = timings["python"].median
    print(f"{'command':<66} {'median s':>9} {'x python -c pass':>17} {'exit':>5}")
    for key, label, _command in plan:
        if key not in timings:
            print(f"{label:<66} {SKIPPED}")
            continue
        t = timings[key]
        print(f"{label:<66} {t.median:>9.3f} {t.median / floor:>16.1f}x {t.exit_code:>5}")
    print()
    s11_all = timings["s11.all"]
    print(f"s11schema validate FOLDER said: {s11_all.stderr_tail} (exit 1 = faulty audits found, "
          "as expected)")
    for key, name in (("import", "import s11schema"),
                      ("import.validate", "from s11schema import validate")):
        print(f"{name}: {(timings[key].median - floor) * 1e3:.0f} ms over python -c pass")
    print(f"python -X importtime -c 'import s11schema.validate': {imports.total:.0f} ms "
          f"cumulative: the package's __init__ {imports.package:.0f} ms, the module "
          f"s11schema.validate {imports.submodule:.0f} ms (each with what it imports first)")
    print("  largest imports made by s11schema modules (cumulative ms): " +
          ", ".join(f"{name} {ms:.0f}" for name, ms in imports.heaviest))
    print()
    per_file = {
        key: (timings[f"{key}.all"].median - timings[f"{key}.one"].median) / (n - 1)
        for key in ("s11", "cj") if f"{key}.all" in timings
    }
    print(f"s11schema per extra file: {per_file['s11'] * 1e3:.2f} ms")
    if checker is None:
        print(f"check-jsonschema comparisons: {SKIPPED}")
        return 0
    print(f"check-jsonschema per extra file: {per_file['cj'] * 1e3:.2f} ms "
          f"({per_file['cj'] / per_file['s11']:.2f}x s11schema's)")
    for case, what in (("one", "start-up, one file"), ("all", f"{n} files, one call each"),
                       ("one.nocache", "start-up, one file, plans not cached"),
                       ("all.nocache", f"{n} files, plans not cached")):
        ratio = timings[f"cj.{case.split('.')[0]}"].median / timings[f"s11.{case}"].median
        word = "faster" if ratio >= 1 else "slower"
        print(f"{what}: check-jsonschema / s11schema = {ratio:.2f} "
              f"(s11schema is {max(ratio, 1 / ratio):.1f}x {word})")
    print("check-jsonschema checks the JSON Schema only (structure); s11schema also checks "
          "every rule JSON Schema cannot express.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
