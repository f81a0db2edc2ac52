"""Peak memory and time per audit of whole commands, at a small and a large number of audits.

Usage: python benchmarks/memory.py [--small 1000] [--large 100000] [--distinct 500]
                                   [--commands validate,compare,export,report,...]

Writes two JSON Lines files of final audits for every bundled template (the
`--distinct` generated ones repeated under new organisation names, so each line is
its own organisation's return; one in five breaks a rule), and two more in which each
organisation sends one return in 2023/24 and one in 2025/26 for the commands that
compare cycles (`compare-cycles`, `report-since`), runs each command on
each file in one process (`--jobs 1`), and prints its peak resident memory and its
time per audit: the wall time less that of the same command on one audit (start-up),
over the audits beyond the first. The ratio of the large file's time per audit to the
small file's says whether the command is linear (1.0); the peak beside that of a
process that only imports s11schema says what holding the audits costs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from _machine import cpu_model  # benchmarks/, first on sys.path when run as a script

import s11schema
from s11schema import default_registry
from s11schema.testing import generate_audit, mutate

TODAY = "2026-01-01"
TEMPLATES = ("nottinghamshire-2021", "buckinghamshire-2016", "lambeth",
             "south-gloucestershire-2019-20")
COMMANDS = {
    "validate": ["validate"],
    "compare": ["compare"],
    "export": ["export", "--table", "scores"],
    "report": ["report", "--format", "markdown"],
    "compare-cycles": ["compare", "--cycles", "2023/24", "2025/26"],
    "report-since": ["report", "--format", "markdown", "--since", "2023/24"],
}
#: The commands that compare two cycles, and a completion day in each of those cycles.
OVER_CYCLES = {"compare-cycles", "report-since"}
CYCLES = (("2023/24", "2023-10-02"), ("2025/26", "2025-10-01"))


def run(command: list[str]) -> tuple[float, float, int]:
    """(peak resident MiB, wall seconds, exit code) of one child process, run alone: the
    command is wrapped so that its own peak is read, not the largest child's so far."""
    probe = ("import resource, subprocess, sys, time; s = time.perf_counter(); "
             "c = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
             "w = time.perf_counter() - s; "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, w, c)")
    result = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True,
                            text=True, check=True)
    peak, wall, code = result.stdout.split()
    return int(peak) / 1024, float(wall), int(code)


def write_jsonl(path: Path, count: int, distinct: int, seed: int, *,
                cycles: bool = False) -> int:
    """`count` final audits, cycling through the templates, each its own organisation; with
    `cycles`, each organisation's two (one in each of `CYCLES`), one after the other."""
    registry = default_registry()
    rng = random.Random(seed)
    lines: list[dict[str, object]] = []
    for index in range(distinct):
        template = registry.template(TEMPLATES[index % len(TEMPLATES)])
        audit = generate_audit(template, rng, status="final")
        if index % 5 == 0:
            _code, audit = mutate(audit, template, rng)
        lines.append(audit)
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(count):
            audit = lines[index % distinct]
            sender = index // 2 if cycles else index
            if cycles:
                cycle, completed_on = CYCLES[index % 2]
                audit = {**audit, "cycle": cycle, "completed_on": completed_on}
            organisation = audit.get("organisation")
            if isinstance(organisation, dict):
                audit = {**audit, "organisation": {**organisation,
                                                   "name": f"Organisation {sender}"}}
            handle.write(json.dumps(audit) + "\n")
    return path.stat().st_size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--small", type=int, default=1_000, metavar="N")
    parser.add_argument("--large", type=int, default=100_000, metavar="N")
    parser.add_argument("--distinct", type=int, default=500, metavar="D")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--commands", default=",".join(COMMANDS),
                        help="which of " + ", ".join(COMMANDS))
    args = parser.parse_args(argv)
    print(f"Python {platform.python_implementation()} {platform.python_version()} on "
          f"{platform.platform()}; CPU: {cpu_model()}, {os.cpu_count()} logical CPUs; "
          f"load {os.getloadavg()[0]:.1f}; s11schema {s11schema.__version__}")
    base, _, _ = run([sys.executable, "-c", "import s11schema; s11schema.default_registry()"])
    print(f"a process that imports s11schema and loads the templates: {base:.1f} MiB")
    print(f"{'command':<14} {'audits':>8} {'peak MiB':>9} {'ms/audit':>9} {'vs small':>9}")
    with tempfile.TemporaryDirectory(prefix="s11schema-memory-") as tmp:
        # validate's plans go to a cache of this run's own, filled by the start-up row
        os.environ["S11SCHEMA_CACHE_DIR"] = str(Path(tmp) / "plans")
        names = args.commands.split(",")
        files: dict[bool, dict[int, Path]] = {}
        for cycles in sorted({name in OVER_CYCLES for name in names}):
            files[cycles] = {}
            for count in (1, args.small, args.large):
                path = files[cycles][count] = Path(tmp) / f"{count}{'-cycles' * cycles}.jsonl"
                write_jsonl(path, count, max(1, args.distinct), args.seed, cycles=cycles)
        for name in names:
            walls: dict[int, float] = {}
            for count, path in files[name in OVER_CYCLES].items():
                command = [sys.executable, "-m", "s11schema", *COMMANDS[name], str(path),
                           "--today", TODAY, "--jobs", "1", "--quiet"]
                peak, walls[count], code = run(command)
                failed = "" if code in (0, 1) else f"  exit {code}"
                if count == 1:
                    print(f"{name:<14} {'start-up':>8} {peak:>9.1f} "
                          f"{walls[1] * 1000:>9.1f}{failed}")
                    continue
                per_audit = (walls[count] - walls[1]) / (count - 1) * 1000
                small = (walls[args.small] - walls[1]) / (args.small - 1) * 1000
                print(f"{name:<14} {count:>8} {peak:>9.1f} {per_audit:>9.3f} "
                      f"{per_audit / small:>8.2f}x{failed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
