"""Survey import: ratings, dots and problems from Microsoft Forms and Google Forms exports.

Both services export one row per respondent and one column per question: CSV (UTF-8
with a BOM as downloaded, or cp932 once it has been opened and saved by Japanese Excel)
or XLSX, read by :mod:`cocreate.tables`. Importing works in two steps, so that nothing
is written from a bad file:

1. :func:`plan_import` reads the table, matches respondents to members and columns to
   questions, checks every cell and applies the answers to the workshop in memory. It
   returns a :class:`FormsPlan` listing every invalid cell, one per line with its row.
2. :func:`apply_plan` writes each respondent's answers into that member's own file, under
   its lock, reading the workshop once; the CLI only calls it when the plan has no issue,
   or with ``--skip-invalid`` (then invalid cells, and rows of unknown respondents, are
   left out).

The modules: :mod:`.read` (the export and the mapping file), :mod:`.columns` (what each
column asks), :mod:`.scales` (cells as numbers, the five-step word scales), :mod:`.plan`
(respondents, checks) and :mod:`.apply` (writing). A mapping file names what cannot be
guessed::

    {
      "columns": {
        "Q1": {"kind": "effect", "idea": "watanabe.i1"},
        "Q2": {"kind": "effort", "idea": "watanabe.i1"},
        "業務で困っていること": {"kind": "problem", "steps": ["s02"]},
        "備考": {"kind": "ignore"}
      },
      "respondents": {"guest@example.com": "sato"},
      "scale": {"とても大きい": 5, "大きい": 4, "普通": 3, "小さい": 2, "とても小さい": 1}
    }
"""

from cocreate.prioritize.survey.apply import apply_answers, apply_plan
from cocreate.prioritize.survey.columns import Column, match_columns
from cocreate.prioritize.survey.plan import FormsPlan, Issue, MemberAnswers, plan_import
from cocreate.prioritize.survey.read import KINDS, SurveyTable, load_mapping, read_export

__all__ = [
    "KINDS",
    "Column",
    "FormsPlan",
    "Issue",
    "MemberAnswers",
    "SurveyTable",
    "apply_answers",
    "apply_plan",
    "load_mapping",
    "match_columns",
    "plan_import",
    "read_export",
]
