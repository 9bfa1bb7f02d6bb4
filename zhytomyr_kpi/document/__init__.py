"""Reading the decision text: raw text → records that keep their source lines.

``reader.read_document`` finds the parts of the standard form and hands each to its reader:
``passport``, ``resources`` (Table 6.1), ``annex_a`` (directions and measures), ``annex_b``
(performance indicators). ``layout`` splits and decodes the text and reads years and amount
cells, ``numbers`` and ``units`` the values, ``vocabulary`` holds the form's words,
``model`` the records. The document's own quirks come from reviewed files (``quirks``),
reference data from ``reference`` and ``executors``; ``roles`` applies the reviewed
corrections and says which measures count in totals. Nothing here adds up or judges.
"""
