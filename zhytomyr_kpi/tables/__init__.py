"""The tables of the data contract: records → pandas frames, schemas, Excel, the build.

``metadata`` is the one column registry (Ukrainian labels, units, types) that feeds the
pandera ``schemas`` and the ``excel`` headers; ``frames`` builds the document's tables,
``programme`` adds them to the parsed programme lazily; ``build`` writes data/processed/
deterministically, all or nothing.
"""
