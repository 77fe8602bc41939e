/* Dossier search page.
 *
 * Runs lunr.js over the index prebuilt at build time and split into small files
 * (generator/search_shards.py, generator/search_records.py). The page loads, in this order:
 *   assets/vendor/lunr.min.js   -> window.lunr
 *   assets/search-codec.js      -> window.DossierCodec (reads the search files' strings)
 *   assets/search-score.js      -> window.DossierScore (scores a query as lunr.js does)
 *   assets/search-engine.js     -> window.DossierSearch (loads search/*.js on demand)
 *   assets/search-text.js       -> window.DossierText (queries, snippets, highlights)
 *   assets/search-view.js       -> window.DossierView (a result's list item, the status line)
 *   assets/search-filters.js    -> window.DossierFilters (filters, counts, sort orders)
 *   assets/search-panel.js      -> window.DossierPanel (the filter panel's DOM)
 *   assets/search-state.js      -> window.DossierState (the page's state and its URL)
 *   assets/search.js            -> this file
 * A query loads the search manifest and the term shards of its words, then the records of the
 * results shown. Its filters, whose counts need the filter columns of every hit, are offered
 * behind a button; once opened (or whenever a filter or a date order is on) the columns load
 * after the first results are on screen (before them when a filter or a date order needs
 * them). An empty query browses the whole archive, newest first, with the manifest's counts.
 * Every file loads with <script src> (browsers refuse fetch() from file://). State lives in
 * the URL (see search-state.js).
 * Article text is untrusted: every node is built with createElement/textContent.
 */
(function () {
  "use strict";

  const PAGE_SIZE = 10; // results shown at first and added by each "Show more"
  const BUSY_DELAY_MS = 120; // quicker answers show no loading state, so nothing flickers

  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const sortSelect = document.getElementById("search-sort");
  const filtersBox = document.getElementById("search-filters");
  const statusLine = document.getElementById("search-status");
  const resultList = document.getElementById("search-results");
  const moreButton = document.getElementById("search-more");
  const moreLabel = moreButton ? moreButton.textContent : "";
  const baseTitle = document.title;

  const engine = window.DossierSearch;
  const text = window.DossierText;
  const facets = window.DossierFilters;
  const views = window.DossierView; // a result's list item and the status line
  const pageState = window.DossierState || {};
  const readState = pageState.read;
  const withChanges = pageState.withChanges;
  const changeUrl = pageState.change;
  const isFiltered = pageState.isFiltered;
  const orderOf = pageState.orderOf;
  let generation = 0; // bumped by every update; older updates stop at their next await
  let latest = null; // the state last asked for (filters toggle from it)
  let view = null; // the results on show: {token, state, kept, shown, total, note, loading}
  let cached = null; // {q, promise} of the last query's hits
  let slowTimer = null; // shows the loading state if an update is slow
  let filtersOpen = false; // whether a query's filters show (and load their columns)

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /* ---- hits ----------------------------------------------------------------------------- */

  /* Every hit of `q`, with a note when the query had to be read otherwise. The engine throws
   * lunr.QueryParseError on a query lunr cannot parse. */
  async function search(q) {
    const split = text.splitPhrases(q);
    const options = { phrases: split.phrases };
    const prepared = text.prepareQuery(split.query);
    if (!prepared) {
      return { hits: [], note: "It has no searchable words: the index holds words written " +
        "with Latin letters or digits." };
    }
    try {
      return { hits: await engine.search(prepared, options), note: "" };
    } catch (error) {
      if (!text.isParseError(error)) throw error;
      const note = "“" + q + "” is not a valid query (" + error.message + "), so its words " +
        "were searched instead.";
      const plain = text.plainQuery(split.query);
      if (!plain) return { hits: [], note: note };
      try {
        return { hits: await engine.search(plain, options), note: note };
      } catch (again) {
        if (!text.isParseError(again)) throw again;
        return { hits: [], note: note };
      }
    }
  }

  /* Every document, for browsing without a query. */
  async function everything() {
    const data = await engine.manifest();
    const hits = [];
    for (let ordinal = 0; ordinal < data.documents; ordinal += 1) {
      hits.push({ ordinal: ordinal, score: 0, matchData: null });
    }
    return { hits: hits, note: "" };
  }

  /* The hits of `q` ({hits, note}), best first; the last answer is kept for filter changes. */
  function matches(q) {
    if (!cached || cached.q !== q) {
      const promise = q ? search(q) : everything();
      cached = { q: q, promise: promise };
      promise.catch(() => {
        if (cached && cached.promise === promise) cached = null; // try again next time
      });
    }
    return cached.promise;
  }

  /* ---- rendering ---------------------------------------------------------------------- */

  function renderFilters(state, panels) {
    window.DossierPanel.render(filtersBox, state, panels, {
      toggle: toggleFilter,
      bound: (name, value) => {
        const next = withChanges(latest, { [name]: value });
        changeUrl("replaceState", next);
        update(next);
      },
      clear: () => {
        const next = withChanges(latest, { filters: {}, from: "", to: "" });
        changeUrl("replaceState", next);
        update(next);
        input.focus();
      },
      filtered: isFiltered(state),
    });
  }

  /* Offers the filters of a query's hits behind a button. */
  async function offerFilters(total, token) {
    const panels = facets.archivePanels((await engine.manifest()).archive);
    if (token !== generation) return;
    const titles = panels.map((panel) => panel.title);
    window.DossierPanel.offer(filtersBox, total, titles, () => openFilters(token));
  }

  /* Shows the filters of the results on screen, loading their columns, and keeps them open for
   * the queries that follow; focuses the first of them. */
  async function openFilters(token) {
    filtersOpen = true;
    const state = latest;
    try {
      const outcome = await matches(state.q);
      const columns = facets.columnsOf(await engine.filters(outcome.hits));
      if (token !== generation) return;
      renderFilters(state, facets.apply(outcome.hits, columns, state).panels);
      const first = filtersBox.querySelector("input");
      if (first) first.focus();
    } catch (error) {
      if (token === generation) unavailable(error);
    }
  }

  /* Ticks or unticks a filter of the state last asked for (which an earlier tick may not have
   * shown yet), then gives the rebuilt checkbox the focus back. */
  function toggleFilter(name, value, on) {
    const next = pageState.toggled(latest, name, value, on);
    changeUrl("replaceState", next);
    update(next).then((done) => {
      if (!done) return;
      const boxes = filtersBox.querySelectorAll("input[type=checkbox]");
      for (let i = 0; i < boxes.length; i += 1) {
        if (boxes[i].name === name && boxes[i].value === value) boxes[i].focus();
      }
    });
  }

  function showStatus(shown) {
    statusLine.textContent = views.status(shown);
    moreButton.hidden = shown.shown >= shown.listed;
  }

  /* Loads the records of `hits` (and the rest of the text of those whose lead does not show
   * their match) and renders them; null if a newer update came. */
  async function resultItems(hits, token, q) {
    const records = await engine.documents(hits);
    if (token !== generation) return null;
    const phrases = text.splitPhrases(q).phrases;
    const docs = await Promise.all(records.map(async (record, i) => {
      const shows = record && text.showsMatch(record.text, views.termsOf(hits[i]), phrases);
      if (!record || !record.more || shows) return record;
      return Object.assign({}, record, { text: await engine.fullText(hits[i], record) });
    }));
    if (token !== generation) return null;
    return hits.map((hit, i) => views.result(hit, docs[i], phrases));
  }

  function setBusy(busy) {
    if (busy) resultList.setAttribute("aria-busy", "true");
    else resultList.removeAttribute("aria-busy");
  }

  /* `counts`: {total: hits before filters, listed: results, when `kept` lists only the first
   * of them}; `note`: what the status adds. */
  function showResults(state, token, kept, items, note, counts) {
    view = {
      token: token,
      state: state,
      kept: kept,
      listed: counts.listed === undefined ? kept.length : counts.listed,
      shown: items.length,
      total: counts.total,
      note: note,
      loading: false,
    };
    clearTimeout(slowTimer); // the filters may still be loading, but results are on screen
    setBusy(false);
    clear(resultList);
    delete resultList.dataset.preview; // what the build wrote is gone
    items.forEach((item) => resultList.appendChild(item));
    showStatus(view);
    resultList.dataset.total = String(view.listed);
    resultList.dataset.query = state.q; // tests and benchmarks wait for this
  }

  /* Shows `state`; resolves to whether it got on screen (false when a newer update came). */
  async function render(state, token) {
    input.value = state.q;
    if (sortSelect) sortSelect.value = state.sort || "";
    document.title = state.q ? state.q + " – " + baseTitle : baseTitle;
    const order = orderOf(state);
    if (!state.q && !isFiltered(state) && order === "newest") return renderArchive(state, token);
    const outcome = await matches(state.q);
    if (token !== generation) return false;
    const early = !isFiltered(state) && order === "relevance";
    if (!early) filtersOpen = true;
    let kept = outcome.hits;
    let columns = null;
    if (early) {
      // Results first; the filter columns of the hits load after them, if the filters show.
      const items = await resultItems(kept.slice(0, PAGE_SIZE), token, state.q);
      if (!items) return false;
      showResults(state, token, kept, items, outcome.note, { total: outcome.hits.length });
      if (!filtersOpen || !kept.length) {
        await offerFilters(kept.length, token);
        return token === generation;
      }
    }
    columns = facets.columnsOf(await engine.filters(state.q ? outcome.hits : null));
    if (token !== generation) return false;
    const filtered = facets.apply(outcome.hits, columns, state);
    if (!early) {
      kept = facets.sorted(filtered.kept, columns, order);
      const items = await resultItems(kept.slice(0, PAGE_SIZE), token, state.q);
      if (!items) return false;
      showResults(state, token, kept, items, outcome.note, { total: outcome.hits.length });
    }
    renderFilters(state, outcome.hits.length ? filtered.panels : []);
    return true;
  }

  /* The whole archive, newest first, with its counts: all from the manifest, so opening the
   * page loads no filter columns ("Show more" past the listed newest loads them). */
  async function renderArchive(state, token) {
    const data = await engine.manifest();
    if (token !== generation) return false;
    const archive = data.archive;
    const kept = archive.newest.map((ordinal) => ({ ordinal: ordinal, score: 0, matchData: null }));
    const items = previewed() || await resultItems(kept.slice(0, PAGE_SIZE), token, "");
    if (!items) return false;
    const counts = { total: data.documents, listed: data.documents };
    showResults(state, token, kept, items, "", counts);
    renderFilters(state, data.documents ? facets.archivePanels(archive) : []);
    return true;
  }

  /* The newest results written into the page by the build, the first time they are asked for
   * (so opening the page loads no record); null afterwards. */
  function previewed() {
    if (resultList.dataset.preview !== "newest") return null;
    delete resultList.dataset.preview;
    return Array.from(resultList.children);
  }

  /* The whole archive newest first, for "Show more" past the newest that facets.js lists. */
  async function wholeArchive() {
    const [outcome, loaded] = await Promise.all([everything(), engine.filters(null)]);
    return facets.sorted(outcome.hits, facets.columnsOf(loaded), "newest");
  }

  /* Shows `state` unless a newer update comes first; a loading state appears if it is slow. */
  function update(state) {
    const token = ++generation;
    latest = state;
    clearTimeout(slowTimer);
    slowTimer = setTimeout(() => {
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
        if (token !== generation) return;
        clearTimeout(slowTimer);
        setBusy(false);
      });
  }

  /* Appends the next page of results, then focuses the first of them. */
  async function showMore() {
    const shown = view;
    if (!shown || shown.token !== generation || shown.loading) return;
    if (shown.shown >= shown.listed) return;
    shown.loading = true;
    moreButton.textContent = "Loading…";
    moreButton.setAttribute("aria-busy", "true");
    try {
      if (shown.shown + PAGE_SIZE > shown.kept.length && shown.kept.length < shown.listed) {
        shown.kept = await wholeArchive();
        if (shown.token !== generation) return;
      }
      const next = shown.kept.slice(shown.shown, shown.shown + PAGE_SIZE);
      const items = await resultItems(next, shown.token, shown.state.q);
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
    delete resultList.dataset.preview;
    clear(filtersBox);
    moreButton.hidden = true;
    statusLine.textContent = "Search is unavailable: the search index files did not load.";
    if (window.console) console.warn("Dossier search:", error);
  }

  /* ---- start -------------------------------------------------------------------------- */

  function start() {
    if (!form || !input || !filtersBox || !statusLine || !resultList || !moreButton) return;
    if (typeof lunr === "undefined" || !engine || !text || !facets || !views ||
        !window.DossierPanel || !window.DossierState) {
      statusLine.textContent = "Search is unavailable: the search scripts did not load.";
      return;
    }
    engine.configure({ base: "search/" });
    form.addEventListener("submit", (event) => {
      const next = withChanges(readState(""), {
        q: input.value.trim(),
        sort: sortSelect ? sortSelect.value : "",
      });
      if (!changeUrl("pushState", next)) return; // let the browser submit the form itself
      event.preventDefault();
      update(next);
    });
    if (sortSelect) {
      sortSelect.addEventListener("change", () => {
        const next = withChanges(latest, { sort: sortSelect.value });
        changeUrl("replaceState", next);
        update(next);
      });
    }
    moreButton.addEventListener("click", showMore);
    window.addEventListener("popstate", () => update(readState(location.search)));
    update(readState(location.search));
  }

  start();
})();
