"""Several maps of one process: bureaus' variants, alignment, comparison, standard, fit & gap.

A workshop's own lanes, steps and flows are its primary map; ``Workshop.variants`` holds
the others (kind as-is, standard, to-be or reference). Every function here is pure: it
takes the workshop first and returns a result dataclass or a new workshop; nothing is
loaded or saved. The modules:

* :mod:`~cocreate.variants.maps`: map ids, step references ``variant:step``, views and
  edits (add, rename, remove, copy, import into a variant);
* :mod:`~cocreate.variants.align`: which steps of different maps are the same work;
* :mod:`~cocreate.variants.compare`: the maps side by side, per case, per year, per step;
* :mod:`~cocreate.variants.standard`: a standard flow composed from the maps, and the
  hours each bureau would save with it; :mod:`~cocreate.variants.choices` resolves its
  choices against the alignment (the checks use it, so it needs no metrics);
* :mod:`~cocreate.variants.fitgap`: fit and gap of a map against a reference flow;
* :mod:`~cocreate.variants.check`: the integrity checks of all of the above.

This package imports nothing heavy: ``check`` runs on every load.
"""

from __future__ import annotations

__all__: list[str] = []
