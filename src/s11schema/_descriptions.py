"""What each key of the YAML formats means: the one source of the editors' hover help
and of the key tables in docs/reference.

`_schema.format_schema` writes these into the JSON Schemas it generates (and the
package ships), and docs/_hooks.py renders the reference tables from those
schemas, so an editor's tooltip and the documentation say the same thing.
Entries are keyed by (model name, key as written in YAML); a key of a base
class (`Scale`) serves every subclass. A test fails when a property of a
generated schema has no entry here, so whoever adds a field describes it.
"""

from __future__ import annotations

#: (model name, YAML key) -> what the key means, in a sentence or two.
DESCRIPTIONS: dict[tuple[str, str], str] = {
    # ---------------------------------------------------------------- templates
    ("Template", "id"): "The template's id, which audits name in `template`: lower-case "
                        "letters, digits, dots, hyphens and underscores; name the file after it.",
    ("Template", "title"): "The template's title, as the partnership's document gives it.",
    ("Template", "partnership"): "The safeguarding children partnership that runs the audit.",
    ("Template", "version"): "Optional version; audits may name it in `template_version` "
                             "where several versions of one template exist.",
    ("Template", "cycle"): "Optional audit year or cycle, as the source says it (\"2021\", "
                           "\"2019/20\").",
    ("Template", "source"): "Where the template comes from: the document it was transcribed "
                            "from.",
    ("Template", "description"): "Optional introduction shown to the organisations completing "
                                 "the audit.",
    ("Template", "areas"): "Local authority areas the partnership covers; `compare --area` "
                           "uses them.",
    ("Template", "scale"): "The id of the rating scale the standards are rated on (a file in "
                           "scales/ or a bundled scale).",
    ("Template", "fields"): "Response fields asked for each standard, in order (default: one "
                            "required `evidence` text field).",
    ("Template", "actions"): "The action policy: which ratings need improvement actions and "
                             "how strictly each action is checked for SMART.",
    ("Template", "organisation"): "Details asked about the organisation (its name is always "
                                  "asked).",
    ("Template", "respondent"): "Details asked about the person completing the audit: personal "
                                "data, never repeated in messages or exports unless asked for.",
    ("Template", "questions"): "Questions asked once per audit and not rated (an approval, "
                               "a contact).",
    ("Template", "sections"): "The sections of standards, in the order of the source; at least "
                              "one.",
    ("Section", "id"): "The section's id, as text (\"1\", \"A\"); unique in the template.",
    ("Section", "title"): "The section's heading.",
    ("Section", "rationale"): "Optional text explaining why this area matters.",
    ("Section", "standards"): "The rated standards of this section; at least one.",
    ("Standard", "id"): "The standard's id, as text: \"1.10\" stays \"1.10\", never the number "
                        "1.1; unique in the template and the key of the audit's response.",
    ("Standard", "text"): "The standard as the source words it.",
    ("Standard", "guidance"): "What meeting the standard looks like in practice, one bullet "
                              "each.",
    ("Standard", "evidence_examples"): "Examples of evidence an organisation might give.",
    ("Standard", "not_applicable"): "Whether N/A may be given, where the scale has it "
                                    "(default true).",
    ("Standard", "scale"): "Optional id of another scale for this standard only (a yes/no "
                           "question in a RAG template, say).",
    ("Standard", "domains"): "Ids of the common domains (standards/domains.yaml) the standard "
                             "covers; comparison across partnerships uses them, so give at "
                             "least one.",
    ("ResponseField", "id"): "The key the audit's response uses for this field (not `rating`, "
                             "`moderated_rating` or `reason`, which the audit format reserves).",
    ("ResponseField", "label"): "The field's label, as the form shows it.",
    ("ResponseField", "help"): "Optional longer prompt shown with the field.",
    ("ResponseField", "type"): "`text` (default), or `actions`: a list of improvement actions "
                               "with action, lead, due date and measure.",
    ("ResponseField", "required"): "true (for every rating but N/A), false (default), or the "
                                   "rating codes that need it.",
    ("ActionPolicy", "required_for"): "Rating codes that need at least one improvement action "
                                      "(red and amber, say).",
    ("ActionPolicy", "smart"): "How strictly actions are checked for SMART: error, warning "
                               "(default) or off, or one policy per letter.",
    ("ActionPolicy", "horizon_months"): "An action is realistic when due within this many "
                                        "months of `completed_on` (default 24).",
    ("ActionPolicy", "require"): "Keys every action must have, of action, lead, due and "
                                 "measure (default: action).",
    ("SmartPolicy", "specific"): "Policy for \"specific\": the action says what will change.",
    ("SmartPolicy", "measurable"): "Policy for \"measurable\": the action has a measure of "
                                   "success.",
    ("SmartPolicy", "achievable"): "Policy for \"achievable\": the lead names a person or "
                                   "role.",
    ("SmartPolicy", "realistic"): "Policy for \"realistic\": due within the horizon, not "
                                  "before completion.",
    ("SmartPolicy", "time-scaled"): "Policy for \"time-scaled\": the due date is a date, month, "
                                    "quarter or financial year.",
    ("Detail", "id"): "The key of this detail in the audit's `organisation` or `respondent`.",
    ("Detail", "label"): "The detail's label, as the form shows it.",
    ("Detail", "type"): "text (default), email, phone or url; emails, phones and web addresses "
                        "are checked for plausibility.",
    ("Detail", "required"): "Whether a final audit must give it (default false).",
    ("Question", "id"): "The key of the answer in the audit's `answers`.",
    ("Question", "text"): "The question as the form asks it.",
    ("Question", "type"): "yes-no, choice, text (default), email, phone or url.",
    ("Question", "choices"): "The answers a `choice` question accepts.",
    ("Question", "required"): "Whether a final audit must answer it (default false).",
    ("Question", "final_requires"): "The answer a final audit must give (\"yes\" to an approval, "
                                    "say).",
    # ---------------------------------------------------------------- scales
    ("Scale", "id"): "The scale's id, which templates name in `scale`; name the file after it.",
    ("Scale", "title"): "The scale's title.",
    ("Scale", "source"): "Where the scale comes from.",
    ("Scale", "description"): "Optional notes on the scale.",
    ("Scale", "not_applicable"): "The scale's \"not applicable\" option, if it has one; N/A is "
                                 "never scored.",
    ("LevelScale", "levels"): "The levels, worst first, each placed on the common scale.",
    ("RangeScale", "range"): "Whole numbers from `worst` to `best` in steps, instead of "
                             "`levels`.",
    ("Level", "code"): "What an audit writes for this level (matched in any case).",
    ("Level", "label"): "The level's name, as people read it.",
    ("Level", "description"): "What the level means (\"Partial assurance\").",
    ("Level", "aliases"): "Other spellings an audit may use for this level (matched in any "
                          "case).",
    ("Level", "normalised"): "The level's place on the common scale: 0 nothing in place, 1/3 "
                             "partly, 2/3 meeting requirements, 1 beyond requirements; a number "
                             "or a fraction such as 2/3.",
    ("NotApplicable", "code"): "What an audit writes for N/A (default `n/a`).",
    ("NotApplicable", "label"): "The label people read (default \"Not applicable\").",
    ("NotApplicable", "aliases"): "Other spellings of N/A an audit may use.",
    ("NotApplicable", "reason_required"): "Whether an N/A answer must say why in `reason` "
                                          "(default false).",
    ("NumericRange", "worst"): "The worst value.",
    ("NumericRange", "best"): "The best value; it may be the smaller number (Grade 1 = "
                              "outstanding).",
    ("NumericRange", "step"): "The step between values (default 1); it must divide the range.",
    ("NumericRange", "normalised"): "Optional positions on the common scale at some values, "
                                    "linear between them (default: worst 0, best 1).",
    ("NumericRange", "labels"): "Optional labels for some values.",
    # ---------------------------------------------------------------- domains
    ("DomainList", "domains"): "The common domains, each a safeguarding arrangement every "
                               "organisation should have.",
    ("Domain", "id"): "The domain's id, which standards name in `domains`.",
    ("Domain", "title"): "The domain's name.",
    ("Domain", "description"): "What the domain covers.",
    ("Domain", "source"): "Where the domain comes from (Working Together, a template).",
}
