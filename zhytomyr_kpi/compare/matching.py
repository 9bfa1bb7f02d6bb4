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
   pairs first, within :data:`WINDOW` places of each other among what is left.

What is left is removed (old) or added (new). Among equal candidates the one with the same
id, then the nearest position, wins, so repeated wording («Придбання послуг та товарів»)
pairs in order. Similarity is the normalised Indel similarity of the two normalised texts
(``rapidfuzz.fuzz.ratio``: twice the longest common subsequence over the total length, which
:class:`difflib.SequenceMatcher`'s ratio approximates from below, found exactly and about a
hundred times faster). The thresholds were chosen on the test editions (a rewritten clause
keeps ≥ 0.6, two different measures of one direction rarely reach 0.5).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

#: Round 3: same id and direction, content at least this similar.
SAME_ID_SIMILARITY = 0.5
#: Round 4: different ids, content at least this similar.
SIMILAR = 0.72
#: Round 4: how many places apart (among a direction's unpaired items) two items may be.
WINDOW = 40

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_NOT_WORD = re.compile(r"[^\w']+")


def normalised(text: object) -> str:
    """Text for comparing: NFC, lower case, apostrophes folded, punctuation and spaces as one
    space. Two wordings that differ only in these are the same wording."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """How alike two normalised texts are, 0…1 (1: equal; two empty texts are equal); below
    ``cutoff`` it is 0 (and cheaper to find)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b, score_cutoff=cutoff * 100) / 100


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
    _same_id(free_old(), free_new(), pairs)
    _most_similar(free_old(), free_new(), pairs)
    by_new = {n_pos: o_pos for o_pos, n_pos in pairs.items()}
    old_at = {o.position: o for o in old}
    result: list[tuple[Item | None, Item | None]] = [
        (old_at[by_new[n.position]] if n.position in by_new else None, n) for n in new]
    result += [(o, None) for o in old if o.position not in pairs]
    return result


def _same_id(old: list[Item], new: list[Item], pairs: dict[int, int]) -> None:
    """Round 3: the same id in the same direction, the wording still recognisably the same."""
    by_id: dict[tuple[str, str], list[Item]] = {}
    for n in new:
        by_id.setdefault((n.key, n.group), []).append(n)
    for o in old:
        same = by_id.get((o.key, o.group), [])
        n = next((n for n in same
                  if similarity(o.text, n.text, SAME_ID_SIMILARITY) >= SAME_ID_SIMILARITY), None)
        if n is not None:
            pairs[o.position] = n.position
            same.remove(n)


def _most_similar(old: list[Item], new: list[Item], pairs: dict[int, int]) -> None:
    """Round 4: the most similar wording in the same direction, best pairs first.

    Among the items still unpaired of one direction, an old item is compared with the new
    ones at most :data:`WINDOW` places from its own place in that list, not with all of
    them: an amendment inserts and removes, it does not shuffle a direction, and comparing
    all with all made a 2 000-measure rewrite take half a minute. A measure moved further
    than that is reported as removed and added, both shown."""
    groups: dict[str, tuple[list[Item], list[Item]]] = {}
    for o in old:
        groups.setdefault(o.group, ([], []))[0].append(o)
    for n in new:
        groups.setdefault(n.group, ([], []))[1].append(n)
    candidates = []
    for olds, news in groups.values():
        for i, o in enumerate(olds):
            for n in news[max(0, i - WINDOW): i + WINDOW + 1]:
                score = similarity(o.text, n.text, SIMILAR)
                if score >= SIMILAR:
                    candidates.append((-score, abs(o.position - n.position), o.position,
                                       n.position))
    taken_new: set[int] = set()
    for _, _, o_pos, n_pos in sorted(candidates):
        if o_pos not in pairs and n_pos not in taken_new:
            pairs[o_pos] = n_pos
            taken_new.add(n_pos)


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
