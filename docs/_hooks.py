"""mkdocs hook: fill the reference tables from the code, so they cannot drift."""

from __future__ import annotations

from typing import Any


def _rules() -> str:
    from s11schema.findings import CATALOGUE

    rows = ["| code | severity | applies to | what it checks | example |", "|---|---|---|---|---|"]
    for rule in CATALOGUE.values():
        example = rule.example.replace("|", "\\|")
        rows.append(f"| `{rule.code}` | {rule.severity} | {rule.applies_to} | {rule.summary} "
                    f"| `{example}` |")
    return "\n".join(rows)


def _cli() -> str:
    from s11schema.cli import build_parser, command_parsers

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
    from s11schema.scales import band

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
    from s11schema.timescales import EXAMPLES, REFUSED

    accepted = ", ".join(f"`{e}`" for e in EXAMPLES)
    refused = ", ".join(f"`{r}`" for r in REFUSED)
    return f"Understood: {accepted}.\n\nRefused (never guessed): {refused}."


def _smart_words() -> str:
    from s11schema.rules.actions import CONCRETE_VERBS, MIN_WORDS, VAGUE_LEADS, VAGUE_VERBS

    def words(items: frozenset[str]) -> str:
        return ", ".join(sorted(items))

    return (f"- Fewest words in a specific action: **{MIN_WORDS}**\n"
            f"- Vague verbs: {words(VAGUE_VERBS)}\n"
            f"- Concrete verbs (an action starting with a vague verb is still specific if it "
            f"has one of these): {words(CONCRETE_VERBS)}\n"
            f"- Leads that name no one: {words(VAGUE_LEADS)}")


_FILLERS = {
    "{{ rules_table }}": _rules, "{{ cli_reference }}": _cli, "{{ domains_table }}": _domains,
    "{{ scales_tables }}": _scales, "{{ timescale_examples }}": _timescales,
    "{{ smart_words }}": _smart_words,
}


def fill(markdown: str) -> str:
    """Replace each placeholder with the table the code makes."""
    for placeholder, make in _FILLERS.items():
        if placeholder in markdown:
            markdown = markdown.replace(placeholder, make())
    return markdown


def on_page_markdown(markdown: str, **_: Any) -> str:
    return fill(markdown)
