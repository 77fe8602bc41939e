/* Dossier search page.
 *
 * Runs lunr.js over the index prebuilt at build time and split into small files
 * (generator/search_shards.py). The page loads, in this order:
 *   assets/vendor/lunr.min.js  -> window.lunr
 *   assets/search-engine.js    -> window.DossierSearch (loads search/*.js on demand)
 *   assets/search.js           -> this file
 * A query loads the search manifest, the term shards of its words, the result records of its
 * hits (for the filters) and the text of the results shown, each with <script src> (never
 * fetch(), which browsers refuse from file://).
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
  const PAGE_SIZE = 50; // results shown at first and added by each "Show more"
  const BUSY_DELAY_MS = 120; // quicker answers show no loading state, so nothing flickers
  const SNIPPET_BEFORE = 90; // characters of context before the first matched word
  const SNIPPET_LENGTH = 280;
  const FIELD_ALIASES = { place: "places", actor: "actors" };
  const WORDS = /[^\s-]+/g; // lunr.tokenizer splits on /[\s\-]+/

  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const filtersBox = document.getElementById("search-filters");
  const statusLine = document.getElementById("search-status");
  const resultList = document.getElementById("search-results");
  const moreButton = document.getElementById("search-more");
  const moreLabel = moreButton ? moreButton.textContent : "";
  const baseTitle = document.title;

  const engine = window.DossierSearch;
  let generation = 0; // bumped by every update; older updates stop at their next await
  let latest = null; // the state last asked for (filters toggle from it)
  let view = null; // the results on show: {token, state, kept, shown, note, total, loading}
  let cached = null; // {q, promise} of the last query's hits with their records
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

  /* Every hit of `q`, with a note when the query had to be read otherwise. The engine throws
   * lunr.QueryParseError on a query lunr cannot parse. */
  async function search(q) {
    const prepared = prepareQuery(q);
    if (!prepared) {
      return { hits: [], note: "It has no searchable words: the index holds words written " +
        "with Latin letters or digits." };
    }
    try {
      return { hits: await engine.search(prepared), note: "" };
    } catch (error) {
      if (!isParseError(error)) throw error;
      const note = "“" + q + "” is not a valid query (" + error.message + "), so its words " +
        "were searched instead.";
      const plain = plainQuery(q);
      if (!plain) return { hits: [], note: note };
      try {
        return { hits: await engine.search(plain), note: note };
      } catch (again) {
        if (!isParseError(again)) throw again;
        return { hits: [], note: note };
      }
    }
  }

  /* The hits of `q`, best first, each with its record (without text) for the filters:
   * {found: [{hit, doc}], note}. The last query's answer is kept for filter changes. */
  function matches(q) {
    if (!cached || cached.q !== q) {
      const promise = search(q).then(async (outcome) => {
        const records = await engine.documents(outcome.hits);
        const found = [];
        outcome.hits.forEach((hit, i) => {
          if (records[i]) found.push({ hit: hit, doc: records[i] });
        });
        return { found: found, note: outcome.note };
      });
      cached = { q: q, promise: promise };
      promise.catch(() => {
        if (cached && cached.promise === promise) cached = null; // try again next time
      });
    }
    return cached.promise;
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

  function facetEntries(facet, docs, selected) {
    const counts = new Map();
    docs.forEach((doc) => {
      unique(facet.values(doc)).forEach((value) => {
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

  function renderFilters(state, docs) {
    clear(filtersBox);
    FACETS.forEach((facet) => {
      const selected = state.filters[facet.param];
      const entries = facetEntries(facet, docs, selected);
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
        box.addEventListener("change", () => toggleFilter(facet.param, value, box.checked));
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
        const next = { q: latest.q, filters: emptyFilters() };
        changeUrl("replaceState", next);
        update(next);
        input.focus();
      });
      filtersBox.appendChild(reset);
    }
  }

  /* Ticks or unticks a filter of the state last asked for (which an earlier tick may not have
   * shown yet), then gives the rebuilt checkbox the focus back. */
  function toggleFilter(param, value, on) {
    const filters = emptyFilters();
    FACETS.forEach((facet) => { filters[facet.param] = latest.filters[facet.param].slice(); });
    filters[param] = on ? unique(filters[param].concat([value]))
      : filters[param].filter((v) => v !== value);
    const next = { q: latest.q, filters: filters };
    changeUrl("replaceState", next);
    update(next).then((done) => {
      if (!done) return;
      const boxes = filtersBox.querySelectorAll("input[type=checkbox]");
      for (let i = 0; i < boxes.length; i += 1) {
        if (boxes[i].name === param && boxes[i].value === value) boxes[i].focus();
      }
    });
  }

  function statusText(state, total, kept, shown, note) {
    const quoted = "“" + state.q + "”";
    const filtered = FACETS.some((facet) => state.filters[facet.param].length);
    let text;
    if (!total) text = "No articles match " + quoted + ".";
    else if (filtered) {
      text = kept + " of " + plural(total, "article") + " matching " + quoted +
        " pass the selected filters.";
    } else text = plural(total, "article") + (total === 1 ? " matches " : " match ") + quoted + ".";
    if (shown < kept) text += " Showing the best " + shown + ".";
    return note ? text + " " + note : text;
  }

  function showStatus(shown) {
    statusLine.textContent = statusText(shown.state, shown.total, shown.kept.length,
      shown.shown, shown.note);
    moreButton.hidden = shown.shown >= shown.kept.length;
  }

  /* Loads the text of `items` ({hit, doc}) and renders them; null if a newer update came. */
  async function resultItems(items, token) {
    const texts = await engine.documents(items.map((item) => item.hit), { text: true });
    if (token !== generation) return null;
    return items.map((item, i) => renderResult(item.hit, texts[i] || item.doc));
  }

  function setBusy(busy) {
    if (busy) resultList.setAttribute("aria-busy", "true");
    else resultList.removeAttribute("aria-busy");
  }

  /* Shows `state`; resolves to whether it got on screen (false when a newer update came). */
  async function render(state, token) {
    input.value = state.q;
    document.title = state.q ? state.q + " – " + baseTitle : baseTitle;
    if (!state.q) {
      const data = await engine.manifest();
      if (token !== generation) return false;
      view = null;
      clear(resultList);
      clear(filtersBox);
      moreButton.hidden = true;
      statusLine.textContent = "Type one or more words to search " +
        plural(data.documents, "article") + ". Use convo* for words starting " +
        "with “convo”, +word to require a word, -word to exclude one, title:word to search titles.";
      resultList.dataset.query = "";
      return true;
    }
    const outcome = await matches(state.q);
    if (token !== generation) return false;
    const kept = outcome.found.filter((found) => matchesFilters(found.doc, state.filters));
    const items = await resultItems(kept.slice(0, PAGE_SIZE), token);
    if (!items) return false;
    view = {
      token: token,
      state: state,
      kept: kept,
      shown: items.length,
      total: outcome.found.length,
      note: outcome.note,
      loading: false,
    };
    renderFilters(state, kept.map((found) => found.doc));
    clear(resultList);
    items.forEach((item) => resultList.appendChild(item));
    showStatus(view);
    resultList.dataset.query = state.q; // tests and benchmarks wait for this
    return true;
  }

  /* Shows `state` unless a newer update comes first; a loading state appears if it is slow. */
  function update(state) {
    const token = ++generation;
    latest = state;
    const slow = setTimeout(() => {
      if (token !== generation) return;
      setBusy(true);
      statusLine.textContent = "Searching…";
    }, BUSY_DELAY_MS);
    return render(state, token)
      .catch((error) => {
        if (token === generation) unavailable(error);
        return false;
      })
      .finally(() => {
        clearTimeout(slow);
        if (token === generation) setBusy(false);
      });
  }

  /* Appends the next page of results, then focuses the first of them. */
  async function showMore() {
    const shown = view;
    if (!shown || shown.token !== generation || shown.loading) return;
    const next = shown.kept.slice(shown.shown, shown.shown + PAGE_SIZE);
    if (!next.length) return;
    shown.loading = true;
    moreButton.textContent = "Loading…";
    moreButton.setAttribute("aria-busy", "true");
    try {
      const items = await resultItems(next, shown.token);
      if (!items) return;
      items.forEach((item) => resultList.appendChild(item));
      shown.shown += items.length;
      showStatus(shown);
      items[0].querySelector("a").focus();
    } catch (error) {
      if (shown.token === generation) unavailable(error);
    } finally {
      shown.loading = false;
      moreButton.textContent = moreLabel;
      moreButton.removeAttribute("aria-busy");
    }
  }

  function unavailable(error) {
    view = null;
    clear(resultList);
    clear(filtersBox);
    moreButton.hidden = true;
    statusLine.textContent = "Search is unavailable: the search index files did not load.";
    if (window.console) console.warn("Dossier search:", error);
  }

  /* ---- start -------------------------------------------------------------------------- */

  function start() {
    if (!form || !input || !filtersBox || !statusLine || !resultList || !moreButton) return;
    if (typeof lunr === "undefined" || !engine) {
      statusLine.textContent = "Search is unavailable: the search scripts did not load.";
      return;
    }
    engine.configure({ base: "search/" });
    form.addEventListener("submit", (event) => {
      const next = { q: input.value.trim(), filters: emptyFilters() };
      if (!changeUrl("pushState", next)) return; // let the browser submit the form itself
      event.preventDefault();
      update(next);
    });
    moreButton.addEventListener("click", showMore);
    window.addEventListener("popstate", () => update(readState(location.search)));
    update(readState(location.search));
  }

  start();
})();
