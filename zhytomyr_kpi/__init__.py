"""zhytomyr_kpi — the programme «Ефективна влада. Конкурентне місто» as tidy, reconciled tables.

>>> from zhytomyr_kpi import load_program
>>> program = load_program()          # the decision in data/raw/
>>> program.funding.head()            # one row per measure per year

``Program`` and ``load_program`` are imported on first use (PEP 562), so a module that needs
no pandas — the process that runs the report's audit notebooks — starts without it.
"""

from zhytomyr_kpi.basics.errors import ParseError

__all__ = ["ParseError", "Program", "load_program"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in ("Program", "load_program"):
        from zhytomyr_kpi import program

        return getattr(program, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
