"""``python -m zhytomyr_kpi.serve lab|app``: see :mod:`zhytomyr_kpi.serve`."""

from zhytomyr_kpi.serve import main

main()
