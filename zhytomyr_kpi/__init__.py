"""zhytomyr_kpi — the programme «Ефективна влада. Конкурентне місто» as tidy, reconciled tables.

>>> from zhytomyr_kpi import load_program
>>> program = load_program()          # the decision in data/raw/
>>> program.funding.head()            # one row per measure per year
"""

from .errors import ParseError
from .program import Program, load_program

__all__ = ["ParseError", "Program", "load_program"]
__version__ = "0.1.0"
