/* Dossier sharded search engine: lunr.js 2.3.9 results from an index split by term.
 *
 * The build (generator/search_shards.py, generator/search_records.py) writes
 * search/manifest.js, search/terms-NNNN.js, search/vocab-NNNN.js, one record per document
 * (search/doc/K/N.js), the filter facets (search/facets.js) and filter columns
 * (search/cols-NNNN.js). Each file is a script calling
 * window.DossierSearch.register(name, data), so it loads with <script src> from file:// too
 * (browsers refuse fetch() there). A query loads the manifest and the term shards its terms
 * can touch (plus the vocabulary buckets, by term length, that fuzzy terms and terms starting
 * with a wildcard can match) and scores the documents their postings list with
 * DossierScore, which gives lunr.js's own Index#query results: a document's score depends only
 * on the query's terms, so it is exactly what the whole index gives, in the same order.
 *
 * Needs window.lunr (assets/vendor/lunr.min.js) for QueryParser, Pipeline and TokenSet,
 * window.DossierCodec (assets/search-codec.js) to read the files and window.DossierScore
 * (assets/search-score.js) to score.
 *
 *   DossierSearch.configure({base: "search/", loader: (url, name) => Promise})
 *   DossierSearch.search("+free +syrian +army", {limit: 10, offset: 0, phrases: ["free syrian army"]})
 *     -> Promise<[{score, matchData, ordinal}]> (array.total = number of hits); with phrases,
 *        only hits holding each phrase (its words in order, in the title or the body) count
 *   DossierSearch.documents(resultsOrOrdinals)
 *     -> Promise<[{ref, title, date, date_precision, source, url, text: the lead, more}]>
 *   DossierSearch.fullText(resultOrOrdinal, record) -> Promise<lead and the text after it>
 *   DossierSearch.filters(ordinals or null for all)
 *     -> Promise<{table: facets.js, size, chunks: Map chunk number -> decoded cols chunk}>
 *        (DossierFilters.columnsOf reads them)
 *   DossierSearch.facets() -> Promise<search/facets.js: facets with archive counts, years, newest>
 *   DossierSearch.manifest() -> Promise<{documents, fields, ...}>
 */
(function (root) {
  "use strict";

  const FORMAT = 3;

  function chunkName(kind, number) {
    return kind + "-" + String(number).padStart(4, "0");
  }

  /* Index of the last item of `sorted` that is <= key under `compare`, or -1. */
  function lastAtMost(sorted, key, compare) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(sorted[middle], key) <= 0) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }

  /* JavaScript's string order (UTF-16 code units): the order of terms in lunr. */
  function compareUnits(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function scriptLoader(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = () => {
        script.remove();
        resolve();
      };
      script.onerror = () => {
        script.remove();
        reject(new Error("could not load " + url));
      };
      document.head.appendChild(script);
    });
  }

  const codec = root.DossierCodec;
  const scorer = root.DossierScore;

  function createEngine(options) {
    const settings = { base: "search/", loader: null, lunr: null };
    const registered = new Map(); // name -> data, between a script running and its load ending
    const loads = new Map(); // name -> Promise of the file's (prepared) data
    const loadedNames = [];
    const vocabularySets = new Map(); // bucket numbers joined by "," -> lunr.TokenSet

    function lunrLib() {
      const lib = settings.lunr || root.lunr;
      if (!lib) throw new Error("lunr.js is not loaded");
      return lib;
    }

    function configure(values) {
      Object.keys(values || {}).forEach((key) => {
        if (!(key in settings)) throw new Error("unknown option " + key);
        settings[key] = values[key];
      });
      if (settings.base && !settings.base.endsWith("/")) settings.base += "/";
      return api;
    }

    function register(name, data) {
      registered.set(String(name), data);
    }

    /* The data the file `name` registers, passed once through `prepare`. */
    function load(name, prepare) {
      if (!loads.has(name)) {
        const url = settings.base + name + ".js";
        const promise = Promise.resolve()
          .then(() => (settings.loader || scriptLoader)(url, name))
          .then(() => {
            if (!registered.has(name)) throw new Error(url + " did not register " + name);
            const data = registered.get(name);
            registered.delete(name);
            loadedNames.push(name);
            return prepare ? prepare(data) : data;
          });
        loads.set(name, promise);
        promise.catch(() => loads.delete(name)); // a later call may try again
      }
      return loads.get(name);
    }

    function manifest() {
      return load("manifest", (data) => {
        if (!data || data.format !== FORMAT) throw new Error("unsupported search manifest");
        data.termShards = data.termShards ? data.termShards.split(" ") : []; // no term has spaces
        return data;
      });
    }

    function pipelineOf(data) {
      if (!data._pipeline) data._pipeline = lunrLib().Pipeline.load(data.pipeline);
      return data._pipeline;
    }

    function termShard(number) {
      return load(chunkName("terms", number), (entries) => {
        const byTerm = new Map();
        entries.forEach((entry) => byTerm.set(entry[0], entry));
        return { terms: entries.map((entry) => entry[0]), byTerm: byTerm };
      });
    }

    function vocabulary(bucket) {
      return load(chunkName("vocab", bucket), codec.frontDecode);
    }

    /* The vocabulary buckets (terms by UTF-16 length, the last holding every longer term) a
     * fuzzy term or a term starting with a wildcard may match: a term within edit distance k
     * of a term of length n has n - k to n + k units; a wildcard term has at least its other
     * characters. */
    function vocabularyBuckets(data, clause, term) {
      const last = data.vocabularyBuckets;
      const fuzzy = "editDistance" in clause && term.indexOf("*") < 0;
      const shortest = fuzzy ? term.length - clause.editDistance : term.replace(/\*/g, "").length;
      const longest = fuzzy ? term.length + clause.editDistance : Infinity;
      return data.vocabularyLengths.filter((bucket) =>
        bucket === last ? longest >= last : bucket >= shortest && bucket <= longest);
    }

    /* ---- which terms a clause can match ------------------------------------------------- */

    function shardOf(data, term) {
      return Math.max(0, lastAtMost(data.termShards, term, compareUnits));
    }

    /* One pipeline term of a clause: the shards whose terms it may match, or the vocabulary
     * buckets when it may match anywhere (fuzzy, or a wildcard first). */
    function lookup(data, clause, term) {
      const probe = Object.assign({}, clause, { term: term });
      const star = term.indexOf("*");
      const prefix = star < 0 ? term : term.slice(0, star);
      if ("editDistance" in clause || star === 0) {
        const buckets = vocabularyBuckets(data, clause, term);
        return { clause: probe, prefix: "", vocab: buckets, shards: [] };
      }
      const shards = [shardOf(data, prefix)];
      if (star > 0) {
        let next = shards[0] + 1;
        while (next < data.termShards.length && data.termShards[next].startsWith(prefix)) {
          shards.push(next);
          next += 1;
        }
      }
      if (!data.termShards.length) shards.length = 0;
      return { clause: probe, prefix: prefix, vocab: null, shards: shards };
    }

    /* Per clause of the query, a lookup for each of its pipeline terms. */
    function lookups(data, query) {
      const pipeline = pipelineOf(data);
      return query.clauses.map((clause) => {
        const terms = clause.usePipeline
          ? pipeline.runString(clause.term, { fields: clause.fields })
          : [clause.term];
        return terms.map((term) => lookup(data, clause, term));
      });
    }

    /* The terms of some vocabulary buckets as one lunr.TokenSet (kept for the next query). */
    async function vocabularySet(buckets) {
      const key = buckets.join(",");
      if (!vocabularySets.has(key)) {
        const lists = await Promise.all(buckets.map(vocabulary));
        const terms = [].concat(...lists).sort(compareUnits);
        vocabularySets.set(key, lunrLib().TokenSet.fromArray(terms));
      }
      return vocabularySets.get(key);
    }

    /* The index terms a lookup matches, found with lunr's own TokenSet intersection, in the
     * order the whole index's TokenSet lists them (a term's place depends only on the terms
     * found, not on the other candidates). */
    async function expand(item, shards) {
      const lib = lunrLib();
      let candidates;
      if (item.vocab) {
        candidates = await vocabularySet(item.vocab);
      } else {
        const terms = [];
        item.shards.forEach((number) => {
          shards.get(number).terms.forEach((term) => {
            if (term.startsWith(item.prefix)) terms.push(term);
          });
        });
        candidates = lib.TokenSet.fromArray(terms);
      }
      return candidates.intersect(lib.TokenSet.fromClause(item.clause)).toArray();
    }

    async function loadShards(numbers, shards) {
      const wanted = Array.from(new Set(numbers)).filter((number) => !shards.has(number));
      const loaded = await Promise.all(wanted.map(termShard));
      wanted.forEach((number, i) => shards.set(number, loaded[i]));
    }

    /* The query's clauses as DossierScore.search takes them: each pipeline term's index terms
     * (their shard entries) in the order lunr's TokenSet lists them. */
    async function scoredClauses(data, query) {
      const perClause = lookups(data, query);
      const items = [].concat(...perClause);
      const shards = new Map();
      await loadShards([].concat(...items.map((item) => item.shards)), shards);
      const expanded = await Promise.all(items.map((item) => expand(item, shards)));
      await loadShards([].concat(...expanded).map((term) => shardOf(data, term)), shards);
      const entryOf = (term) => shards.get(shardOf(data, term)).byTerm.get(term);
      const presence = lunrLib().Query.presence;
      let next = 0;
      return query.clauses.map((clause, c) => ({
        required: clause.presence === presence.REQUIRED,
        prohibited: clause.presence === presence.PROHIBITED,
        boost: clause.boost,
        fields: clause.fields.map((field) => data.fields.indexOf(field)),
        terms: perClause[c].map(() => expanded[next++].map(entryOf)),
      }));
    }

    function parse(data, queryString) {
      const lib = lunrLib();
      const query = new lib.Query(data.fields);
      new lib.QueryParser(queryString, query).parse(); // throws lunr.QueryParseError
      return query;
    }

    /* ---- documents --------------------------------------------------------------------- */

    function recordName(data, ordinal) {
      return "doc/" + Math.floor(ordinal / data.docsPerFolder) + "/" + ordinal;
    }

    function ordinalOf(item) {
      return typeof item === "object" && item !== null ? item.ordinal : item;
    }

    /* Records for results (or ordinals), in the same order; null for an unknown ordinal. */
    async function documents(items) {
      const data = await manifest();
      return Promise.all(Array.from(items).map((item) => {
        const ordinal = ordinalOf(item);
        if (!(Number.isInteger(ordinal) && ordinal >= 0 && ordinal < data.documents)) return null;
        return load(recordName(data, ordinal));
      }));
    }

    /* The whole snippet text of a record: its lead, and the text following it when the
     * record has more (loaded from its -more file). */
    async function fullText(item, record) {
      if (!record || !record.more) return record ? record.text : "";
      const data = await manifest();
      return record.text + (await load(recordName(data, ordinalOf(item)) + "-more"));
    }

    /* ---- filter columns ---------------------------------------------------------------- */

    function facetTable() {
      return load("facets");
    }

    function columnChunk(table, number) {
      return load(chunkName("cols", number), (text) => codec.columns(text, table.facets.length));
    }

    /* The facets.js table and the column chunks holding `ordinals` (every one if null). */
    async function filters(ordinals) {
      const [data, table] = await Promise.all([manifest(), facetTable()]);
      const size = data.columnChunk;
      const wanted = new Set();
      if (ordinals === null || ordinals === undefined) {
        for (let n = 0; n * size < data.documents; n += 1) wanted.add(n);
      } else {
        Array.from(ordinals).forEach((o) => wanted.add(Math.floor(ordinalOf(o) / size)));
      }
      const numbers = Array.from(wanted);
      const loaded = await Promise.all(numbers.map((n) => columnChunk(table, n)));
      const chunks = new Map();
      numbers.forEach((n, i) => chunks.set(n, loaded[i]));
      return { table: table, size: size, chunks: chunks };
    }

    /* ---- phrases ----------------------------------------------------------------------- */

    let indexPipeline = null;

    /* The phrase's index terms with their places: [[term, offset], ...]; a stop word or a
     * word without letters keeps its place but has no term (as when the text was indexed). */
    function phraseTerms(phrase) {
      const lib = lunrLib();
      if (!indexPipeline) {
        indexPipeline = new lib.Pipeline();
        indexPipeline.add(lib.trimmer, lib.stopWordFilter, lib.stemmer);
      }
      const found = [];
      lib.tokenizer(phrase).forEach((token, offset) => {
        const terms = indexPipeline.run([token]);
        const term = terms.length ? terms[0].toString() : "";
        if (term) found.push([term, offset]);
      });
      return found;
    }

    /* The results holding every phrase of two or more index terms. */
    async function withPhrases(data, phrases, results) {
      const checks = phrases.map(phraseTerms).filter((terms) => terms.length > 1);
      if (!checks.length) return results;
      const terms = Array.from(new Set([].concat(...checks.map((c) => c.map(([t]) => t)))));
      const shards = await Promise.all(
        terms.map((term) => load(chunkName("pos", shardOf(data, term)))));
      const positionsOf = new Map();
      terms.forEach((term, i) => {
        positionsOf.set(term, codec.positions(shards[i][term] || "", data.positions.length));
      });
      return results.filter((result) => checks.every((check) => data.positions.some(
        (_, field) => codec.holdsPhrase(check.map(([term, offset]) =>
          [positionsOf.get(term)[field].get(result.ordinal), offset])))));
    }

    /* ---- search ------------------------------------------------------------------------ */

    async function search(queryString, opts) {
      const data = await manifest();
      const query = parse(data, queryString);
      let all = scorer.search(data, await scoredClauses(data, query), query.isNegated());
      if (opts && opts.phrases && opts.phrases.length) {
        all = await withPhrases(data, opts.phrases, all);
      }
      const offset = Math.max(0, (opts && opts.offset) || 0);
      const limit = opts && opts.limit !== undefined ? opts.limit : all.length;
      const shown = all.slice(offset, offset + limit);
      shown.total = all.length;
      return shown;
    }

    const api = {
      configure: configure,
      register: register,
      manifest: manifest,
      search: search,
      documents: documents,
      fullText: fullText,
      filters: filters,
      facets: facetTable,
      loaded: () => loadedNames.slice(),
      createEngine: createEngine,
    };
    return configure(options);
  }

  const engine = createEngine();
  root.DossierSearch = engine;
  if (typeof module === "object" && module && module.exports) module.exports = engine;
})(typeof window !== "undefined" ? window : globalThis);
