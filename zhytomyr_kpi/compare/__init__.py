"""Two editions of a programme: what an amendment changes, as the council's comparative table
(issue 23). :func:`compare` gives the tidy frames (:mod:`.changes`); :mod:`.summary` the
console text; :mod:`.table` the comparative table as XLSX, PDF and DOCX."""
