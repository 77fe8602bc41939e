"""Find the actor names of a text: aliases, acronyms and "Syrian and Russian jets"."""

from __future__ import annotations

from functools import lru_cache
from itertools import compress

from generator.extract_text import Doc, Mention, longest
from generator.gazetteer_build import ActorHit, Matchers
from generator.toponyms import plain_key, token_key


def _acronym(doc: Doc, i: int, acronyms: dict[str, ActorHit]) -> ActorHit | None:
    raw = doc.raw(i)
    if raw[-2:-1] in ("'", "’") and raw[-1:] == "s":
        raw = raw[:-2]
    hit = acronyms.get(raw)
    if hit is None and raw.endswith("s") and raw[:-1].isupper():
        hit = acronyms.get(raw[:-1])  # "ISILs": a possessive whose apostrophe was lost
    if hit is None and len(raw) >= 4 and raw.istitle():
        hit = acronyms.get(raw.upper())  # "Isis", "Isil"
    return hit


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    """Whether the first word of a phrase that is not an Arabic article is capitalised."""
    first = next((k for k in range(start, end) if doc.keys[k]), start)
    return doc.is_capitalised(first)


def _noun_after(doc: Doc, i: int, by_noun: dict[str, str], m: Matchers) -> tuple[int, str] | None:
    """The longest noun of ``by_noun`` starting at word ``i``: (end, noun key)."""
    best = None
    key = ""
    for j in range(i, min(i + 4, len(doc.words))):
        if j > i and not doc.tight[j]:
            break
        key = f"{key} {doc.keys[j]}" if key else doc.keys[j]
        if key in by_noun:
            best = (j + 1, key)
        if key not in m.noun_prefixes:
            break
    return best


def _coordinated(doc: Doc, i: int, m: Matchers) -> list[Mention]:
    """ "Syrian and Russian fighter jets" -> the Syrian and the Russian air forces."""
    n = len(doc.words)
    parts: list[tuple[int, int, dict[str, str]]] = []
    j = i
    while j < n:
        found = longest(doc, j, m.modifiers, m.modifier_prefixes)
        if found is None:
            return []
        end, by_noun = found
        parts.append((j, end, by_noun))
        if end < n and doc.lowers[end] in ("and", "or") and doc.plain_gap(end):
            j = end + 1
        elif end < n and doc.comma_before(end):
            j = end
        else:
            break
        if j >= n or not doc.plain_gap(j):
            return []
    if len(parts) < 2:
        return []
    noun = _noun_after(doc, parts[-1][1], parts[-1][2], m)
    if noun is None:
        return []
    noun_end, noun_key = noun
    if doc.hyphen[parts[-1][1]]:
        return []  # "Russia and Iranian-backed militias": only the last modifier
    if not all(noun_key in by_noun for _, _, by_noun in parts):
        return []  # "the Syrian government and opposition factions": no shared noun
    last = parts[-1][0]
    return [
        Mention(start, noun_end if start == last else end, by_noun[noun_key])
        for start, end, by_noun in parts
    ]


def _lost_apostrophe(doc: Doc, i: int, m: Matchers) -> tuple[int, ActorHit] | None:
    """ "al Qaedas", "the Free Syrian Armys": a proper name's possessive without its
    apostrophe."""
    key = ""
    for j in range(i, min(i + 8, len(doc.words))):
        if j > i and not doc.tight[j]:
            return None
        word = doc.words[j]
        if len(word) > 3 and word[-1] == "s" and word[-2] != "s":
            stem = token_key(word[:-1])
            hit = (
                m.actor_keys.get(f"{key} {stem}")
                if key
                else m.actor_words.get(plain_key(word[:-1]))
            )
            if hit is not None and hit.proper and _capitalised(doc, i, j + 1):
                return j + 1, hit
        if doc.keys[j]:
            key = f"{key} {doc.keys[j]}" if key else doc.keys[j]
            if key not in m.actor_prefixes:
                return None
    return None


@lru_cache(maxsize=50_000)
def _stems(word: str) -> tuple[str, str]:
    """The tolerant and plain keys of a word without its last letter ("Qaedas" -> Qaeda)."""
    return token_key(word[:-1]), plain_key(word[:-1])


def _candidates(doc: Doc, m: Matchers) -> list[int]:
    """Words where an actor name may start: heads of multi-word names and of modifiers,
    one-word names, acronyms, and possessives that lost their apostrophe ("Qaedas")."""
    cache = m.actor_starts
    for word in set(doc.words).difference(cache):
        cache[word] = _may_start(word, m)
    return list(compress(range(len(doc.words)), map(cache.__getitem__, doc.words)))


def _may_start(word: str, m: Matchers) -> bool:
    key, plain = token_key(word), plain_key(word)
    if key in m.actor_heads or plain in m.actor_words:
        return True
    if not word[0].isupper():
        return False
    if key in m.actor_proper_heads or word in m.acronym_forms:
        return True
    return word[-1] == "s" and _stem_head(word, m)


def _stem_head(word: str, m: Matchers) -> bool:
    key, plain = _stems(word)
    return key in m.actor_heads or key in m.actor_proper_heads or plain in m.actor_words


def _mention_at(doc: Doc, i: int, floor: int, m: Matchers) -> list[Mention]:
    """The actor names starting at word ``i`` (several for "Syrian and Russian jets"), or at
    the Arabic articles before it, down to word ``floor``."""
    key = doc.keys[i]
    if (key in m.modifiers or key in m.modifier_prefixes) and (chain := _coordinated(doc, i, m)):
        return chain
    found = longest(doc, i, m.actor_keys, m.actor_prefixes)
    if found is not None and found[1].proper and not _capitalised(doc, i, found[0]):
        found = None
    start = i
    if found is not None:
        while start > floor and not doc.keys[start - 1] and doc.tight[start]:
            start -= 1  # "al-Nusra Front" starts at "al"
    else:
        word = _acronym(doc, i, m.actor_acronyms) if doc.caps[i] else None
        if word is None:
            word = m.actor_words.get(doc.plains[i])
        if word is not None and not (word.proper and not doc.caps[i]):
            found = (i + 1, word)
    if found is None and doc.caps[i]:
        found = _lost_apostrophe(doc, i, m)
    if found is None:
        return []
    end, hit = found
    return [Mention(start, end, hit.actor, hit.agency)]


def actor_mentions(doc: Doc, m: Matchers) -> list[Mention]:
    """Actor and non-actor names in text order, longest first, not overlapping."""
    out: list[Mention] = []
    end = 0
    for i in _candidates(doc, m):
        if i < end:
            continue
        found = _mention_at(doc, i, end, m)
        if found:
            out.extend(found)
            end = found[-1].end
    return out


def _bare(doc: Doc, i: int, end: int) -> bool:
    """Whether words ``i``..``end`` stand alone after "the" or open a sentence ("the army
    said", "Government sources"), not "the army of Iraq" nor "the government-held"."""
    if i and doc.lowers[i - 1] == "the" and doc.tight[i]:
        opening = True
    else:
        opening = doc.caps[i] and (i == 0 or bool(set(doc.gaps[i]) & set(".\n")))
    if not opening or end >= len(doc.words):
        return opening
    return not doc.hyphen[end] and not (doc.lowers[end] == "of" and doc.plain_gap(end))


def default_mentions(doc: Doc, m: Matchers, actors: list[Mention]) -> list[Mention]:
    """Bare "the army", "the government": the war's own side, unless the article names
    another state's army or government (``actors``: the names found so far)."""
    heads = m.default_heads
    if heads.isdisjoint(doc.keys):
        return []
    starts = list(compress(range(len(doc.keys)), map(heads.__contains__, doc.keys)))
    if not starts:
        return []
    covered = {k for a in actors for k in range(a.start, a.end)}
    rivals = {doc.keys[a.end - 1] for a in actors if a.name in m.rival_states}
    out = []
    for i in starts:
        found = longest(doc, i, m.defaults, m.default_prefixes)
        if found is None or i in covered or not _bare(doc, i, found[0]):
            continue
        end, actor = found
        if not rivals & m.default_rivals[actor]:
            out.append(Mention(i, end, actor))
    return out
