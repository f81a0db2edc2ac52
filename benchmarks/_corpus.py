"""The benchmark corpus: audits as partnerships submit them, for every bundled template.

`s11schema.testing.generate_audit` makes valid audits from a small stock of sentences,
so every audit would repeat the same texts, and any cache keyed by text would look
better than it is on real returns, where each organisation writes its own evidence
and actions. Here each audit also gets:

* its own completion date (between 2023-01-01 and 2025-09-30), so due dates and the
  SMART checks that count from the audit's date differ from audit to audit;
* its own wording: a reference of random letters added to every evidence and action
  text, so no two audits share one (letters only: a digit could be read as a date);
* one audit in three is large: two to four actions per standard and evidence three
  sentences long, as in a return that takes its action plan seriously;
* one audit in five breaks exactly one rule (`mutate`).

Every audit is deterministic, from `random.Random(seed)`.
"""

from __future__ import annotations

import copy
import json
import random
import string
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from s11schema import Template, default_registry
from s11schema.testing import generate_audit, mutate

#: Every FAULT_EVERY-th audit is broken by `mutate` (20 %).
FAULT_EVERY = 5
#: Every LARGE_EVERY-th audit is large.
LARGE_EVERY = 3
FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2025, 9, 30)


@dataclass
class Corpus:
    """One template's audits as JSON text, and the rule each faulty one breaks."""

    template: Template
    texts: list[str]
    expected: list[str | None]  # None: valid; else the code of the rule it breaks

    @property
    def faulty(self) -> int:
        return sum(code is not None for code in self.expected)

    @property
    def mean_bytes(self) -> float:
        return sum(len(t.encode()) for t in self.texts) / max(len(self.texts), 1)


def bundled_templates() -> list[Template]:
    """Every template bundled with s11schema (its `standards/` folder), by id."""
    from s11schema._roots import bundled_dirs

    registry = default_registry()
    folder = next(d for d in bundled_dirs() if d.name == "standards")
    return [registry.template(path.stem) for path in sorted(folder.glob("*.yaml"))
            if path.stem != "domains"]


def build_corpus(template: Template, count: int, seed: int) -> Corpus:
    """`count` audits for `template` as JSON text: valid ones, and every fifth with one fault."""
    rng = random.Random(f"{seed}:{template.id}")
    registry = default_registry()
    texts: list[str] = []
    expected: list[str | None] = []
    days = (LAST_DAY - FIRST_DAY).days
    for index in range(count):
        completed = FIRST_DAY + timedelta(days=rng.randint(0, days))
        audit = generate_audit(template, rng, registry=registry, completed_on=completed)
        _personalise(audit, rng, large=index % LARGE_EVERY == LARGE_EVERY - 1)
        code: str | None = None
        if index % FAULT_EVERY == FAULT_EVERY - 1:
            code, audit = mutate(audit, template, rng)
        texts.append(json.dumps(audit))
        expected.append(code)
    return Corpus(template, texts, expected)


def _personalise(audit: dict[str, Any], rng: random.Random, *, large: bool) -> None:
    """Each audit's own wording, and for a large one more actions and longer evidence."""
    reference = "".join(rng.choices(string.ascii_lowercase, k=8))
    for response in audit["responses"].values():
        for key, value in list(response.items()):
            if isinstance(value, str) and len(value) > 40:
                response[key] = _longer(value, rng) if large else value
                response[key] += f" (our reference {reference})"
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                actions = [*value, *(copy.deepcopy(rng.choice(value))
                                     for _ in range(rng.randint(1, 3) if large else 0))]
                for number, action in enumerate(actions):
                    if isinstance(action.get("action"), str):
                        action["action"] = f"{action['action']} (plan {reference} item " \
                                           f"{string.ascii_lowercase[number % 26]})"
                response[key] = actions


def _longer(text: str, rng: random.Random) -> str:
    extra = ("Managers check this in supervision and report exceptions to the board.",
             "The annual report to the partnership summarises what changed and why.",
             "Feedback from practitioners shaped the latest revision of the procedure.")
    return " ".join([text, *rng.sample(extra, 2)])
