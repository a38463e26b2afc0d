"""After the pilot: tasks with one owner each, measured KPIs, the evaluation and the decision.

The loop from the plan to a decision a manager signs (スモールスタート → 効果測定 → 横展開).
Modules, each importable on its own and each a set of pure functions on a
:class:`~cocreate.model.Workshop`:

``period``    the pilot's period (start to end, both included)
``tasks``     tasks with exactly one owner (主担当): add, edit, complete, remove, list
``values``    reading KPI values (units checked and converted), dates and labels
``measure``   measured KPI values: record one, remove one, import a CSV/XLSX of them
``resurvey``  the workload survey re-run on a to-be map of the process as it now runs
``criteria``  rollout criteria linked to KPIs and thresholds
``kpis``      each KPI against its baseline and target: the latest value, 達成率, the verdict
``savings``   the annual saving estimated versus verified, explained idea by idea
``evaluate``  all of it at once, with each rollout criterion's verdict and its evidence
``trace``     the KPI, measurement, idea, cause and problem ids behind each figure
``decide``    the rollout decision (横展開, 継続試行, 見直し, 中止) and the verification status
``issues``    issues the pilot met and what was done (課題と対応)
``checks``    the errors and warnings ``cocreate check`` adds for all of the above

Nothing heavy is imported here: the analyses load networkx only when they run.
"""
