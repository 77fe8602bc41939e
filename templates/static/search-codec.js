/* Dossier search codec: reads the compact strings of the search files (generator/search_*.py).
 *
 * Numbers are base-32 digits, most significant first: the last digit of each number is one of
 * "0-9a-v", the others are "w-zA-Z-_" (search_shards_pack.encode_numbers). Sets
 * window.DossierCodec (and module.exports under Node):
 *   numbers(text) -> [int]; frontDecode(text) -> [term] (search_shards_pack.front_code)
 *   postings(text, fields) -> per field [ordinal, tf, length, ordinal, tf, length, ...] in the
 *     order lunr.js lists the documents
 *   columns(text, facets) -> {days, starts, ids} of a cols-NNNN chunk (see columnsOf)
 *   positions(text, fields) -> per field Map ordinal -> Set of word positions
 *   holdsPhrase([[positions Set or undefined, offset], ...]) -> whether the words stand in order
 */
(function (root) {
  "use strict";

  const DIGITS = (() => {
    const table = new Int8Array(128).fill(-1);
    const last = "0123456789abcdefghijklmnopqrstuv";
    const more = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    for (let i = 0; i < 32; i += 1) {
      table[last.charCodeAt(i)] = i;
      table[more.charCodeAt(i)] = 32 + i;
    }
    return table;
  })();

  function numbers(text) {
    const values = [];
    let current = 0;
    for (let i = 0; i < text.length; i += 1) {
      const digit = DIGITS[text.charCodeAt(i)];
      if (digit === undefined || digit < 0) throw new Error("bad number string");
      if (digit >= 32) current = current * 32 + digit - 32;
      else {
        values.push(current * 32 + digit);
        current = 0;
      }
    }
    return values;
  }

  /* search_shards.zigzag's inverse: 0, 1, 2, 3 ... -> 0, -1, 1, -2 ... */
  function unzigzag(value) {
    return value % 2 ? -(value + 1) / 2 : value / 2;
  }

  /* Inverse of search_shards_pack.front_code: "<shared units, hex>|<rest>" joined by spaces. */
  function frontDecode(text) {
    const terms = [];
    let previous = "";
    if (!text) return terms;
    text.split(" ").forEach((part) => {
      const bar = part.indexOf("|");
      previous = previous.slice(0, parseInt(part.slice(0, bar), 16)) + part.slice(bar + 1);
      terms.push(previous);
    });
    return terms;
  }

  /* A term's postings: per field a count, then per document its ordinal delta (zigzag), the
   * term's count in the field and the field's length. */
  function postings(text, fields) {
    const values = numbers(text);
    let at = 0;
    const found = [];
    for (let f = 0; f < fields; f += 1) {
      const count = values[at];
      at += 1;
      const list = [];
      let ordinal = 0;
      for (let k = 0; k < count; k += 1, at += 3) {
        ordinal += unzigzag(values[at]);
        list.push(ordinal, values[at + 1], values[at + 2]);
      }
      found.push(list);
    }
    return found;
  }

  /* A cols-NNNN chunk: per document its day code, then per facet a count and its value
   * numbers, ascending, as differences. Gives days[i] and, per facet f,
   * ids[f].slice(starts[f][i], starts[f][i + 1]). */
  function columns(text, facets) {
    const values = numbers(text);
    const days = [];
    const starts = [];
    const ids = [];
    for (let f = 0; f < facets; f += 1) {
      starts.push([0]);
      ids.push([]);
    }
    let at = 0;
    while (at < values.length) {
      days.push(values[at]);
      at += 1;
      for (let f = 0; f < facets; f += 1) {
        const count = values[at];
        let number = 0;
        for (let k = 1; k <= count; k += 1) {
          number += values[at + k];
          ids[f].push(number);
        }
        at += count + 1;
        starts[f].push(ids[f].length);
      }
    }
    return { days: days, starts: starts, ids: ids };
  }

  /* A pos-NNNN entry: per field a count, then per document its ordinal delta, its number of
   * positions and their deltas. */
  function positions(text, fields) {
    const values = numbers(text);
    let at = 0;
    const found = [];
    for (let f = 0; f < fields; f += 1) {
      const byOrdinal = new Map();
      const count = values[at] || 0;
      at += 1;
      let ordinal = 0;
      for (let k = 0; k < count; k += 1) {
        ordinal += values[at];
        const size = values[at + 1];
        at += 2;
        const set = new Set();
        let position = 0;
        for (let j = 0; j < size; j += 1, at += 1) {
          position += values[at];
          set.add(position);
        }
        byOrdinal.set(ordinal, set);
      }
      found.push(byOrdinal);
    }
    return found;
  }

  /* Whether some position p of the first word has every word i at p - offset0 + offset_i. */
  function holdsPhrase(words) {
    if (!words.length || words.some(([set]) => !set)) return false;
    const firstOffset = words[0][1];
    for (const position of words[0][0]) {
      const start = position - firstOffset;
      if (words.every(([set, offset]) => set.has(start + offset))) return true;
    }
    return false;
  }

  const api = {
    numbers: numbers,
    frontDecode: frontDecode,
    postings: postings,
    columns: columns,
    positions: positions,
    holdsPhrase: holdsPhrase,
  };
  root.DossierCodec = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
