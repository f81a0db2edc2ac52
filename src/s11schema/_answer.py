"""One standard of a draft given the answers of the standards a crosswalk maps to it.

`Answer` brings over, for one target standard, what its source standards answered:
the rating through the common scale (one answer on the same scale keeps its code;
otherwise the mean of the source positions becomes the target scale's nearest level,
N/A stays N/A where allowed, and answers that are not scores carry only onto the same
scale), the criteria of a criteria-weighted standard, text fields by standard (each
prefixed with the standard it came from, where that is not the same standard), typed
fields where the target has one of the same type, actions with the target's columns
(the others written into the action's text), notes and N/A reasons; then marks it
`carried`. `_project` runs it over every standard of the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._crosswalk import Crosswalk, label_of, versions_of_one
from ._plain import CARRIED, audit_period, criterion_answer
from ._results import CheckedAudit
from ._rules._values import value_problem
from ._scales import Scale
from ._smart import ACTION_STATUSES
from ._templates import ResponseField, Standard
from ._text import is_blank
from ._timescales import find_timescale

#: How an action column is named when it is written into the action's text.
COLUMN_WORDS = {"lead": "lead", "due": "due", "measure": "measure", "status": "status",
                "progress": "progress", "done_on": "done on"}


@dataclass(frozen=True, slots=True)
class Options:
    """How carrying forward and translating differ."""

    include_personal: bool = False
    guide: bool = True
    #: Keep every area the organisation named (the same partnership), or only the target's.
    keep_areas: bool = True
    #: Give a carried action with no status the status "open".
    open_actions: bool = True


class Answer:
    """One standard of the draft, being given the answers of its source standards: the
    rating as it is built, then `take` for each source, `settle_reason`, and `mark`."""

    def __init__(self, audit: CheckedAudit, crosswalk: Crosswalk, standard: Standard,
                 sources: tuple[str, ...], scale: Scale, response: dict[str, Any],
                 options: Options) -> None:
        self.audit, self.crosswalk, self.standard = audit, crosswalk, standard
        self.scale, self.response, self.options = scale, response, options
        #: The source standards mapped to it that apply to the organisation.
        self.sources = sources
        #: Text is prefixed with the standard it came from, unless it is the same one.
        self.prefixed = self.sources != (standard.id,) or not versions_of_one(
            audit.template, crosswalk.target)
        target = crosswalk.target
        self.fields = {f.id: f for f in target.fields}
        self.text_field = next((f.id for f in target.fields if f.type == "text"), None)
        self.action_field = next((f.id for f in target.fields if f.type == "actions"), None) \
            if "action" in target.actions.columns else None
        self.given = False
        self.actions = 0
        #: What the sources say about an N/A, for the target's reason field.
        self.reasons: list[str] = []
        self._rate()

    # ---------------------------------------------------------------- rating

    def _rate(self) -> None:
        standard = self.standard
        if standard.criteria:
            self._criteria()
            return
        if not standard.rated:
            return
        code = self._code()
        if code is None:
            return
        qualifier = self.crosswalk.target.qualifier
        only = self.sources[0] if len(self.sources) == 1 else None
        if qualifier and only is not None and only in self.audit.qualified:
            code += qualifier
        self.response["rating"] = code
        self.given = True

    def _code(self) -> str | None:
        """The target rating the sources' ratings give, or None."""
        audit, scale, standard = self.audit, self.scale, self.standard
        scales = audit.scales
        rated = [(s, audit.ratings[s]) for s in self.sources if s in audit.ratings]
        shares = [audit.criteria[s] for s in self.sources if s in audit.criteria]
        answered = [(s, c) for s, c in rated if not scales[s].is_not_applicable(c)]
        if not answered and not shares:
            na = scale.not_applicable
            return na.code if rated and na is not None and standard.not_applicable else None
        if len(answered) == 1 and not shares and scales[answered[0][0]].id == scale.id:
            return answered[0][1]
        if not _scored(standard, scale):
            same = {c for s, c in answered if scales[s].id == scale.id}
            alike = not shares and all(scales[s].id == scale.id for s, _ in answered)
            return same.pop() if alike and len(same) == 1 else None
        values = [value for s, c in answered
                  if _scored(audit.template.standard[s], scales[s])
                  and (value := scales[s].normalise(c)) is not None] + shares
        return scale.nearest(sum(values) / len(values)) if values else None

    def _criteria(self) -> None:
        """A criteria-weighted standard keeps the answers of one source with its criteria."""
        if len(self.sources) != 1:
            return
        mine = {c.id for c in self.standard.criteria}
        source = self.audit.template.standard[self.sources[0]]
        if mine != {c.id for c in source.criteria}:
            return
        given = _responses(self.audit).get(self.sources[0], {}).get("criteria")
        if not isinstance(given, dict):
            return
        kept = {c: v for c, v in given.items() if c in mine and criterion_answer(v)[0]}
        if kept:
            self.response["criteria"] = {c.id: kept.get(c.id, "") for c in self.standard.criteria}
            self.given = True

    # ---------------------------------------------------------------- fields

    def take(self, source_id: str, response: object) -> None:
        """The fields, note and N/A reason of one source standard's response."""
        if not isinstance(response, dict):
            return
        template = self.audit.template
        tag = f"[{source_id}] " if self.prefixed else ""
        for item in template.fields:
            value = response.get(item.id)
            if not blank(value):
                self._field(item, value, tag)
        note = response.get("note")
        if isinstance(note, str) and not blank(note):
            append(self.response, "note", tag + note)
            self.given = True
        reason = response.get(template.not_applicable_reason)
        if isinstance(reason, str) and not blank(reason):
            if self._not_applicable():
                self.reasons.append(tag + reason)
            elif template.not_applicable_reason == "reason":  # not a field: written out
                self._text(None, "Reason for N/A", reason, tag, same=False)

    def _field(self, item: ResponseField, value: Any, tag: str) -> None:
        named = self.crosswalk.fields.get(item.id)
        dest = self.fields.get(named) if named else None
        if dest is None and item.id in self.fields and self.fields[item.id].type in (
                item.type, "text"):
            dest = self.fields[item.id]
        label = item.label or item.id
        if item.type == "actions":
            self._actions(value, dest, tag)
        elif item.type == "text" and isinstance(value, str):
            self._text(dest, label, value, tag,
                       same=dest is not None and dest.id in (item.id, named))
        elif item.type == "list" and isinstance(value, list) and dest is not None \
                and dest.type == "list":
            self.response[dest.id] = [*as_list(self.response.get(dest.id)),
                                      *(v for v in value if isinstance(v, str))]
            self.given = True
        elif (dest is not None and dest.type == item.type and not self.prefixed
              and blank(self.response.get(dest.id))
              and value_problem(dest.type, value, dest.choices) is None):
            self.response[dest.id] = value
            self.given = True
        else:
            shown = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
            self._text(None, label, shown, tag, same=False)

    def _text(self, dest: ResponseField | None, label: str, text: str, tag: str, *,
              same: bool) -> None:
        """Text written into `dest` (a text field), else the first text field (or `note`),
        named by its label where it lands in a field of another name."""
        if dest is None or dest.type != "text":
            dest, same = (self.fields[self.text_field] if self.text_field else None), False
        words = text if same else f"{label.strip().rstrip(':?')}: {text}"
        append(self.response, dest.id if dest else "note", tag + words)
        self.given = True

    def _actions(self, value: Any, dest: ResponseField | None, tag: str) -> None:
        target = self.crosswalk.target
        table = dest.id if dest is not None and dest.type == "actions" and \
            "action" in target.actions.columns else self.action_field
        for action in as_list(value):
            if not isinstance(action, dict):
                continue
            carried = self._action(action)
            if carried is None:
                continue
            self.actions += 1
            self.given = True
            if table is not None and carried.get("action"):
                self.response.setdefault(table, [])
                if not isinstance(self.response[table], list):
                    self.response[table] = []
                self.response[table].append(carried)
            else:
                self._text(dest if dest is not None and dest.type == "text" else None,
                           "Action", written_out(carried), tag, same=False)

    def _action(self, action: dict[str, Any]) -> dict[str, str] | None:
        """An action with the target's columns; the rest written into its text."""
        source, target = self.audit.template, self.crosswalk.target
        columns = target.actions.columns
        given = action.get("action")
        text: str = given if isinstance(given, str) else ""
        kept: dict[str, str] = {}
        extra: list[tuple[str, str]] = []
        for key, value in action.items():
            if key == "action" or not isinstance(value, str) or blank(value):
                continue
            if key in columns:
                kept[key] = value
            elif key == "status" and value.strip().casefold() in ACTION_STATUSES:
                kept["status"] = value.strip().casefold()
            elif key == "progress" or (key == "done_on" and audit_period(value) is not None):
                kept[key] = value
            else:
                extra.append((COLUMN_WORDS.get(key, key), value))
        if "status" not in kept and self.options.open_actions:
            kept["status"] = "open"
        if "due" in columns and "due" not in kept and source.actions.due_in_text and text:
            timescale = find_timescale(text, after=self.audit.completed_on)
            if timescale is not None:
                kept["due"] = timescale.end.isoformat()
        if extra:
            text = f"{text.strip()} ({'; '.join(f'{k}: {v}' for k, v in extra)})".strip()
        if blank(text) and not kept:
            return None
        order = [*columns, "status", "progress", "done_on"]
        return {"action": text.strip(), **{k: kept[k] for k in order if k in kept}}

    # ---------------------------------------------------------------- the mark

    def _not_applicable(self) -> bool:
        rating = self.response.get("rating")
        return isinstance(rating, str) and self.scale.is_not_applicable(rating)

    def settle_reason(self) -> None:
        """An N/A carried as N/A keeps the reasons its sources gave, where the target
        asks for them."""
        where = self.crosswalk.target.not_applicable_reason
        for reason in self.reasons:
            present = self.response.get(where)
            if not (isinstance(present, str) and reason in present):
                append(self.response, where, reason)

    def mark(self, sources: list[str]) -> None:
        """The `carried` mark, placed right after the guide, where the respondent reads."""
        mark: dict[str, Any] = {"from": label_of(self.audit.template), "standards": sources}
        if self.crosswalk.text_changed(self.standard.id):
            mark["text_changed"] = True
        if self.standard.id in self.crosswalk.by_domain:
            mark["by"] = "domain"
        response = self.response
        ordered = {k: response.pop(k) for k in list(response) if k == "_guide"}
        ordered[CARRIED] = mark
        ordered.update(response)
        response.clear()
        response.update(ordered)


def _scored(standard: Standard, scale: Scale) -> bool:
    return scale.scored if standard.scored is None else standard.scored


def _responses(audit: CheckedAudit) -> dict[str, dict[str, Any]]:
    responses = audit.data.get("responses")
    if not isinstance(responses, dict):
        return {}
    return {k: v for k, v in responses.items() if isinstance(v, dict)}


def blank(value: object) -> bool:
    return is_blank(value) or value == {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def written_out(action: dict[str, str]) -> str:
    """An action as one line of text, its other columns in brackets after it."""
    text = action.get("action", "")
    details = "; ".join(f"{COLUMN_WORDS.get(k, k)}: {v}" for k, v in action.items()
                        if k != "action")
    return f"{text} ({details})" if details and text else text or details


def append(response: dict[str, Any], key: str, text: str) -> None:
    present = response.get(key)
    response[key] = f"{present}\n\n{text}" if isinstance(present, str) and present.strip() \
        else text
