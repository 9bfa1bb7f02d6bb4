"""Which measure (or indicator) of the new edition is which of the old one.

An amendment renumbers: a measure put in the middle of a direction shifts every id after it,
and a measure removed shifts them back. Matching by id alone would report every shifted
measure as rewritten. So measures are matched by what they say, in rounds from the surest
to the least sure, and each round takes only what is left by the ones before:

1. the same content, task and executors (the text normalised: case, spaces, punctuation);
2. the same content in the same direction (the task or the executors were edited);
3. the same id in the same direction, with content that is still recognisably the same
   (similarity ≥ :data:`SAME_ID_SIMILARITY`: the wording was edited);
4. the most similar content in the same direction (similarity ≥ :data:`SIMILAR`), best
   pairs first.

What is left is removed (old) or added (new). Among equal candidates the one with the same
id, then the nearest position, wins, so repeated wording («Придбання послуг та товарів»)
pairs in order. Similarity is :class:`difflib.SequenceMatcher`'s ratio of the normalised
texts; the thresholds were chosen on the test editions (a rewritten clause keeps ≥ 0.6, two
different measures of one direction rarely reach 0.5).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

#: Round 3: same id and direction, content at least this similar.
SAME_ID_SIMILARITY = 0.5
#: Round 4: different ids, content at least this similar.
SIMILAR = 0.72

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_NOT_WORD = re.compile(r"[^\w']+")


def normalised(text: object) -> str:
    """Text for comparing: NFC, lower case, apostrophes folded, punctuation and spaces as one
    space. Two wordings that differ only in these are the same wording."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0…1 (1: equal; two empty texts are equal)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.4 or matcher.quick_ratio() < 0.4:
        return 0.0
    return matcher.ratio()


@dataclass(frozen=True)
class Item:
    """One measure (or indicator) as the matcher sees it."""

    key: str  # the id (measure_id; group-number for an indicator)
    group: str  # the direction (or the indicator's group): items never move between groups
    text: str  # normalised content (or name)
    context: str  # normalised task + executors (or unit): the tie-breaker of round 1
    position: int  # order in its edition


def match(old: Sequence[Item], new: Sequence[Item]) -> list[tuple[Item | None, Item | None]]:
    """Pairs (old, new) in the new edition's order, then the removed old items in theirs;
    (old, None) is removed, (None, new) is added."""
    pairs: dict[int, int] = {}  # old position → new position

    def free_old():
        return [o for o in old if o.position not in pairs]

    def free_new():
        taken = set(pairs.values())
        return [n for n in new if n.position not in taken]

    _exact(free_old(), free_new(), pairs, lambda i: (i.group, i.text, i.context))
    _exact(free_old(), free_new(), pairs, lambda i: (i.group, i.text))
    for o in free_old():
        for n in free_new():
            if n.key == o.key and n.group == o.group and \
                    similarity(o.text, n.text) >= SAME_ID_SIMILARITY:
                pairs[o.position] = n.position
                break
    candidates = []
    for o in free_old():
        for n in free_new():
            if n.group == o.group:
                score = similarity(o.text, n.text)
                if score >= SIMILAR:
                    candidates.append((-score, abs(o.position - n.position), o.position,
                                       n.position))
    taken_new: set[int] = set()
    for _, _, o_pos, n_pos in sorted(candidates):
        if o_pos not in pairs and n_pos not in taken_new:
            pairs[o_pos] = n_pos
            taken_new.add(n_pos)
    by_new = {n_pos: o_pos for o_pos, n_pos in pairs.items()}
    old_at = {o.position: o for o in old}
    result: list[tuple[Item | None, Item | None]] = [
        (old_at[by_new[n.position]] if n.position in by_new else None, n) for n in new]
    result += [(o, None) for o in old if o.position not in pairs]
    return result


def _exact(old: list[Item], new: list[Item], pairs: dict[int, int],
           key: Callable[[Item], tuple]) -> None:
    """Pair items whose ``key`` is equal; among several, the same id first, then in order."""
    waiting: dict[tuple, list[Item]] = {}
    for n in new:
        waiting.setdefault(key(n), []).append(n)
    for o in old:
        if not o.text:
            continue  # an empty content says nothing about which measure it is
        same = waiting.get(key(o))
        if not same:
            continue
        chosen = next((n for n in same if n.key == o.key), same[0])
        same.remove(chosen)
        pairs[o.position] = chosen.position
