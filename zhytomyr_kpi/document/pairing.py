"""Which Annex B indicators an efficiency indicator divides, read from the indicators' names.

A programme of the standard form names its efficiency indicators «Середні видатки на одного
учасника молодіжних заходів», «Середня вартість облаштування одного пішохідного переходу»: an
average cost per one thing, that is a cost indicator (money) ÷ an output indicator (a count of
that thing). :func:`derived_pairs` finds the two by their names: the output indicator must name
the thing counted (the words after «одного», «однієї», «одну», «одне»), and each of the two must be
the one indicator of its group whose name shares the most words with the efficiency indicator's.
Where the thing is not named, where no indicator or two indicators fit equally, or where the
units do not fit (the cost in money, the output a count, the efficiency in money), nothing is
paired and the indicator is listed as unpaired with the reason: a guess is never checked.

Only a programme without a reviewed list (``efficiency_pairs.csv`` of its quirk set) is paired
so; No. 1685's reviewed list stays authoritative (:func:`pairs_for`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.document.model import Indicator
from zhytomyr_kpi.document.reference import EfficiencyPair, document_folder, efficiency_pairs
from zhytomyr_kpi.document.units import COUNTED, MONEY_IN_UAH

#: Words (by their beginnings) that say «an average of money» or join words, not what is counted.
_GENERIC = ("середн", "вартіст", "вартос", "видат", "витрат", "розмір", "обсяг", "кількіст",
            "сума", "суми", "для", "які", "яка", "який", "яке", "що", "щодо", "або", "при", "між")
#: «одного», «однієї», «одну», «одне», «одній», «одним»: the thing counted follows.
_ONE = re.compile(r"^одн(?:ого|ієї|у|е|ій|им|а)$")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
#: Units an output indicator may count in so that cost ÷ output is money per one thing.
_COUNTS = COUNTED


@dataclass(frozen=True)
class Unpaired:
    """An efficiency indicator no cost and output could be found for, and why (in Ukrainian)."""

    efficiency: int
    reason: str


def _words(name: str) -> list[str]:
    return [w for w in _WORD.findall(name.lower()) if len(w) >= 3 or w.isupper()]


def _content(words: list[str]) -> list[str]:
    return [w for w in words if not w.startswith(_GENERIC) and not _ONE.match(w)]


def _same_word(a: str, b: str) -> bool:
    """Two forms of one word: «переходу» and «переходів», «школа» and «школи»."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(3, min(5, min(len(a), len(b)) - 1))


def _shared(words: list[str], name: str) -> int:
    theirs = _words(name)
    return sum(any(_same_word(w, t) for t in theirs) for w in words)


def _best(candidates: list[Indicator], words: list[str],
          required: list[str]) -> tuple[Indicator | None, str]:
    scored = [(_shared(words, c.name), c) for c in candidates
              if not required or _shared(required, c.name)]
    scored = [(score, c) for score, c in scored if score > 0]
    if not scored:
        return None, "немає"
    top = max(score for score, _ in scored)
    best = [c for score, c in scored if score == top]
    if len(best) > 1:
        return None, "кілька однаково подібних: " + ", ".join(str(c.number) for c in best)
    return best[0], ""


def derived_pairs(indicators: list[Indicator]) -> tuple[list[EfficiencyPair], list[Unpaired]]:
    """Cost ÷ output pairs of every efficiency indicator whose names match unambiguously."""
    costs = [i for i in indicators if i.group == "cost" and i.unit_code in MONEY_IN_UAH]
    outputs = [i for i in indicators if i.group == "output" and i.unit_code in _COUNTS]
    pairs, unpaired = [], []
    for eff in (i for i in indicators if i.group == "efficiency"):
        words = _words(eff.name)
        ones = [n for n, w in enumerate(words) if _ONE.match(w)]
        thing = _content(words[ones[0] + 1:]) if ones else []
        if eff.unit_code not in MONEY_IN_UAH:
            unpaired.append(Unpaired(eff.number, f"одиниця «{eff.unit}» — не гроші"))
            continue
        if not thing:
            unpaired.append(Unpaired(eff.number, "у назві не сказано, на одного (одну) кого чи "
                                                 "що розраховано середні видатки"))
            continue
        content = _content(words)
        cost, why_cost = _best(costs, content, [])
        output, why_output = _best(outputs, content, thing)
        if cost is None or output is None:
            reasons = [f"показник затрат — {why_cost}" if cost is None else "",
                       f"показник продукту — {why_output}" if output is None else ""]
            unpaired.append(Unpaired(eff.number, "; ".join(r for r in reasons if r)))
            continue
        pairs.append(EfficiencyPair(
            eff.number, (("cost", cost.number),), (("output", output.number),),
            f"за назвами: «{clip(eff.name, 60)}» = затрати {cost.number} ÷ продукт {output.number}"))
    return pairs, unpaired


def has_reviewed_pairs(folder: Path | None) -> bool:
    return folder is not None and (folder / "efficiency_pairs.csv").is_file()


def pairs_for(document) -> tuple[tuple[EfficiencyPair, ...], list[Unpaired], bool]:
    """The pairs to check: the reviewed list where the document has one, else those derived
    from Annex B's names; the unpaired indicators; whether the pairs were derived."""
    folder = document_folder(document)
    if has_reviewed_pairs(folder):
        return efficiency_pairs(folder), [], False
    pairs, unpaired = derived_pairs(document.indicators)
    return tuple(pairs), unpaired, True
