"""Publication on the council's website (section 8 of the decision): a folder the web editor
uploads as it is.

Modules: :mod:`.page` (the summary as an accessible, self-contained HTML page: ``lang="uk"``,
headings, real tables, charts as embedded images with text alternatives, no scripts, nothing
fetched from elsewhere), :mod:`.open_data` (the tables as CSV in UTF-8 and one XLSX, with a
Frictionless Data Package ``datapackage.json`` whose schemas come from the column registry
:mod:`zhytomyr_kpi.tables.metadata`), :mod:`.folder` (the folder, written all or nothing, with
the report's PDF).

Nothing from the audit trail is published: no executed notebook, no executors' workbooks or
submission records (file names, cells, received times), no hashes of inputs.
"""
