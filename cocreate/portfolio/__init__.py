"""Before the workshops and across them: the inventory, the members' choice, where each stands.

Modules, each a set of pure functions on a :class:`~cocreate.portfolio_model.Portfolio`
(files are read and written by :mod:`cocreate.storage.portfolio`):

``inventory``  the 業務の棚卸し: candidates' figures, edits, the 業務説明表 sheet in and out
``selection``  criteria, members' proposals, ratings and dots (the voting rules of ideas),
               the decision log
``ranking``    the tally of the vote on candidates: medians, dots, quadrant, rank
``start``      a chosen candidate as a new workshop, its data carried over
``status``     each process's status derived from its workshop, its figures and the totals

Nothing heavy is imported here: the analyses load networkx only when they run.
"""
