"""Find the actor names of a text: aliases, acronyms and "Syrian and Russian jets"."""

from __future__ import annotations

from generator.extract_text import Doc, Mention, longest
from generator.gazetteer_build import ActorHit, Matchers


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
    for j in range(i, min(i + 4, len(doc.tokens))):
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
    n = len(doc.tokens)
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
    mentions = []
    for start, end, by_noun in parts:
        actor = by_noun.get(noun_key)
        if actor:
            mentions.append(Mention(start, noun_end if start == parts[-1][0] else end, actor))
    return mentions if mentions and mentions[-1].end == noun_end else []


def actor_mentions(doc: Doc, m: Matchers) -> list[Mention]:
    """Actor and non-actor names in text order, longest first, not overlapping."""
    out: list[Mention] = []
    i, n = 0, len(doc.tokens)
    while i < n:
        key = doc.keys[i]
        if (key in m.modifiers or key in m.modifier_prefixes) and (
            chain := _coordinated(doc, i, m)
        ):
            out.extend(chain)
            i = chain[-1].end
            continue
        found = longest(doc, i, m.actor_keys, m.actor_prefixes)
        if found is not None and found[1].proper and not _capitalised(doc, i, found[0]):
            found = None
        if found is None:
            word = _acronym(doc, i, m.actor_acronyms) or m.actor_words.get(doc.plains[i])
            if word is not None and not (word.proper and not doc.is_capitalised(i)):
                found = (i + 1, word)
        if found is None:
            i += 1
            continue
        end, hit = found
        out.append(Mention(i, end, hit.actor, hit.agency))
        i = end
    return out
