"""Mutated documents: reading gives a Program or a ParseError, never another exception."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhytomyr_kpi import ParseError, Program, load_program
from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT
from zhytomyr_kpi.checks.catalogue import CHECKS

LINES = DEFAULT_DOCUMENT.read_text(encoding="utf-8").split("\n")
NOISE = st.sampled_from(["", "-", "12,3,4", "0,0 0,0", "ВСЬОГО", "РАЗОМ", "1.1.", "3.2.2.",
                         "ТОП-3", "Місцевий бюджет", "2018-", "ПОКАЗНИКИ ЯКОСТІ", "\t", "abc",
                         "1 000,5", "9.", "*", "—"])


@st.composite
def mutated(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "cell", "truncate"]))
        at = draw(st.integers(0, len(lines) - 1))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "cell":
            cells = lines[at].split("\t")
            cells[draw(st.integers(0, len(cells) - 1))] = draw(NOISE | st.text(max_size=8))
            lines[at] = "\t".join(cells)
        else:
            lines = lines[:at]
        if not lines:
            lines = [""]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents_give_a_program_or_a_parse_error(raw):
    try:
        program = load_program(DEFAULT_DOCUMENT, raw=raw)
    except ParseError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(program, Program)
    assert program.measures.measure_id.is_unique
    assert len(program.check_results) == len(CHECKS)
