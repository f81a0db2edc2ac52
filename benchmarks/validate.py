"""Throughput of s11schema's validation against JSON parsing and other validators.

    python benchmarks/validate.py [--audits N] [--seed S] [--repeat R] [--template ID] [--json]

One run builds the benchmark corpus (benchmarks/_corpus.py: for every bundled
template, N audits with their own completion dates and wording, one in three large,
one in five breaking a rule), serialises each audit to JSON text once, and times, on
the same texts, template by template: json.loads alone (the floor), jsonschema and
fastjsonschema with that template's exported audit schema (parse included), a plain
pydantic v2 model (`model_validate_json`), and `s11schema.validate.validate(text)`
(parse, structure, every rule, SMART checks, timescales; the fast path proves clean
parts clean), and the same with every rule run whole (`check(..., reference=True)`,
what validation cost before the fast path). Each figure is the median
over R repetitions of the whole batch, and a ratio to json.loads measured in the same
run on the same texts, since absolute figures depend on the machine; the overall
figures weigh every template's corpus alike. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from _corpus import Corpus, build_corpus, bundled_templates  # benchmarks/, first on sys.path
from _machine import cpu_model
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

import s11schema
from s11schema import default_registry
from s11schema._schema import audit_schema
from s11schema._validate import check, validate
from s11schema.readers import source_of

#: The date every audit is checked against, so that runs are reproducible.
TODAY = date(2026, 1, 1)
#: jsonschema is slow: it is timed on at most this many documents per template, scaled
#: per audit.
JSONSCHEMA_LIMIT = 250
SKIPPED = "skipped (pip install s11schema[bench])"
#: The methods, in the order they are timed and shown.
METHODS = ("json.loads", "jsonschema", "fastjsonschema", "pydantic", "s11schema",
           "rules whole")
LABELS = {"json.loads": "json.loads (floor)", "jsonschema": "jsonschema Draft202012Validator",
          "fastjsonschema": "fastjsonschema.compile",
          "pydantic": "pydantic model_validate_json", "s11schema": "s11schema validate",
          "rules whole": "s11schema check(reference=True): every rule whole, no fast path"}

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


def _rules_whole(texts: Sequence[str]) -> int:
    """As `_s11schema`, with every rule run whole (the reference the fast path mirrors)."""
    registry = default_registry()
    rejected = 0
    for text in texts:
        if not check(source_of(text).parse(), registry=registry, today=TODAY,
                     reference=True).ok:
            rejected += 1
    return rejected


@dataclass
class Method:
    """One method timed on one template's corpus."""

    key: str
    template: str
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


def methods_for(corpus: Corpus) -> list[Method]:
    """Every method on one template's corpus (fastjsonschema only where it is installed)."""
    template, texts = corpus.template.id, corpus.texts
    schema = audit_schema(corpus.template)
    found = [Method("json.loads", template, _json_loads, texts),
             Method("jsonschema", template, _jsonschema_runner(schema),
                    texts[:JSONSCHEMA_LIMIT])]
    fast = _fastjsonschema_runner(schema)
    if fast is not None:
        found.append(Method("fastjsonschema", template, fast, texts))
    return [*found, Method("pydantic", template, _pydantic, texts),
            Method("s11schema", template, _s11schema, texts),
            Method("rules whole", template, _rules_whole, texts)]


@dataclass
class Summary:
    """Per-audit times of each method, for one template or overall."""

    name: str
    documents: int
    mean_bytes: float
    seconds: dict[str, float]  # method -> median seconds per audit
    spread: dict[str, float]
    rejected: dict[str, int]

    def ratio(self, key: str) -> float | None:
        """Time per audit as a multiple of json.loads's."""
        return self.seconds[key] / self.seconds["json.loads"] if key in self.seconds else None

    def speedup(self, key: str) -> float | None:
        """The other tool's time per audit / s11schema's (above 1: s11schema is faster)."""
        return self.seconds[key] / self.seconds["s11schema"] if key in self.seconds else None


def summarise(corpus: Corpus, methods: list[Method]) -> Summary:
    ours = {m.key: m for m in methods if m.template == corpus.template.id}
    return Summary(corpus.template.id, len(corpus.texts), corpus.mean_bytes,
                   {k: m.median for k, m in ours.items()}, {k: m.spread for k, m in ours.items()},
                   {k: m.rejected for k, m in ours.items()})


def overall(summaries: list[Summary]) -> Summary:
    """Every template's corpus weighed alike: the mean of the per-audit times."""
    keys = [k for k in METHODS if all(k in s.seconds for s in summaries)]
    return Summary("overall", sum(s.documents for s in summaries),
                   statistics.mean(s.mean_bytes for s in summaries),
                   {k: statistics.mean(s.seconds[k] for s in summaries) for k in keys},
                   {k: max(s.spread[k] for s in summaries) for k in keys},
                   {k: sum(s.rejected[k] for s in summaries) for k in keys})


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--audits", type=int, default=2500, metavar="N",
                        help="audits per template (default 2500)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (default 2026)")
    parser.add_argument("--repeat", type=int, default=5, metavar="R",
                        help="timed repetitions of each batch; the median is reported "
                             "(default 5)")
    parser.add_argument("--template", action="append", metavar="ID",
                        help="only this template (repeatable; default: every bundled one)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.audits < 1 or args.repeat < 1:
        parser.error("--audits and --repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = environment()

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
    registry = default_registry()
    templates = ([registry.template(t) for t in args.template] if args.template
                 else bundled_templates())
    started = time.perf_counter()
    corpora = [build_corpus(t, args.audits, args.seed) for t in templates]
    say(f"{len(corpora)} templates x {args.audits} audits (seed {args.seed}; one in five "
        f"with one fault, one in three large), built in {time.perf_counter() - started:.1f} s")
    verdicts = {c.template.id: check_verdicts(c) for c in corpora}
    for corpus in corpora:
        v = verdicts[corpus.template.id]
        say(f"  {corpus.template.id}: {len(corpus.template.standard_ids)} standards, mean "
            f"{corpus.mean_bytes / 1000:.1f} kB; {v.valid_without_errors}/{v.valid} valid "
            f"audits without errors ({v.valid_without_findings} without findings); "
            f"{v.faulty_rule_found}/{v.faulty} faulty ones with their rule reported"
            + (f" ({', '.join(sorted(v.warning_codes))} as a warning here)"
               if v.warning_codes else ""))
    wrong = [line for v in verdicts.values() for line in v.wrong]
    if not all(v.ok for v in verdicts.values()):
        for line in wrong:
            print(f"  unexpected verdict: {line}", file=sys.stderr)
        print("benchmarks/validate.py: s11schema's verdicts do not match the generator's; "
              "the timings would not measure the intended work", file=sys.stderr)
        return 1

    methods = [m for corpus in corpora for m in methods_for(corpus)]
    measure(methods, args.repeat)
    summaries = [summarise(c, methods) for c in corpora]
    total = overall(summaries)
    if args.json:
        print(json.dumps(_as_json(args, env, corpora, verdicts, methods, summaries, total),
                         indent=2))
        return 0
    _print_table(args, [*summaries, total], corpora)
    return 0


def _as_json(args: argparse.Namespace, env: dict[str, Any], corpora: list[Corpus],
             verdicts: dict[str, Verdicts], methods: list[Method], summaries: list[Summary],
             total: Summary) -> dict[str, Any]:
    def figures(summary: Summary) -> dict[str, Any]:
        return {"template": summary.name, "documents": summary.documents,
                "mean_json_bytes": round(summary.mean_bytes),
                "us_per_audit": {k: v * 1e6 for k, v in summary.seconds.items()},
                "x_json_loads": {k: summary.ratio(k) for k in summary.seconds},
                "spread": summary.spread, "rejected": summary.rejected,
                "s11schema_speedup": {f"over_{k}": summary.speedup(k)
                                      for k in ("jsonschema", "fastjsonschema")}}

    return {
        "environment": env,
        "config": {"audits_per_template": args.audits, "seed": args.seed,
                   "repeat": args.repeat, "today": TODAY.isoformat(),
                   "templates": [c.template.id for c in corpora],
                   "jsonschema_documents_per_template": JSONSCHEMA_LIMIT},
        "verdicts": {name: {"valid": v.valid, "valid_without_errors": v.valid_without_errors,
                            "valid_without_findings": v.valid_without_findings,
                            "faulty": v.faulty, "faulty_rule_reported": v.faulty_rule_found,
                            "faulty_with_errors": v.faulty_with_errors,
                            "warning_only_codes": sorted(v.warning_codes)}
                     for name, v in verdicts.items()},
        "methods": [{"method": m.key, "template": m.template, "documents": len(m.texts),
                     "batch_seconds": m.times, "rejected": m.rejected} for m in methods],
        "fastjsonschema": "measured" if any(m.key == "fastjsonschema" for m in methods)
        else SKIPPED,
        "per_template": [figures(s) for s in summaries],
        "overall": figures(total),
    }


def _print_table(args: argparse.Namespace, summaries: list[Summary],
                 corpora: list[Corpus]) -> None:
    print(f"median of {args.repeat} repetitions of each batch; parse included everywhere; "
          "each figure is time per audit as a multiple of json.loads on the same texts")
    print()
    print(f"{'template':<31} {'kB':>5} {'json.loads':>11} " + " ".join(
        f"{k:>14}" for k in METHODS[1:]) + f" {'spread':>7}")
    for summary in summaries:
        cells = []
        for key in METHODS[1:]:
            ratio = summary.ratio(key)
            cells.append(f"{ratio:>13.2f}x" if ratio is not None else f"{'skipped':>14}")
        spread = max(summary.spread.values())
        print(f"{summary.name:<31} {summary.mean_bytes / 1000:>5.1f} "
              f"{summary.seconds['json.loads'] * 1e6:>8.0f} µs " + " ".join(cells)
              + f" {spread:>6.0%}")
    print()
    print(f"jsonschema is timed on the first {JSONSCHEMA_LIMIT} documents of each template "
          "(per audit, scaled). spread: the largest (slowest - fastest batch) / median of "
          "the row. The overall row weighs every template's corpus alike.")
    print()
    for summary in summaries:
        parts = []
        for key in ("fastjsonschema", "jsonschema"):
            ratio = summary.speedup(key)
            if ratio is None:
                parts.append(f"over {key}: {SKIPPED}")
            else:
                word = "faster" if ratio >= 1 else "slower"
                parts.append(f"{max(ratio, 1 / ratio):.1f}x {word} than {key}")
        print(f"s11schema, {summary.name}: " + "; ".join(parts))
    print("rejected (s11schema / fastjsonschema / jsonschema on its subset): " + "; ".join(
        f"{s.name} {s.rejected.get('s11schema')}/{s.rejected.get('fastjsonschema', '-')}/"
        f"{s.rejected.get('jsonschema')}" for s in summaries))
    print("JSON Schema and the pydantic model see structural faults only; s11schema checks "
          "every rule.")


if __name__ == "__main__":
    raise SystemExit(main())
