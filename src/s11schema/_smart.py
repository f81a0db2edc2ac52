"""What makes an action SMART, as data: the word lists and patterns the checks use.

The rules (`_rules.actions`) and the fast path (`_fast`) read them from here, so a
list tuned in one place changes both; nothing here imports pydantic or PyYAML.
"""

from __future__ import annotations

import re

#: An action shorter than this is not specific.
MIN_WORDS = 5
#: Verbs that on their own promise no change.
VAGUE_VERBS = frozenset({
    "review", "reviewing", "consider", "considering", "monitor", "monitoring", "continue",
    "continuing", "explore", "exploring", "look", "looking", "discuss", "discussing",
    "check", "maintain", "keep", "think", "reflect", "be", "aim", "try", "seek",
})
#: Verbs that name a change someone can see done.
CONCRETE_VERBS = frozenset({
    "deliver", "update", "write", "publish", "train", "introduce", "implement", "complete",
    "audit", "appoint", "produce", "create", "develop", "launch", "run", "hold", "issue",
    "add", "revise", "recruit", "establish", "provide", "share", "agree", "incorporate",
    "embed", "roll", "set", "carry", "commission", "design", "adopt", "replace", "test",
    "report", "present", "record", "attend", "undertake", "re-complete", "relaunch",
})
#: Leads that name no one in particular.
VAGUE_LEADS = frozenset({
    "all", "all staff", "everyone", "everybody", "staff", "team", "the team", "teams",
    "management", "managers", "all managers", "various", "tbc", "tba", "tbd", "n/a", "na",
    "-", "?", "unknown", "none", "organisation", "the organisation", "us", "we",
})
#: Stripped from words before they are compared.
PUNCTUATION = ".,;:!?()[]\"'"
#: A lead with no letter in it ("-", "?") names no one.
LETTER = re.compile(r"[^\W\d_]")
#: What a count of people or work is of, after a number ("12 sessions").
_COUNTED = (r"(?:staff|people|members|managers|practitioners|sessions|audits|cases|records|"
            r"volunteers|teams|services|employees|workers|schools)\b")
#: Who "all", "every" or "each" covers ("every team member").
_COVERED = (r"(?:staff|member|members|managers|practitioners|volunteers|teams?|starters|"
            r"employees|workers|services)\b")
# A measure of success written into an action is a share ("90%", "75 per cent"), a count
# ("12 sessions", "40 of our staff"), or everyone ("all staff", "every team member"), each
# starting a word and read without regard to case. Each pattern opens with a plain
# character class, so the regex engine skips straight to a digit, or to an "a" or "e",
# instead of trying every position (2.5 times quicker on the benchmark's actions); the
# lookbehind after it is the word boundary (`\b`) the class cannot say.
_NUMBER_TARGET = re.compile(
    r"\d(?<!\w\d)(?i:\d*(?:\.\d+)?\s*(?:%|per ?cent)"
    r"|\d*\s+(?:of\s+(?:our\s+|the\s+)?)?" + _COUNTED + ")")
_EVERYONE_TARGET = re.compile(  # no other character matches "a" or "e" ignoring case
    r"[aAeE](?<!\w[aAeE])(?i:(?<=a)ll|(?<=e)(?:very|ach))(?i:\s+(?:\w+\s+)?" + _COVERED + ")")


#: More actions than this in one response are a finding, and only this many are checked.
MAX_ACTIONS = 200

#: What an action's status may be.
ACTION_STATUSES = ("open", "in progress", "done", "dropped")
#: Statuses of an action that is a record of the last cycle, not a plan.
CLOSED = frozenset({"done", "dropped"})


def specific_fault(text: str) -> str | None:
    """Why an action's text is not specific: "few" (fewer than MIN_WORDS words) or "vague"
    (its verb promises no change and no concrete verb follows); None where it is, or is
    empty. Most actions start with a concrete verb, so only the first few words are split
    off to count."""
    head = text.split(None, MIN_WORDS - 1)  # at most MIN_WORDS parts
    if not head:
        return None
    if len(head) < MIN_WORDS:
        return "few"
    if head[0].strip(PUNCTUATION).casefold() not in VAGUE_VERBS:
        return None
    words = (w.strip(PUNCTUATION).casefold() for w in text.split())
    return "vague" if CONCRETE_VERBS.isdisjoint(words) else None


def has_target(text: str) -> bool:
    """Whether the action's text says how success will be measured."""
    return bool(_NUMBER_TARGET.search(text) or _EVERYONE_TARGET.search(text))


def lead_fault(lead: str) -> str | None:
    """Why a lead names no one: "none" (blank) or "vague" ('all staff', 'TBC', '-'); None
    where it names a person or role."""
    cleaned = lead.strip().casefold()
    if not cleaned:
        return "none"
    return "vague" if cleaned in VAGUE_LEADS or not LETTER.search(cleaned) else None
