"""mkdocs hook: fill the reference tables from the code, so they cannot drift."""

from __future__ import annotations

from typing import Any


def _rules() -> str:
    from s11schema import CATALOGUE

    rows = ["| code | severity | applies to | what it checks | example |", "|---|---|---|---|---|"]
    for rule in CATALOGUE.values():
        example = rule.example.replace("|", "\\|")
        rows.append(f"| `{rule.code}` | {rule.severity} | {rule.applies_to} | {rule.summary} "
                    f"| `{example}` |")
    return "\n".join(rows)


def _cli() -> str:
    from s11schema._cli import build_parser, command_parsers

    parser = build_parser()
    parts = ["```text", parser.format_help().rstrip(), "```"]
    for name, sub in command_parsers(parser).items():
        parts += [f"## `s11schema {name}`", "", "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(parts)


def _domains() -> str:
    from s11schema import default_registry

    rows = ["| id | domain | description |", "|---|---|---|"]
    for domain in default_registry().domains.values():
        rows.append(f"| `{domain.id}` | {domain.title} | {domain.description or ''} |")
    return "\n".join(rows)


def _scales() -> str:
    from s11schema import default_registry
    from s11schema._model import show_position
    from s11schema._scales import band

    parts = []
    for scale in sorted(default_registry().scales(), key=lambda s: s.id):
        parts += [f"### `{scale.id}`: {scale.title}", "",
                  "| code | label | common value | band |", "|---|---|---|---|"]
        for level in scale.all_levels:
            value = scale.positions[level.code]
            parts.append(f"| `{level.code}` | {level.label} | {show_position(value)} "
                         f"| {band(value)} |")
        if scale.not_applicable:
            na = scale.not_applicable
            reason = "a reason is required" if na.reason_required else "no reason needed"
            parts.append(f"| `{na.code}` | {na.label} | not scored | ({reason}) |")
        parts.append("")
    return "\n".join(parts)


def _timescales() -> str:
    from s11schema._timescales import EXAMPLES, REFUSED

    accepted = ", ".join(f"`{e}`" for e in EXAMPLES)
    refused = ", ".join(f"`{r}`" for r in REFUSED)
    return f"Understood: {accepted}.\n\nRefused (never guessed): {refused}."


def _smart_words() -> str:
    from s11schema._smart import CONCRETE_VERBS, MIN_WORDS, VAGUE_LEADS, VAGUE_VERBS

    def words(items: frozenset[str]) -> str:
        return ", ".join(sorted(items))

    return (f"- Fewest words in a specific action: **{MIN_WORDS}**\n"
            f"- Vague verbs: {words(VAGUE_VERBS)}\n"
            f"- Concrete verbs (an action starting with a vague verb is still specific if it "
            f"has one of these): {words(CONCRETE_VERBS)}\n"
            f"- Leads that name no one: {words(VAGUE_LEADS)}")


def _type_of(spec: dict[str, Any]) -> str:
    """A JSON Schema type, in words a YAML editor would use."""
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if "enum" in spec:
        return " or ".join(f"`{v}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    options = spec.get("anyOf") or spec.get("oneOf")
    if options:
        return " or ".join(_type_of(o) for o in options if o.get("type") != "null")
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(spec.get('items', {}))}"
    if kind == "object" and "additionalProperties" in spec and spec["additionalProperties"]:
        return f"mapping of {_type_of(spec['additionalProperties'])}"
    names = {"string": "text", "integer": "whole number", "number": "number",
             "boolean": "true or false", "object": "mapping", "null": "nothing"}
    return names.get(kind, kind) if isinstance(kind, str) else " or ".join(
        names.get(k, k) for k in kind)


def _keys(kind: str) -> str:
    """Every key of a YAML format, from the JSON Schema the code publishes."""
    from s11schema._schema import format_schema

    schema = format_schema(kind)
    objects = [(kind, schema), *sorted(schema.get("$defs", {}).items())]
    parts = []
    for name, spec in objects:
        if "properties" not in spec:
            continue
        required = set(spec.get("required", ()))
        parts += [f"**{name}**", "", "| key | type | required | meaning |", "|---|---|---|---|"]
        for key, value in spec["properties"].items():
            meaning = value.get("description", "").replace("|", "\\|")
            parts.append(f"| `{key}` | {_type_of(value)} | {'yes' if key in required else ''} "
                         f"| {meaning} |")
        parts.append("")
    return "\n".join(parts)


def _audit_keys() -> str:
    from s11schema._audit import OPTIONAL_KEYS, ORGANISATION_KEYS, REQUIRED_KEYS, RESPONDENT_KEYS

    rows = ["| key | required |", "|---|---|"]
    rows += [f"| `{k}` | yes |" for k in sorted(REQUIRED_KEYS)]
    rows += [f"| `{k}` | |" for k in sorted(OPTIONAL_KEYS)]
    return ("\n".join(rows) + "\n\nKeys every template accepts in `organisation`: "
            + ", ".join(f"`{k}`" for k in sorted(ORGANISATION_KEYS))
            + "; in `respondent`: " + ", ".join(f"`{k}`" for k in sorted(RESPONDENT_KEYS))
            + ". A template may ask for more.")


def _api_reference() -> str:
    """One entry per public name, from `__all__`, then the public sub-namespaces."""
    import s11schema

    names = [n for n in s11schema.__all__ if n != "__version__"]
    parts = [f"::: s11schema.{name}\n" for name in names]
    parts += ["### `s11schema.formats`\n", "::: s11schema.formats\n",
              "### `s11schema.readers`\n", "::: s11schema.readers\n",
              "### `s11schema.testing`\n", "::: s11schema.testing\n"]
    return "\n".join(parts)


def _formats() -> str:
    from s11schema.formats import FORMATS

    rows = ["| format | what it writes |", "|---|---|"]
    rows += [f"| `{f.name}` | {f.description} |" for f in FORMATS.values()]
    return "\n".join(rows)


def _readers() -> str:
    from s11schema.readers import READERS

    rows = ["| reader | files | what it reads |", "|---|---|---|"]
    rows += [f"| `{r.name}` | {', '.join(f'`{s}`' for s in r.suffixes)} | {r.description} |"
             for r in READERS.values()]
    return "\n".join(rows)


def _scale_kinds() -> str:
    from s11schema._scales import KINDS

    rows = ["| kind | the key that marks it | what it is |", "|---|---|---|"]
    rows += [f"| `{k.__name__}` | `{k.kind}` | {k.summary} |" for k in KINDS]
    return "\n".join(rows)


def _rule_families() -> str:
    from s11schema._rules import RULES

    rows = ["| family | what it checks | codes |", "|---|---|---|"]
    rows += [f"| `{r.name}` | {r.description} | {', '.join(f'`{c.code}`' for c in r.codes)} |"
             for r in RULES]
    return "\n".join(rows)


def _version() -> str:
    """The package's version, as `_version.py` gives it: docs examples pin this release."""
    from s11schema import __version__

    return __version__


def _import_kinds() -> str:
    from s11schema._import import KINDS

    rows = ["| files | what they are |", "|---|---|"]
    rows += [f"| {suffix} | {what} |" for suffix, what in KINDS]
    return "\n".join(rows)


def _tools() -> str:
    from s11schema.readers._forms import TOOLS

    rows = ["| `tool` | heading rows | repeated headings | a heading covers the columns after "
            "it | ticks in one cell separated by |", "|---|---|---|---|---|"]
    for tool in TOOLS.values():
        rows.append(f"| `{tool.name}` | {tool.header_rows} | "
                    f"{'numbered (`Title2`)' if tool.numbered_repeats else 'written again'} | "
                    f"{'yes' if tool.headings_span else 'no'} | "
                    f"{f'`{tool.list_separator}`' if tool.list_separator else '(one per column)'} |")
    return "\n".join(rows)


_FILLERS = {
    "{{ version }}": _version,
    "{{ formats_table }}": _formats,
    "{{ readers_table }}": _readers,
    "{{ scale_kinds_table }}": _scale_kinds,
    "{{ rule_families_table }}": _rule_families,
    "{{ api_reference }}": _api_reference,
    "{{ rules_table }}": _rules, "{{ cli_reference }}": _cli, "{{ domains_table }}": _domains,
    "{{ scales_tables }}": _scales, "{{ timescale_examples }}": _timescales,
    "{{ smart_words }}": _smart_words,
    "{{ template_keys }}": lambda: _keys("template"),
    "{{ scale_keys }}": lambda: _keys("scale"),
    "{{ crosswalk_keys }}": lambda: _keys("crosswalk"),
    "{{ audit_keys }}": _audit_keys,
    "{{ import_kinds }}": _import_kinds,
    "{{ tools_table }}": _tools, "{{ mapping_keys }}": lambda: _keys("mapping"),
}


def fill(markdown: str) -> str:
    """Replace each placeholder with the table the code makes."""
    for placeholder, make in _FILLERS.items():
        if placeholder in markdown:
            markdown = markdown.replace(placeholder, make())
    return markdown


def on_page_markdown(markdown: str, **_: Any) -> str:
    return fill(markdown)
