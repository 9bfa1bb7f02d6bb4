import sys

from zhytomyr_kpi.cli import main

sys.exit(main())
