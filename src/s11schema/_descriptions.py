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
    ("Template", "cycle"): "Optional audit cycle, as the source says it: a year (\"2021\"), a "
                           "financial year (\"2019/20\") or dates (2021-04-01/2022-03-31); "
                           "a return may name its own `cycle` instead.",
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
    ("Template", "extends"): "The id of a template this one builds on: its keys are inherited, "
                             "and `sections` merged by id (a standard of the same id replaces "
                             "the parent's; new ones are added).",
    ("Template", "remove"): "With `extends`: ids of the parent's standards or sections to leave "
                            "out.",
    ("Template", "ratings_required"): "Whether a final audit must rate every standard (default "
                                      "true); a standard's own `required` overrides it.",
    ("Template", "completed_on"): "`required` (default) or `optional`, for forms with no date "
                                  "box; a month (`2021-06`) is always accepted.",
    ("Template", "unanswered"): "Marks that mean \"not answered\" (`[\"-\"]`): a rating, "
                                "answer or field written so counts as blank.",
    ("Template", "qualifier"): "A mark that qualifies an answer (`*`, as in \"Yes*\"): the "
                               "answer counts, and the response's `note` must say how.",
    ("Template", "not_applicable_reason"): "The field an N/A's explanation goes in (default "
                                           "`reason`; a form may use its evidence box).",
    ("Template", "organisation_kinds"): "Kinds of organisation (statutory, commissioned) that "
                                        "standards' `applies_to` may name; audits give theirs "
                                        "in `organisation.kind`.",
    ("Template", "moderation"): "Declare it when the partnership moderates returns: a "
                                "moderated rating beside each self-assessed one.",
    ("Template", "window"): "When returns are accepted (`opens`, `closes`); a return completed "
                            "outside it gets a warning.",
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
    ("Standard", "references"): "Where else the standard is set out: each a `scheme` (\"Working "
                                "Together 2018\"), a `ref` (\"4.2\") and an optional `url`.",
    ("Standard", "rated"): "false for a standard asked only for its fields, with no rating "
                           "(default true).",
    ("Standard", "scored"): "Whether its rating counts in means; unset, as its scale says "
                            "(a yes/no answer is reported as shares instead).",
    ("Standard", "required"): "Whether a final audit must rate it; unset, as the template's "
                              "`ratings_required` says.",
    ("Standard", "applies_to"): "The organisation kinds (of `organisation_kinds`) it applies to; "
                                "unset, every organisation. Others leave it out.",
    ("Standard", "criteria"): "For a criteria-weighted standard: criteria each rated on the "
                              "scale, with weights summing to 100; the standard's score is "
                              "their weighted mean.",
    ("Reference", "scheme"): "The document or numbering the reference belongs to (\"Working "
                             "Together 2018\").",
    ("Reference", "ref"): "The paragraph, chapter or number within it (\"4.2\").",
    ("Reference", "url"): "Optional web address of the document.",
    ("Criterion", "id"): "The criterion's id, the key of its rating in the response's "
                         "`criteria`.",
    ("Criterion", "text"): "The criterion as the source words it.",
    ("Criterion", "weight"): "Its share of the standard's score, 1 to 100; a standard's weights "
                             "sum to 100 (an N/A criterion's share goes to the others).",
    ("OrganisationKind", "id"): "The kind's id, which `applies_to` and an audit's "
                                "`organisation.kind` name.",
    ("OrganisationKind", "label"): "The kind's name, as people read it.",
    ("Moderation", "label"): "What the form calls the moderated rating (default \"Moderated "
                             "rating\").",
    ("Moderation", "required"): "Whether a final audit must give a moderated rating for every "
                                "standard rated (default false).",
    ("Moderation", "actions_follow"): "Whether actions are needed by the moderated rating where "
                                      "there is one (default true).",
    ("Moderation", "over_rating_margin"): "How far above the moderated rating, on the common "
                                          "scale, a self-assessment is flagged as over-rating "
                                          "(default 1/3: one band).",
    ("Window", "opens"): "The first day returns are accepted (YYYY-MM-DD).",
    ("Window", "closes"): "The last day returns are accepted (YYYY-MM-DD).",
    ("ResponseField", "id"): "The key the audit's response uses for this field (not `rating`, "
                             "`moderated_rating`, `reason`, `note`, `criteria` or `carried`, "
                             "which the audit format reserves).",
    ("ResponseField", "label"): "The field's label, as the form shows it.",
    ("ResponseField", "help"): "Optional longer prompt shown with the field.",
    ("ResponseField", "type"): "`text` (default); `actions`, a list of improvement actions with "
                               "the columns of `actions.columns`; `date` (YYYY-MM-DD or YYYY-MM), "
                               "`number`, `percentage` (0 to 100), `list` (of texts) or `choice` "
                               "(one of `choices`).",
    ("ResponseField", "required"): "true (for every rating but N/A), false (default), the "
                                   "rating codes that need it, or a band threshold such as "
                                   "`{below: good}`.",
    ("ResponseField", "choices"): "For a `choice` field: the answers offered, each a code or "
                                  "`{code, label, aliases}` (the form's own wording).",
    ("Choice", "code"): "What the audit stores for this answer.",
    ("Choice", "label"): "The answer as the form words it.",
    ("Choice", "aliases"): "Other wordings that mean this answer (matched in any case).",
    ("ActionPolicy", "required_for"): "Rating codes that need at least one improvement action "
                                      "(red and amber, say), or a band threshold such as "
                                      "`{below: good}`.",
    ("ActionPolicy", "smart"): "How strictly actions are checked for SMART: error, warning "
                               "(default) or off, or one policy per letter.",
    ("ActionPolicy", "horizon_months"): "An action is realistic when due within this many "
                                        "months of `completed_on` (default: no limit).",
    ("ActionPolicy", "require"): "Columns every action must fill (a list, default: action), or "
                                 "a mapping of column to the ratings it is required for "
                                 "(`due: [red, amber]`, `due: {below: good}`).",
    ("ActionPolicy", "columns"): "The columns of the template's action table, of action, lead, "
                                 "due and measure (default: all four); other keys in an action "
                                 "are errors.",
    ("ActionPolicy", "due_in_text"): "Read an action's due date from its own words (\"during "
                                     "2021/22\") when it has no `due`: for forms whose only "
                                     "action column is free text.",
    ("Below", "below"): "A band of the common scale (inadequate, requires-improvement, good, "
                        "outstanding): every rating below it.",
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
    ("Question", "type"): "yes-no, choice, text (default), email, phone, url, date, number or "
                          "percentage.",
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
    ("Scale", "scored"): "false for answers that are not scores (yes/no): reported as the share "
                         "of each answer, not folded into means (default true).",
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
    ("NotApplicable", "description"): "What N/A means on this scale (\"Not relevant to the "
                                      "organisation's work\").",
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
    # ---------------------------------------------------------------- form mappings
    ("FormMapping", "id"): "The mapping's id, which `import --mapping` names: lower-case "
                           "letters, digits, dots, hyphens and underscores; name the file "
                           "after it.",
    ("FormMapping", "title"): "Optional title: the form and the export it reads.",
    ("FormMapping", "description"): "Optional notes on the form and its export.",
    ("FormMapping", "template"): "The id of the template the export's returns are audits of.",
    ("FormMapping", "template_version"): "Optional version of that template, where several "
                                         "exist.",
    ("FormMapping", "tool"): "The form tool that wrote the export: google-forms, "
                             "microsoft-forms, surveymonkey or other; it says how many heading "
                             "rows there are and how repeated headings are written.",
    ("FormMapping", "sheet"): "For an .xlsx export: the sheet the responses are on (default: "
                              "the first).",
    ("FormMapping", "header_rows"): "Heading rows above the first response, 1 to 5 (default: "
                                    "as the tool writes them; SurveyMonkey 2, others 1).",
    ("FormMapping", "status"): "Each return's status (draft or final) where no column gives "
                               "one (default final).",
    ("FormMapping", "unanswered"): "Cell texts that mean \"not answered\" besides an empty "
                                   "cell (`[\"-\"]`), in any case: such a cell gives no "
                                   "value.",
    ("FormMapping", "columns"): "The columns read, each found by its heading or position, "
                                "with where its value goes; at least one. Columns not listed "
                                "are not read.",
    ("MappedColumn", "to"): "Where the value goes, as the JSON Pointer of the audit's value: "
                            "/organisation/name, /completed_on, /answers/QUESTION, "
                            "/responses/STANDARD/rating, /responses/STANDARD/FIELD, "
                            "/responses/STANDARD/criteria/ID, /moderation/by.",
    ("MappedColumn", "header"): "The column's heading in the first row, compared without "
                                "regard to case or spacing.",
    ("MappedColumn", "subheader"): "SurveyMonkey's second heading row: Response, Open-Ended "
                                   "Response, a choice or a field's label.",
    ("MappedColumn", "occurrence"): "Which of the columns with this heading, counting from 1 "
                                    "(default 1): forms repeat headings.",
    ("MappedColumn", "column"): "The column's position, as letters (K) or a number (11); with "
                                "`header` too, its heading is checked.",
    ("MappedColumn", "values"): "Answer texts (any case) and what each stands for: a code of "
                                "the value (a rating, a choice, a status), or the text to keep "
                                "(a note).",
    ("MappedColumn", "split"): "For a list (areas covered, a list field): the text between "
                               "items in one cell (default: the tool's own, else one item per "
                               "line).",
    ("MappedColumn", "dates"): "How a date in this column is written where it is not year "
                               "first: day-first or month-first (SurveyMonkey writes "
                               "month first).",
    # ---------------------------------------------------------------- crosswalks
    ("CrosswalkFile", "from"): "The template whose standards are mapped: its id, or "
                               "`id@version` for one version of it.",
    ("CrosswalkFile", "to"): "The template they are mapped onto: its id, or `id@version`.",
    ("CrosswalkFile", "standards"): "Each standard of `from` (quoted, as written in its "
                                    "template) and what it maps to: a standard of `to`, a "
                                    "list of them (a split), or null (dropped); several "
                                    "standards mapping to one are merged.",
    ("CrosswalkFile", "same_id"): "Whether a standard with no entry maps to the standard of "
                                  "`to` with the same id; unset: only where the two are "
                                  "versions of one template (the same id, or one `extends` "
                                  "the other).",
    ("CrosswalkFile", "unmatched"): "What a standard of `to` that no entry reaches gets: "
                                    "`none` (default; left to answer) or `domain` (the answers "
                                    "of every standard of `from` sharing one of its domains).",
    ("CrosswalkFile", "fields"): "Optional: a response field of `from` and the field of `to` "
                                 "its answers go to (default: the field with the same id, else "
                                 "the first text field, or the action table for actions).",
    # ---------------------------------------------------------------- domains
    ("DomainList", "domains"): "The common domains, each a safeguarding arrangement every "
                               "organisation should have.",
    ("Domain", "id"): "The domain's id, which standards name in `domains`.",
    ("Domain", "title"): "The domain's name.",
    ("Domain", "description"): "What the domain covers.",
    ("Domain", "source"): "Where the domain comes from (Working Together, a template).",
}
