/* Dossier search page.
 *
 * Runs lunr.js over the index prebuilt at build time. The page loads, in this order and with
 * plain <script src> (never fetch(), which browsers refuse from file://):
 *   assets/vendor/lunr.min.js  -> window.lunr
 *   search/index.js            -> window.DOSSIER_INDEX (serialized lunr index)
 *   search/docs.js             -> window.DOSSIER_DOCS  ({ref: {title, date, ..., text}})
 *   assets/search.js           -> this file
 * State lives in the URL: search.html?q=convoy&place=Raqqa&year=2017 (filters repeatable).
 * Article text is untrusted: every node is built with createElement/textContent.
 */
(function () {
  "use strict";

  const FACETS = [
    { param: "place", label: "Places", values: (doc) => doc.places || [] },
    { param: "actor", label: "Actors", values: (doc) => doc.actors || [] },
    { param: "year", label: "Years", values: (doc) => yearOf(doc) },
  ];
  const FACET_LIMIT = 15;
  const RESULT_LIMIT = 200;
  const SNIPPET_BEFORE = 90; // characters of context before the first matched word
  const SNIPPET_LENGTH = 280;
  const FIELD_ALIASES = { place: "places", actor: "actors" };
  const WORDS = /[^\s-]+/g; // lunr.tokenizer splits on /[\s\-]+/

  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const filtersBox = document.getElementById("search-filters");
  const statusLine = document.getElementById("search-status");
  const resultList = document.getElementById("search-results");
  const baseTitle = document.title;

  const docs = window.DOSSIER_DOCS || {};
  let index = null;
  let lastQuery = null;
  let lastOutcome = null;
  const termCache = new Map();

  function yearOf(doc) {
    return /^\d{4}/.test(doc.date || "") ? [doc.date.slice(0, 4)] : [];
  }

  function unique(values) {
    return Array.from(new Set(values));
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /* ---- state <-> URL ---------------------------------------------------------------- */

  function emptyFilters() {
    const filters = {};
    FACETS.forEach((facet) => { filters[facet.param] = []; });
    return filters;
  }

  function readState(search) {
    const params = new URLSearchParams(search);
    const filters = emptyFilters();
    FACETS.forEach((facet) => {
      filters[facet.param] = unique(params.getAll(facet.param).filter((v) => v !== ""));
    });
    return { q: (params.get("q") || "").trim(), filters: filters };
  }

  function stateUrl(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach((facet) => {
      state.filters[facet.param].forEach((value) => params.append(facet.param, value));
    });
    const query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  /* Returns false when the browser refuses (some refuse history changes on file:// pages). */
  function changeUrl(method, state) {
    try {
      history[method](null, "", stateUrl(state));
      return true;
    } catch (error) {
      return false;
    }
  }

  /* ---- queries ------------------------------------------------------------------------ */

  /* lunr.trimmer: indexed words lose leading and trailing [^A-Za-z0-9_] characters. */
  function trimWord(word) {
    return word.replace(/^\W+/, "").replace(/\W+$/, "");
  }

  function escapeTerm(word) {
    return word.replace(/[:~^*+\\-]/g, "\\$&");
  }

  /* One whitespace-separated piece of the query. Plain words are split and trimmed the way
   * indexed text is ("convoy," finds "convoy"); a leading +/- and a field: prefix apply to
   * each word; pieces using lunr wildcard, fuzzy, boost or escape syntax are left as typed. */
  function prepareClause(piece) {
    const parts = /^([+-]?)(?:([A-Za-z_]+):)?([\s\S]*)$/.exec(piece);
    const presence = parts[1];
    let field = parts[2] ? parts[2].toLowerCase() : "";
    field = FIELD_ALIASES[field] || field;
    const prefix = presence + (field ? field + ":" : "");
    if (/[*~^\\]/.test(parts[3])) return prefix + parts[3];
    const words = parts[3].split(/[\s-]+/).map(trimWord).filter(Boolean);
    return words.map((word) => prefix + escapeTerm(word)).join(" ");
  }

  function prepareQuery(q) {
    return q.split(/\s+/).map(prepareClause).filter(Boolean).join(" ");
  }

  /* The query's words with lunr's syntax characters taken as separators: the fallback when
   * the query does not parse ("convoy~x", "unknown:word"). */
  function plainQuery(q) {
    return q.split(/[\s:~^*+\\-]+/).map(trimWord).filter(Boolean).map(escapeTerm).join(" ");
  }

  function isParseError(error) {
    return typeof lunr.QueryParseError === "function" && error instanceof lunr.QueryParseError;
  }

  function search(q) {
    const prepared = prepareQuery(q);
    if (!prepared) {
      return { results: [], note: "It has no searchable words: the index holds words written " +
        "with Latin letters or digits." };
    }
    try {
      return { results: index.search(prepared), note: "" };
    } catch (error) {
      if (!isParseError(error)) throw error;
      const note = "“" + q + "” is not a valid query (" + error.message + "), so its words " +
        "were searched instead.";
      const plain = plainQuery(q);
      if (!plain) return { results: [], note: note };
      try {
        return { results: index.search(plain), note: note };
      } catch (again) {
        if (!isParseError(again)) throw again;
        return { results: [], note: note };
      }
    }
  }

  function searchOnce(q) {
    if (q !== lastQuery) {
      lastOutcome = search(q);
      lastQuery = q;
    }
    return lastOutcome;
  }

  /* ---- snippets and highlighting ------------------------------------------------------ */

  /* The index term lunr.js makes of one word ("" for a stop word or a word with no letters). */
  function termOf(word) {
    let term = termCache.get(word);
    if (term === undefined) {
      const token = lunr.trimmer(new lunr.Token(word.toLowerCase(), {}));
      term = lunr.stopWordFilter(token) ? lunr.stemmer(token).toString() : "";
      termCache.set(word, term);
    }
    return term;
  }

  /* Spans [start, end) of the words in text[from, to) whose term is in `terms`. */
  function matchedSpans(text, terms, from, to, firstOnly) {
    const spans = [];
    const words = new RegExp(WORDS.source, "g");
    words.lastIndex = from;
    let match;
    while ((match = words.exec(text)) !== null && match.index < to) {
      const word = match[0];
      const term = termOf(word);
      if (!term || !terms.has(term)) continue;
      const lead = /^\W*/.exec(word)[0].length;
      const tail = /\W*$/.exec(word)[0].length;
      const end = Math.min(match.index + word.length - tail, to);
      if (match.index + lead < end) spans.push([match.index + lead, end]);
      if (firstOnly && spans.length) break;
    }
    return spans;
  }

  function appendHighlighted(parent, text, spans) {
    let at = 0;
    spans.forEach(([start, end]) => {
      if (start > at) parent.appendChild(document.createTextNode(text.slice(at, start)));
      parent.appendChild(element("mark", "", text.slice(start, end)));
      at = end;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /* A window of the body around its first matched word, with matched words marked. */
  function snippet(text, terms) {
    const first = matchedSpans(text, terms, 0, text.length, true);
    let start = first.length ? Math.max(0, first[0][0] - SNIPPET_BEFORE) : 0;
    if (start > 0) {
      const space = text.slice(start).search(/\s/);
      if (space >= 0 && start + space < first[0][0]) start += space + 1;
    }
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      const space = text.slice(start, end).search(/\s\S*$/);
      if (space > 0 && (!first.length || start + space > first[0][1])) end = start + space;
    }
    const piece = text.slice(start, end);
    const spans = matchedSpans(piece, terms, 0, piece.length, false);
    const paragraph = element("p", "snippet");
    if (start > 0) paragraph.appendChild(document.createTextNode("… "));
    appendHighlighted(paragraph, piece.replace(/\s/g, " "), spans);
    if (end < text.length) paragraph.appendChild(document.createTextNode(" …"));
    return paragraph;
  }

  /* ---- rendering ---------------------------------------------------------------------- */

  function renderResult(result, doc) {
    const terms = new Set(Object.keys(result.matchData.metadata));
    const item = element("li");
    const link = element("a", "result-title");
    link.href = doc.url;
    const title = doc.title || "(untitled)";
    appendHighlighted(link, title, matchedSpans(title, terms, 0, title.length, false));
    item.appendChild(link);

    const meta = element("p", "meta");
    if (doc.date) {
      const time = element("time", "", doc.date);
      time.setAttribute("datetime", doc.date);
      meta.appendChild(time);
    } else {
      meta.appendChild(element("span", "", "Undated"));
    }
    if (doc.source) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(element("span", "", doc.source));
    }
    item.appendChild(meta);
    if (doc.text) item.appendChild(snippet(doc.text, terms));
    return item;
  }

  function matchesFilters(doc, filters) {
    return FACETS.every((facet) => {
      const values = facet.values(doc);
      return filters[facet.param].every((value) => values.indexOf(value) >= 0);
    });
  }

  function facetEntries(facet, hits, selected) {
    const counts = new Map();
    hits.forEach((result) => {
      unique(facet.values(docs[result.ref])).forEach((value) => {
        counts.set(value, (counts.get(value) || 0) + 1);
      });
    });
    const ranked = Array.from(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const shown = ranked.slice(0, FACET_LIMIT);
    selected.forEach((value) => {
      if (!shown.some((entry) => entry[0] === value)) shown.push([value, counts.get(value) || 0]);
    });
    if (facet.param === "year") shown.sort((a, b) => b[0].localeCompare(a[0]));
    return shown;
  }

  function renderFilters(state, hits) {
    clear(filtersBox);
    FACETS.forEach((facet) => {
      const selected = state.filters[facet.param];
      const entries = facetEntries(facet, hits, selected);
      if (!entries.length) return;
      const fieldset = element("fieldset");
      fieldset.appendChild(element("legend", "", facet.label));
      entries.forEach(([value, count]) => {
        const label = element("label");
        const box = element("input");
        box.type = "checkbox";
        box.name = facet.param;
        box.value = value;
        box.checked = selected.indexOf(value) >= 0;
        box.addEventListener("change", () => toggleFilter(state, facet.param, value, box.checked));
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " "));
        label.appendChild(element("span", "count", String(count)));
        fieldset.appendChild(label);
      });
      filtersBox.appendChild(fieldset);
    });
    if (FACETS.some((facet) => state.filters[facet.param].length)) {
      const reset = element("button", "", "Clear filters");
      reset.type = "button";
      reset.addEventListener("click", () => {
        const next = { q: state.q, filters: emptyFilters() };
        changeUrl("replaceState", next);
        render(next);
        input.focus();
      });
      filtersBox.appendChild(reset);
    }
  }

  function toggleFilter(state, param, value, on) {
    const filters = emptyFilters();
    FACETS.forEach((facet) => { filters[facet.param] = state.filters[facet.param].slice(); });
    filters[param] = on ? unique(filters[param].concat([value]))
      : filters[param].filter((v) => v !== value);
    const next = { q: state.q, filters: filters };
    changeUrl("replaceState", next);
    render(next);
    const boxes = filtersBox.querySelectorAll("input[type=checkbox]");
    for (let i = 0; i < boxes.length; i += 1) {
      if (boxes[i].name === param && boxes[i].value === value) boxes[i].focus();
    }
  }

  function statusText(state, total, shown, note) {
    const quoted = "“" + state.q + "”";
    const filtered = FACETS.some((facet) => state.filters[facet.param].length);
    let text;
    if (!total) text = "No articles match " + quoted + ".";
    else if (filtered) {
      text = shown + " of " + plural(total, "article") + " matching " + quoted +
        " pass the selected filters.";
    } else text = plural(total, "article") + (total === 1 ? " matches " : " match ") + quoted + ".";
    if (shown > RESULT_LIMIT) text += " Showing the best " + RESULT_LIMIT + ".";
    return note ? text + " " + note : text;
  }

  function render(state) {
    input.value = state.q;
    document.title = state.q ? state.q + " – " + baseTitle : baseTitle;
    clear(resultList);
    if (!state.q) {
      clear(filtersBox);
      statusLine.textContent = "Type one or more words to search " +
        plural(Object.keys(docs).length, "article") + ". Use convo* for words starting " +
        "with “convo”, +word to require a word, -word to exclude one, title:word to search titles.";
      return;
    }
    const outcome = searchOnce(state.q);
    const hits = outcome.results.filter((result) => docs[result.ref]);
    const kept = hits.filter((result) => matchesFilters(docs[result.ref], state.filters));
    renderFilters(state, kept);
    statusLine.textContent = statusText(state, hits.length, kept.length, outcome.note);
    kept.slice(0, RESULT_LIMIT).forEach((result) => {
      resultList.appendChild(renderResult(result, docs[result.ref]));
    });
  }

  /* ---- start -------------------------------------------------------------------------- */

  function start() {
    if (!form || !input || !filtersBox || !statusLine || !resultList) return;
    if (typeof lunr === "undefined" || !window.DOSSIER_INDEX || !window.DOSSIER_DOCS) {
      statusLine.textContent = "Search is unavailable: the search index files did not load.";
      return;
    }
    try {
      index = lunr.Index.load(window.DOSSIER_INDEX);
    } catch (error) {
      statusLine.textContent = "Search is unavailable: the search index could not be read.";
      return;
    }
    form.addEventListener("submit", (event) => {
      const next = { q: input.value.trim(), filters: emptyFilters() };
      if (!changeUrl("pushState", next)) return; // let the browser submit the form itself
      event.preventDefault();
      render(next);
    });
    window.addEventListener("popstate", () => render(readState(location.search)));
    render(readState(location.search));
  }

  start();
})();
