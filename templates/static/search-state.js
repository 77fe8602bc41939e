/* Dossier search page state and its URL: the query, facet filters, date range and order.
 *
 *   search.html?q=convoy&place=Raqqa&source=SANA&year=2017&from=2017-01-01&to=2017-06-30&sort=newest
 *
 * Every parameter but q, from, to and sort is a facet filter (repeatable). Needs
 * window.DossierFilters (dayNumber). Sets window.DossierState: read(search), withChanges(state,
 * changes), toggled(state, name, value, on), url(state), change(method, state),
 * isFiltered(state), orderOf(state).
 */
(function (root) {
  "use strict";

  const SORTS = ["newest", "oldest"]; // and "": best match first (newest first when browsing)
  const RESERVED = ["q", "from", "to", "sort"]; // every other parameter is a facet filter

  function unique(values) {
    return Array.from(new Set(values));
  }

  function readState(search) {
    const params = new URLSearchParams(search);
    const filters = {};
    params.forEach((value, key) => {
      if (RESERVED.indexOf(key) >= 0 || value === "") return;
      filters[key] = unique((filters[key] || []).concat([value]));
    });
    const sort = params.get("sort");
    return {
      q: (params.get("q") || "").trim(),
      filters: filters,
      from: root.DossierFilters.dayNumber(params.get("from")) === null ? "" : params.get("from"),
      to: root.DossierFilters.dayNumber(params.get("to")) === null ? "" : params.get("to"),
      sort: SORTS.indexOf(sort) >= 0 ? sort : "",
    };
  }

  function withChanges(state, changes) {
    const filters = {};
    Object.keys(state.filters).forEach((key) => { filters[key] = state.filters[key].slice(); });
    return Object.assign({}, state, { filters: filters }, changes || {});
  }

  function stateUrl(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    Object.keys(state.filters).sort().forEach((key) => {
      state.filters[key].forEach((value) => params.append(key, value));
    });
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    if (state.sort) params.set("sort", state.sort);
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

  function isFiltered(state) {
    return Boolean(state.from || state.to) ||
      Object.keys(state.filters).some((key) => state.filters[key].length);
  }

  /* The order results are shown in: a query by relevance unless asked, browsing newest first. */
  function orderOf(state) {
    return state.sort || (state.q ? "relevance" : "newest");
  }

  /* `state` with one facet value ticked (on) or unticked. */
  function toggled(state, name, value, on) {
    const next = withChanges(state);
    const values = next.filters[name] || [];
    next.filters[name] = on ? unique(values.concat([value])) : values.filter((v) => v !== value);
    return next;
  }

  root.DossierState = {
    toggled: toggled,
    read: readState,
    withChanges: withChanges,
    url: stateUrl,
    change: changeUrl,
    isFiltered: isFiltered,
    orderOf: orderOf,
  };
})(window);
