/* Dossier search scorer: lunr.js 2.3.9's Index#query results, computed from term postings.
 *
 * lunr.js scores a document field by field: the dot product of the field's query vector (an
 * element per matched index term, its clauses' boosts summed) and the field's BM25 vector,
 * divided by the query vector's magnitude, summed over the document's matched fields in the
 * order they were first matched. This does the same floating-point operations in the same
 * order straight from the postings, without a lunr.Vector, lunr.MatchData or lunr.Index, so
 * the scores are bit-identical and ties keep lunr.js's order. Sets window.DossierScore (and
 * module.exports under Node):
 *
 *   search(data, clauses, negated) -> [{score, ordinal, matchData: {metadata}}], best first
 *     data: the search manifest; negated: lunr.Query#isNegated; clauses: one per lunr.Query
 *     clause, {required, prohibited, boost, fields: [field number], terms}, terms holding per
 *     pipeline term the shard entries [term, term index, postings] it expands to, in the order
 *     lunr.TokenSet#toArray lists them. metadata maps each matched term to {field: {}}.
 */
(function (root) {
  "use strict";

  const K1 = 1.2; // lunr.js's BM25 parameters
  const B = 0.75;
  const codec = root.DossierCodec;

  /* lunr.idf: from the number of (field, document) pairs holding the term. */
  function inverseFrequency(fields, documentCount) {
    let withTerm = 0;
    fields.forEach((postings) => { withTerm += postings.length / 3; });
    const x = (documentCount - withTerm + 0.5) / (withTerm + 0.5);
    return Math.log(1 + Math.abs(x));
  }

  /* The weight lunr.Builder#createFieldVectors gives, in its very expression and order. */
  function bm25(idf, tf, length, averageLength, boost) {
    let score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / averageLength)) + tf);
    score *= boost;
    return Math.round(score * 1000) / 1000;
  }

  /* ---- lunr.Index#query's walk over the clauses ------------------------------------------- */

  function newWalk(data) {
    return {
      data: data,
      vectors: data.fields.map(() => new Map()), // per field: term index -> query vector value
      seen: data.fields.map(() => new Set()), // per field: terms collected (termFieldCache)
      collected: [], // {term, index, field, postings, idf} in the order collected
      matches: newMatches(data),
      required: null, // documents every required clause matches; null: all (lunr.Set.complete)
      prohibited: new Set(),
      decoded: new Map(), // term -> {fields: postings per field, idf}
    };
  }

  /* lunr.Vector#upsert(index, boost, (a, b) => a + b) on a query vector (index -> value). */
  function upsert(vector, index, boost) {
    vector.set(index, vector.has(index) ? vector.get(index) + boost : boost);
  }

  /* lunr's matchingFields: the (document, field) pairs holding a query term, numbered in the
   * order first found (the order lunr.js sums their scores in), each listing its collected
   * terms. Flat arrays, not objects: a frequent word has tens of thousands. A pair's key is
   * ordinal * fields + field. */
  function newMatches(data) {
    return {
      numberOf: new Int32Array(data.documents * data.fields.length), // key -> match number + 1
      keys: [], // match number -> key
      firsts: [], // match number -> its first item, an item being one of its terms
      lasts: [],
      terms: [], // item -> its term's place in walk.collected
      nexts: [], // item -> the match's next item, or -1
    };
  }

  function addMatch(matches, key, term) {
    const item = matches.terms.push(term) - 1;
    matches.nexts.push(-1);
    const number = matches.numberOf[key] - 1;
    if (number < 0) {
      matches.numberOf[key] = matches.keys.push(key);
      matches.firsts.push(item);
      matches.lasts.push(item);
    } else {
      matches.nexts[matches.lasts[number]] = item;
      matches.lasts[number] = item;
    }
  }

  function decode(walk, entry) {
    if (!walk.decoded.has(entry[0])) {
      const fields = codec.postings(entry[2], walk.data.fields.length);
      const idf = inverseFrequency(fields, walk.data.documents);
      walk.decoded.set(entry[0], { fields: fields, idf: idf });
    }
    return walk.decoded.get(entry[0]);
  }

  /* The documents holding `entry`'s term in field `f` are matches; once a term and field. */
  function collect(walk, entry, f) {
    if (walk.seen[f].has(entry[0])) return;
    walk.seen[f].add(entry[0]);
    const { fields, idf } = decode(walk, entry);
    const postings = fields[f];
    const term = walk.collected.push({
      term: entry[0], index: entry[1], field: f, postings: postings, idf: idf,
    }) - 1;
    const count = walk.data.fields.length;
    for (let at = 0; at < postings.length; at += 3) {
      addMatch(walk.matches, postings[at] * count + f, term);
    }
  }

  function intersection(set, other) {
    if (set === null) return other;
    const [small, large] = set.size < other.size ? [set, other] : [other, set];
    return new Set(Array.from(small).filter((ordinal) => large.has(ordinal)));
  }

  function addOrdinals(set, postings) {
    for (let at = 0; at < postings.length; at += 3) set.add(postings[at]);
  }

  /* One clause: a required term that expands to nothing leaves no document. */
  function walkClause(walk, clause) {
    const found = new Set(); // the documents any of the clause's terms is in (clauseMatches)
    let missing = false;
    for (const entries of clause.terms) {
      if (!entries.length && clause.required) {
        missing = true;
        break;
      }
      entries.forEach((entry) => clause.fields.forEach((f) => {
        const postings = decode(walk, entry).fields[f];
        if (clause.required) addOrdinals(found, postings);
        if (clause.prohibited) {
          addOrdinals(walk.prohibited, postings);
        } else {
          upsert(walk.vectors[f], entry[1], clause.boost);
          collect(walk, entry, f);
        }
      }));
    }
    if (clause.required) walk.required = intersection(walk.required, missing ? new Set() : found);
  }

  /* ---- lunr.Vector's arithmetic ----------------------------------------------------------- */

  /* lunr.Vector#magnitude: the squares summed in term index order (the elements' order). */
  function magnitude(vector) {
    let sum = 0;
    Array.from(vector.keys()).sort((a, b) => a - b).forEach((index) => {
      const value = vector.get(index);
      sum += value * value;
    });
    return Math.sqrt(sum);
  }

  /* lunr.Vector#dot of each match's field vector with its field's query vector: the products
   * of the terms both hold (the collected ones), added in term index order, the order of a
   * vector's elements. The field vector's weights are lunr.Builder's, from the postings. */
  function dots(walk) {
    const { data, matches } = walk;
    const count = data.fields.length;
    const sums = new Float64Array(matches.keys.length);
    walk.collected.slice().sort((a, b) => a.index - b.index).forEach((term) => {
      const { postings, idf, field } = term;
      const value = walk.vectors[field].get(term.index);
      const average = data.averageLengths[field];
      const boost = data.boosts[data.fields[field]] || 1;
      for (let at = 0; at < postings.length; at += 3) {
        const weight = bm25(idf, postings[at + 1], postings[at + 2], average, boost);
        sums[matches.numberOf[postings[at] * count + field] - 1] += value * weight;
      }
    });
    return sums;
  }

  /* ---- results ---------------------------------------------------------------------------- */

  function admitted(walk, ordinal) {
    return (walk.required === null || walk.required.has(ordinal)) && !walk.prohibited.has(ordinal);
  }

  /* The admitted documents, in the order lunr.js lists them, with their scores: each match's
   * lunr.Vector#similarity (dot / query magnitude || 0), summed in match order. */
  function matched(walk) {
    const { data, matches } = walk;
    const count = data.fields.length;
    const magnitudes = walk.vectors.map(magnitude);
    const sums = dots(walk);
    const scores = new Float64Array(data.documents);
    const listed = new Uint8Array(data.documents);
    const ordinals = [];
    matches.keys.forEach((key, number) => {
      const ordinal = Math.floor(key / count);
      if (!admitted(walk, ordinal)) return;
      const score = sums[number] / magnitudes[key % count] || 0;
      if (listed[ordinal]) {
        scores[ordinal] += score;
      } else {
        listed[ordinal] = 1;
        scores[ordinal] = score;
        ordinals.push(ordinal);
      }
    });
    return { ordinals: ordinals, scores: scores };
  }

  /* A negated query: every admitted document, in index order, scoring 0 (lunr.js's 0 / 0 || 0
   * for an empty query vector, summed). */
  function everyDocument(walk) {
    const ordinals = [];
    for (let ordinal = 0; ordinal < walk.data.documents; ordinal += 1) {
      if (admitted(walk, ordinal)) ordinals.push(ordinal);
    }
    return { ordinals: ordinals, scores: new Float64Array(walk.data.documents) };
  }

  /* lunr.MatchData#metadata of a document: its matches' terms, in the order lunr adds them. */
  function metadataOf(walk, ordinal) {
    const { data, matches } = walk;
    const metadata = Object.create(null);
    const numbers = data.fields.map((_, f) => matches.numberOf[ordinal * data.fields.length + f]);
    numbers.filter((n) => n > 0).sort((a, b) => a - b).forEach((n) => {
      for (let item = matches.firsts[n - 1]; item >= 0; item = matches.nexts[item]) {
        const { term, field } = walk.collected[matches.terms[item]];
        if (!metadata[term]) metadata[term] = Object.create(null);
        metadata[term][data.fields[field]] = {};
      }
    });
    return metadata;
  }

  /* The hits of `ordinals`. A hit's matchData is made when first read (the search page reads
   * it for the few hits it shows): until then it is a getter of the hits' common prototype. */
  function hits(walk, ordinals, scores) {
    const prototype = {
      get matchData() {
        const matchData = { metadata: metadataOf(walk, this.ordinal) };
        Object.defineProperty(this, "matchData", { value: matchData, enumerable: true });
        return matchData;
      },
    };
    return ordinals.map((ordinal) => {
      const hit = Object.create(prototype);
      hit.score = scores[ordinal];
      hit.ordinal = ordinal;
      return hit;
    });
  }

  function search(data, clauses, negated) {
    const walk = newWalk(data);
    clauses.forEach((clause) => walkClause(walk, clause));
    const { ordinals, scores } = negated ? everyDocument(walk) : matched(walk);
    ordinals.sort((a, b) => scores[b] - scores[a]); // stable, as lunr.js's b.score - a.score
    return hits(walk, ordinals, scores);
  }

  const api = { search: search, bm25: bm25, inverseFrequency: inverseFrequency };
  root.DossierScore = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
