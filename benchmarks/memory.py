"""Peak memory of `s11schema validate` on one JSON Lines file of many audits.

Usage: python benchmarks/memory.py [--audits 100000] [--distinct 1000] [--seed 2026]

Writes N audits (the `--distinct` generated ones repeated, one in five breaking a
rule) to a temporary JSON Lines file, validates it in one `s11schema validate`
process, and prints that process's peak resident memory beside the peak of a
process that only imports s11schema: the difference is what validating costs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _machine import cpu_model  # benchmarks/, first on sys.path when run as a script

import s11schema
from s11schema import default_registry
from s11schema.testing import generate_audit, mutate


def peak_mib(command: list[str]) -> tuple[float, float, int]:
    """(peak resident MiB, wall seconds, exit code) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            check=False)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:  # ru_maxrss is the largest child so far: run the larger one last
        print("note: this child used less memory than an earlier one", file=sys.stderr)
    return peak / 1024, wall, result.returncode


def write_jsonl(path: Path, count: int, distinct: int, seed: int) -> int:
    template = default_registry().template("nottinghamshire-2021")
    rng = random.Random(seed)
    lines = []
    for index in range(distinct):
        audit = generate_audit(template, rng)
        if index % 5 == 0:
            _code, audit = mutate(audit, template, rng)
        lines.append(json.dumps(audit))
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(count):
            handle.write(lines[index % distinct] + "\n")
    return path.stat().st_size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--audits", type=int, default=100_000, metavar="N")
    parser.add_argument("--distinct", type=int, default=1000, metavar="D")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    print(f"Python {platform.python_implementation()} {platform.python_version()} on "
          f"{platform.platform()}; CPU: {cpu_model()}, {os.cpu_count()} logical CPUs; "
          f"s11schema {s11schema.__version__}")
    with tempfile.TemporaryDirectory(prefix="s11schema-memory-") as tmp:
        path = Path(tmp) / "audits.jsonl"
        size = write_jsonl(path, args.audits, max(1, args.distinct), args.seed)
        base, _, _ = peak_mib([sys.executable, "-c", "import s11schema.validate"])
        command = [sys.executable, "-m", "s11schema", "validate", "--today", "2026-01-01",
                   str(path)]
        peak, wall, code = peak_mib(command)
    print(f"{args.audits:,} audits in one JSON Lines file ({size / 1e6:.0f} MB)")
    print(f"peak resident memory: validate {peak:.1f} MiB; import only {base:.1f} MiB; "
          f"validating adds {peak - base:.1f} MiB ({peak / base:.2f}x the import alone)")
    print(f"wall time {wall:.1f} s; exit {code} (1: the faulty audits were found)")
    return 0 if code in (0, 1) else 1


if __name__ == "__main__":
    raise SystemExit(main())
