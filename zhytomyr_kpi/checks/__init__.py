"""Reconciling the document with itself: every check → findings (stated, computed, delta, line).

``catalogue`` runs the checks in order: ``money`` (Annex A sums, Table 6.1, the passport),
``cells`` (ids, amount cells, stray numbers, terms), ``indicators`` (Annex B), ``audit`` (the
auditor's checks: places that state the same fact). ``findings`` holds the records they
return; ``parsed`` the plain parsed programme that the rooms above start from.
"""
