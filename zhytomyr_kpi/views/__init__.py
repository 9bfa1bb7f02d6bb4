"""What people look at: tables, charts, the overview, the explorer and the console summary.

``labels`` (Ukrainian words for codes), ``display`` (Styler tables), ``plots`` (charts),
``overview`` (the programme at a glance), ``explore`` (selections and sums behind the
explorer) and ``explore_widgets`` (the explorer and the app as ipywidgets), ``summary`` (the
console, Markdown and JSON output of the CLI). They read the programme; they compute nothing
the analysis does not.
"""
