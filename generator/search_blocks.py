"""A term's postings or positions kept in blocks of ordinals, so a changed document re-encodes
one block of each of its terms instead of every document holding them.

A field's list is a sequence of items ``(ordinal, payload)`` in ordinal order (the payload of a
posting is its tf and field length; of a position list, its size and position deltas). The
shipped string of a field is its item count, then per item its ordinal gap and payload (see
:mod:`generator.search_postings` and :mod:`generator.search_positions`). A block holds the items
of one range of :data:`BLOCK` ordinals with everything after its first gap already encoded, so
the string is the blocks' parts joined, and equals the one encoded in one go (a test checks).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

from generator.search_shards_pack import decode_numbers, encode_number, encode_numbers

#: Ordinals per block.
BLOCK = 256

Item = tuple[int, tuple[int, ...]]  # (ordinal, payload)
Block = tuple[int, int, int, str]  # first ordinal, last ordinal, items, the rest encoded
FieldBlocks = tuple[Block, ...]
#: How many numbers the payload starting at ``numbers[at]`` has.
PayloadSize = Callable[[Sequence[int], int], int]


def fixed_payload(size: int) -> PayloadSize:
    return lambda _numbers, _at: size


def sized_payload(numbers: Sequence[int], at: int) -> int:
    """A payload that starts with the count of the numbers after it."""
    return 1 + numbers[at]


def gap_code(gap: int, zigzag: bool) -> int:
    """An ordinal gap (never negative in ordinal order) as shipped: zigzag-coded postings
    gaps, plain position gaps."""
    return gap * 2 if zigzag else gap


def make_blocks(items: Iterable[Item], zigzag: bool) -> FieldBlocks:
    """Blocks of ``items`` (in ordinal order)."""
    blocks = []
    for _, grouped in itertools.groupby(items, key=lambda item: item[0] // BLOCK):
        group = list(grouped)
        numbers = list(group[0][1])
        previous = group[0][0]
        for ordinal, payload in group[1:]:
            numbers.append(gap_code(ordinal - previous, zigzag))
            numbers.extend(payload)
            previous = ordinal
        blocks.append((group[0][0], previous, len(group), encode_numbers(numbers)))
    return tuple(blocks)


def block_items(block: Block, zigzag: bool, payload: PayloadSize) -> list[Item]:
    """The items of one block."""
    first, _, count, rest = block
    numbers = decode_numbers(rest)
    items, at, ordinal = [], 0, first
    for number in range(count):
        if number:
            ordinal += numbers[at] // 2 if zigzag else numbers[at]
            at += 1
        size = payload(numbers, at)
        items.append((ordinal, tuple(numbers[at : at + size])))
        at += size
    return items


def all_items(blocks: FieldBlocks, zigzag: bool, payload: PayloadSize) -> list[Item]:
    return [item for block in blocks for item in block_items(block, zigzag, payload)]


def joined(fields: Sequence[FieldBlocks], zigzag: bool) -> str:
    """The shipped string: per field its item count, then each block's first gap and rest."""
    parts = []
    for blocks in fields:
        parts.append(encode_number(sum(block[2] for block in blocks)))
        previous = 0
        for first, last, _, rest in blocks:
            parts += (encode_number(gap_code(first - previous, zigzag)), rest)
            previous = last
    return "".join(parts)


def replaced(
    blocks: FieldBlocks,
    gone: set[int],
    fresh: Sequence[Item],
    zigzag: bool,
    payload: PayloadSize,
) -> FieldBlocks:
    """``blocks`` without the items of the ``gone`` ordinals and with the ``fresh`` items."""
    touched = {ordinal // BLOCK for ordinal in gone} | {item[0] // BLOCK for item in fresh}
    kept = [block for block in blocks if block[0] // BLOCK not in touched]
    for number in touched:
        items = [
            item
            for block in blocks
            if block[0] // BLOCK == number
            for item in block_items(block, zigzag, payload)
            if item[0] not in gone
        ]
        items += [item for item in fresh if item[0] // BLOCK == number]
        kept += make_blocks(sorted(items), zigzag)
    return tuple(sorted(kept))
