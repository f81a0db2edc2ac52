"""Throughput of s11schema's validation against JSON parsing and other validators.

    python benchmarks/validate.py [--audits N] [--seed S] [--repeat R] [--template ID] [--json]

One run generates N audits with `s11schema.testing` (every fifth one broken by
`mutate`), serialises each to JSON text once, and times, on the same texts:
json.loads alone (the floor), jsonschema and fastjsonschema with the exported
audit schema (parse included), a plain pydantic v2 model (`model_validate_json`),
and `s11schema.validate.validate(text)` (parse, structure, every rule, SMART
checks, timescales). Each figure is the median over R repetitions of the whole
batch; every time is also given as a ratio to json.loads measured in the same
run, since absolute figures depend on the machine. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from _machine import cpu_model  # benchmarks/, first on sys.path when run as a script
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

import s11schema
from s11schema import Template, default_registry
from s11schema._schema import audit_schema
from s11schema._validate import validate
from s11schema.testing import generate_audit, mutate

#: The date every audit is checked against, so that runs are reproducible.
TODAY = date(2026, 1, 1)
#: jsonschema is slow: it is timed on at most this many documents, scaled per audit.
JSONSCHEMA_LIMIT = 1000
#: Every FAULT_EVERY-th audit is broken by `mutate` (20 %).
FAULT_EVERY = 5
SKIPPED = "skipped (pip install s11schema[bench])"

#: A batch runner: validates every text and returns how many it rejected.
Runner = Callable[[Sequence[str]], int]


# ---------------------------------------------------------------- pydantic baseline


class Action(BaseModel):
    action: str | None = None
    lead: str | None = None
    due: str | None = None
    measure: str | None = None


class Response(BaseModel):
    rating: str | int | None = None
    evidence: str | None = None
    actions: list[Action] | None = None


class AuditModel(BaseModel):
    """A plain model of the audit shape: types only, no cross-field rules."""

    template: str
    status: str
    organisation: dict[str, Any]
    responses: dict[str, Response]


# ---------------------------------------------------------------- the methods


def _json_loads(texts: Sequence[str]) -> int:
    loads = json.loads
    for text in texts:
        loads(text)
    return 0


def _jsonschema_runner(schema: dict[str, Any]) -> Runner:
    Draft202012Validator.check_schema(schema)
    iter_errors = Draft202012Validator(schema).iter_errors

    def run(texts: Sequence[str]) -> int:
        loads = json.loads
        rejected = 0
        for text in texts:
            if list(iter_errors(loads(text))):
                rejected += 1
        return rejected

    return run


def _fastjsonschema_runner(schema: dict[str, Any]) -> Runner | None:
    try:
        import fastjsonschema
    except ImportError:
        return None
    # fastjsonschema knows drafts 4 to 2019-09; a 2020-12 `$schema` gets its 2019-09
    # generator, which covers every keyword the audit schema uses.
    check = fastjsonschema.compile(schema)
    fault = fastjsonschema.JsonSchemaValueException

    def run(texts: Sequence[str]) -> int:
        loads = json.loads
        rejected = 0
        for text in texts:
            try:
                check(loads(text))
            except fault:
                rejected += 1
        return rejected

    return run


def _pydantic(texts: Sequence[str]) -> int:
    parse = AuditModel.model_validate_json
    rejected = 0
    for text in texts:
        try:
            parse(text)
        except ValidationError:
            rejected += 1
    return rejected


def _s11schema(texts: Sequence[str]) -> int:
    rejected = 0
    for text in texts:
        if not validate(text, today=TODAY).ok:
            rejected += 1
    return rejected


@dataclass
class Method:
    key: str
    label: str
    run: Runner
    texts: Sequence[str]
    times: list[float] = field(default_factory=list)
    rejected: int = 0

    @property
    def median(self) -> float:
        """Median seconds per audit."""
        return statistics.median(self.times) / len(self.texts)

    @property
    def spread(self) -> float:
        """(slowest - fastest) / median, over the repetitions."""
        return (max(self.times) - min(self.times)) / statistics.median(self.times)


# ---------------------------------------------------------------- corpus


@dataclass
class Corpus:
    texts: list[str]
    expected: list[str | None]  # None: valid; else the rule code the fault breaks


def build_corpus(template: Template, count: int, seed: int) -> Corpus:
    """`count` audits as JSON text: valid ones, and every fifth with one fault."""
    rng = random.Random(seed)
    registry = default_registry()
    texts: list[str] = []
    expected: list[str | None] = []
    for index in range(count):
        audit = generate_audit(template, rng, registry=registry)
        code: str | None = None
        if index % FAULT_EVERY == FAULT_EVERY - 1:
            code, audit = mutate(audit, template, rng)
        texts.append(json.dumps(audit))
        expected.append(code)
    return Corpus(texts, expected)


@dataclass
class Verdicts:
    valid: int = 0
    valid_without_errors: int = 0
    valid_without_findings: int = 0
    faulty: int = 0
    faulty_with_errors: int = 0
    #: Faulty audits whose broken rule was reported (as an error or, where the
    #: template makes it one, as a warning).
    faulty_rule_found: int = 0
    #: Rule codes that this template reports as warnings, not errors.
    warning_codes: set[str] = field(default_factory=set)
    wrong: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.valid == self.valid_without_errors and self.faulty == self.faulty_rule_found

    @property
    def faulty_warning_only(self) -> int:
        return self.faulty - self.faulty_with_errors


def check_verdicts(corpus: Corpus) -> Verdicts:
    """s11schema must find no errors in a valid audit, and the broken rule in a faulty one.

    A broken rule is an error unless the template lowers it to a warning (for
    example `smart: warning`); such an audit is reported, but not rejected.
    """
    verdicts = Verdicts()
    for index, (text, code) in enumerate(zip(corpus.texts, corpus.expected, strict=True)):
        report = validate(text, today=TODAY)
        if code is None:
            verdicts.valid += 1
            verdicts.valid_without_errors += report.ok
            verdicts.valid_without_findings += not report.findings
            if not report.ok and len(verdicts.wrong) < 5:
                codes = sorted({f.code for f in report.errors})
                verdicts.wrong.append(f"audit {index} (valid): errors {codes}")
            continue
        verdicts.faulty += 1
        verdicts.faulty_with_errors += not report.ok
        found = [f for f in report.findings if f.code == code]
        verdicts.faulty_rule_found += bool(found)
        if found and report.ok:
            verdicts.warning_codes.add(code)
        if not found and len(verdicts.wrong) < 5:
            codes = sorted({f.code for f in report.findings})
            verdicts.wrong.append(f"audit {index} (breaks {code}): findings {codes}")
    return verdicts


# ---------------------------------------------------------------- environment



def environment() -> dict[str, Any]:
    return {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "s11schema": s11schema.__version__,
    }


# ---------------------------------------------------------------- running


def _time(run: Runner, texts: Sequence[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    run(texts)
    return time.perf_counter() - start


def measure(methods: list[Method], repeat: int) -> None:
    """One untimed pass each (warm-up, and the rejected counts), then `repeat` timed ones."""
    for method in methods:
        method.rejected = method.run(method.texts)
    for _ in range(repeat):
        for method in methods:  # interleaved, so that drift hits every method alike
            method.times.append(_time(method.run, method.texts))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--audits", type=int, default=10_000, metavar="N",
                        help="audits to generate (default 10 000)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (default 2026)")
    parser.add_argument("--repeat", type=int, default=5, metavar="R",
                        help="timed repetitions of each batch; the median is reported "
                             "(default 5)")
    parser.add_argument("--template", default="nottinghamshire-2021", metavar="ID",
                        help="template id (default nottinghamshire-2021)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.audits < 1 or args.repeat < 1:
        parser.error("--audits and --repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = environment()
    template = default_registry().template(args.template)
    schema = audit_schema(template)

    def say(text: str) -> None:
        if not args.json:
            print(text)

    say(f"Python {env['python']} on {env['platform']}")
    load = env["load_average"]
    say(f"CPU: {env['cpu']}, {env['cpu_count']} logical CPUs"
        f"{f' (load average {load:.2f})' if load is not None else ''}; "
        f"s11schema {env['s11schema']}")
    cpus = env["cpu_count"] or 1
    if load is not None and load > cpus / 2:
        say(f"warning: the machine is busy (load average {load:.1f} on {cpus} CPUs): the "
            "timings are noisy; see the spread column")

    started = time.perf_counter()
    corpus = build_corpus(template, args.audits, args.seed)
    texts = corpus.texts
    mean_size = sum(len(t.encode()) for t in texts) / len(texts)
    faulty = sum(code is not None for code in corpus.expected)
    say(f"template {template.id} ({len(template.standard_ids)} standards); {len(texts)} audits "
        f"(seed {args.seed}): {len(texts) - faulty} valid, {faulty} with one fault; "
        f"mean {mean_size / 1000:.1f} kB of JSON; generated in "
        f"{time.perf_counter() - started:.1f} s")

    verdicts = check_verdicts(corpus)
    say(f"s11schema verdicts (today={TODAY}): {verdicts.valid_without_errors}/{verdicts.valid} "
        f"valid audits have no errors ({verdicts.valid_without_findings} no findings at all); "
        f"{verdicts.faulty_rule_found}/{verdicts.faulty} faulty audits have their broken rule "
        f"reported, {verdicts.faulty_with_errors} of them as errors")
    if verdicts.warning_codes:
        say(f"  the other {verdicts.faulty_warning_only} break a rule this template makes a "
            f"warning ({', '.join(sorted(verdicts.warning_codes))}): reported, not rejected")
    if not verdicts.ok:
        for line in verdicts.wrong:
            print(f"  unexpected verdict: {line}", file=sys.stderr)
        print("benchmarks/validate.py: s11schema's verdicts do not match the generator's; "
              "the timings would not measure the intended work", file=sys.stderr)
        return 1

    subset = texts[:JSONSCHEMA_LIMIT]
    methods = [Method("json.loads", "json.loads (floor)", _json_loads, texts),
               Method("jsonschema", "jsonschema Draft202012Validator",
                      _jsonschema_runner(schema), subset)]
    fast = _fastjsonschema_runner(schema)
    if fast is not None:
        methods.append(Method("fastjsonschema", "fastjsonschema.compile", fast, texts))
    methods += [Method("pydantic", "pydantic model_validate_json", _pydantic, texts),
                Method("s11schema", "s11schema validate", _s11schema, texts)]
    measure(methods, args.repeat)

    by_key = {m.key: m for m in methods}
    floor = by_key["json.loads"].median
    ours = by_key["s11schema"].median
    speedup = {f"over_{key}": by_key[key].median / ours if key in by_key else None
               for key in ("jsonschema", "fastjsonschema")}

    if args.json:
        print(json.dumps({
            "environment": env,
            "config": {"audits": len(texts), "seed": args.seed, "repeat": args.repeat,
                       "template": template.id, "standards": len(template.standard_ids),
                       "today": TODAY.isoformat(), "mean_json_bytes": round(mean_size),
                       "jsonschema_documents": len(subset)},
            "verdicts": {"valid": verdicts.valid,
                         "valid_without_errors": verdicts.valid_without_errors,
                         "valid_without_findings": verdicts.valid_without_findings,
                         "faulty": verdicts.faulty,
                         "faulty_rule_reported": verdicts.faulty_rule_found,
                         "faulty_with_errors": verdicts.faulty_with_errors,
                         "warning_only_codes": sorted(verdicts.warning_codes)},
            "methods": [{"method": m.key, "documents": len(m.texts),
                         "scaled": len(m.texts) < len(texts),
                         "audits_per_second": 1 / m.median,
                         "us_per_audit": m.median * 1e6,
                         "x_json_loads": m.median / floor,
                         "rejected": m.rejected,
                         "batch_seconds": m.times} for m in methods],
            "fastjsonschema": "measured" if fast is not None else SKIPPED,
            "s11schema_speedup": speedup,
        }, indent=2))
        return 0

    print(f"median of {args.repeat} repetitions of the whole batch; parse included everywhere")
    print()
    print(f"{'method':<32} {'docs':>6} {'audits/s':>10} {'µs/audit':>9} {'vs json.loads':>17} "
          f"{'spread':>7} {'rejected':>9}")
    for m in methods:
        print(f"{m.label:<32} {len(m.texts):>6} {1 / m.median:>10,.0f} {m.median * 1e6:>9,.1f} "
              f"{m.median / floor:>6.1f}x json.loads {m.spread:>6.0%} {m.rejected:>9}")
    if fast is None:
        print(f"{'fastjsonschema.compile':<32} {SKIPPED}")
    print()
    if len(subset) < len(texts):
        print(f"jsonschema is timed on the first {len(subset)} of the {len(texts)} documents; "
              "its figures are per audit, scaled from that batch.")
    print("spread: (slowest - fastest batch) / median. rejected: documents the method "
          "reports as invalid (JSON Schema and the pydantic model see structural faults only).")
    print()
    for key, name in (("jsonschema", "jsonschema"), ("fastjsonschema", "fastjsonschema")):
        ratio = speedup[f"over_{key}"]
        if ratio is None:
            print(f"s11schema speed-up over {name}: {SKIPPED}")
        else:
            word = "faster" if ratio >= 1 else "slower"
            print(f"s11schema speed-up over {name}: {ratio:.2f}x (time per audit of {name} / "
                  f"s11schema's; s11schema is {max(ratio, 1 / ratio):.1f}x {word})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
