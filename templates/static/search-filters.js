/* Dossier search filters: facet filters with live counts, a date range and sort orders, over
 * the filter columns that DossierSearch.filters() gives. No DOM, so Node can test it.
 *
 *   DossierFilters.columnsOf(await DossierSearch.filters(ordinals)) -> columns
 *   DossierFilters.apply(hits, columns, state)
 *     hits: [{ordinal, ...}] in rank order; state: {filters: {name: [values]}, from, to}
 *     -> {kept: the hits passing every filter, panels: [{name, title, single, chronological,
 *         counts: Map value -> count}]}
 *   DossierFilters.sorted(hits, columns, order)   order: "relevance" | "newest" | "oldest"
 *   DossierFilters.archivePanels(manifest.archive) -> the panels of the whole archive
 *   DossierFilters.ranked(panel, selected, limit) -> [[value, count], ...] to show
 *   DossierFilters.dayNumber("2017-03-05") -> days since 1970, or null
 *
 * A facet whose documents have one value at most (source, year) keeps documents having ANY
 * of its ticked values, and counts each value over the documents the other filters keep, so
 * ticking a second source adds to the results. Other facets (place, actor) keep documents
 * having ALL ticked values and count over the results. The date range keeps dated documents
 * whose first possible day (1 March for "March 2017") is within it.
 */
(function (root) {
  "use strict";

  const DAY_MS = 86400000;
  const years = new Map(); // day -> year

  /* The filter columns of the documents whose chunks DossierSearch.filters() loaded:
   * {facets, day(o): days since 1970 of o's date (null when undated), year(o), values(o, f):
   * the numbers of o's own values of facets[f]}. */
  function columnsOf(loaded) {
    const { table, size, chunks } = loaded;
    const chunkOf = (o) => {
      const chunk = chunks.get(Math.floor(o / size));
      if (!chunk) throw new Error("filter columns of document " + o + " are not loaded");
      return chunk;
    };
    const day = (o) => {
      const code = chunkOf(o).days[o % size];
      return code ? table.dayBase + code - 1 : null;
    };
    return {
      facets: table.facets,
      day: day,
      year: (o) => {
        const d = day(o);
        if (d === null) return null;
        if (!years.has(d)) years.set(d, new Date(d * DAY_MS).getUTCFullYear());
        return years.get(d);
      },
      values: (o, f) => {
        const chunk = chunkOf(o);
        const at = o % size;
        return chunk.ids[f].slice(chunk.starts[f][at], chunk.starts[f][at + 1]);
      },
    };
  }

  function dayNumber(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!match) return null;
    const month = Number(match[2]) - 1;
    const day = Number(match[3]);
    const time = Date.UTC(Number(match[1]), month, day);
    const found = new Date(time);
    if (found.getUTCMonth() !== month || found.getUTCDate() !== day) return null; // "02-30"
    return Math.round(time / DAY_MS);
  }

  /* A document's value numbers with the broader values containing them, each once. */
  function withBroader(numbers, broader) {
    if (!broader) return numbers;
    const all = numbers.slice();
    numbers.forEach((number) => {
      (broader[number] || []).forEach((wider) => {
        if (all.indexOf(wider) < 0) all.push(wider);
      });
    });
    return all;
  }

  /* The panels' facets, each reading a document's value numbers: the archive's facets, then
   * the year of each dated document (numbered as met). */
  function facetViews(columns) {
    const views = columns.facets.map((facet, f) => ({
      name: facet.name,
      title: facet.title,
      single: Boolean(facet.single),
      chronological: false,
      labels: facet.values,
      numbersOf: (o) => withBroader(columns.values(o, f), facet.broader),
    }));
    const years = [];
    const yearNumbers = new Map();
    views.push({
      name: "year",
      title: "Years",
      single: true,
      chronological: true,
      labels: years,
      numbersOf: (o) => {
        const year = columns.year(o);
        if (year === null) return [];
        if (!yearNumbers.has(year)) {
          yearNumbers.set(year, years.length);
          years.push(String(year));
        }
        return [yearNumbers.get(year)];
      },
    });
    return views;
  }

  function inRange(day, from, to) {
    if (from === null && to === null) return true;
    if (day === null) return false;
    return (from === null || day >= from) && (to === null || day <= to);
  }

  function passes(view, numbers, selected) {
    if (!selected.length) return true;
    const has = (number) => numbers.indexOf(number) >= 0;
    return view.single ? selected.some(has) : selected.every(has);
  }

  function tally(counts, numbers) {
    for (let i = 0; i < numbers.length; i += 1) counts[numbers[i]] = (counts[numbers[i]] || 0) + 1;
  }

  /* The ticked values of a view as its value numbers (-1 for a value it does not have). */
  function selectedNumbers(view, selected) {
    if (view.name === "year") return null; // years are numbered as met: compared by label
    const number = new Map(view.labels.map((label, n) => [label, n]));
    return selected.map((value) => (number.has(value) ? number.get(value) : -1));
  }

  function apply(hits, columns, state) {
    const views = facetViews(columns);
    const from = dayNumber(state.from);
    const to = dayNumber(state.to);
    const counts = views.map(() => []);
    const ticked = views.map((view) => ((state.filters || {})[view.name] || []));
    const wanted = views.map((view, i) => selectedNumbers(view, ticked[i]));
    const kept = [];
    hits.forEach((hit) => {
      if (!inRange(columns.day(hit.ordinal), from, to)) return;
      const numbers = views.map((view) => view.numbersOf(hit.ordinal));
      let failures = 0;
      let failed = -1;
      for (let i = 0; i < views.length; i += 1) {
        const selected = wanted[i] || ticked[i].map((label) => views[i].labels.indexOf(label));
        if (!passes(views[i], numbers[i], selected)) {
          failures += 1;
          failed = i;
        }
      }
      if (!failures) {
        kept.push(hit);
        numbers.forEach((own, i) => tally(counts[i], own));
      } else if (failures === 1 && views[failed].single) {
        tally(counts[failed], numbers[failed]);
      }
    });
    const panels = views.map((view, i) => {
      const byLabel = new Map();
      counts[i].forEach((count, number) => {
        if (count) byLabel.set(view.labels[number], count);
      });
      return {
        name: view.name,
        title: view.title,
        single: view.single,
        chronological: view.chronological,
        counts: byLabel,
      };
    });
    return { kept: kept, panels: panels };
  }

  /* The panels apply() gives for every document and no filter (each facet's most used
   * values), from the manifest's archive summary, so the archive shows without columns. */
  function archivePanels(archive) {
    const panels = archive.facets.map((facet) => ({
      name: facet.name,
      title: facet.title,
      single: Boolean(facet.single),
      chronological: false,
      counts: new Map(facet.top),
    }));
    panels.push({
      name: "year",
      title: "Years",
      single: true,
      chronological: true,
      counts: new Map(archive.years),
    });
    return panels;
  }

  /* Hits by date (undated last), ties in rank order; "relevance" keeps rank order. */
  function sorted(hits, columns, order) {
    if (order !== "newest" && order !== "oldest") return hits.slice();
    const sign = order === "oldest" ? 1 : -1;
    return hits
      .map((hit, rank) => [hit, columns.day(hit.ordinal), rank])
      .sort((a, b) => {
        if (a[1] === null || b[1] === null) {
          return (a[1] === null) - (b[1] === null) || a[2] - b[2];
        }
        return sign * (a[1] - b[1]) || a[2] - b[2];
      })
      .map((entry) => entry[0]);
  }

  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /* The most frequent values (years: newest first), plus any ticked value left out. */
  function ranked(panel, selected, limit) {
    const all = Array.from(panel.counts).sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
    const shown = all.slice(0, limit);
    selected.forEach((value) => {
      if (!shown.some((entry) => entry[0] === value)) {
        shown.push([value, panel.counts.get(value) || 0]);
      }
    });
    if (panel.chronological) shown.sort((a, b) => compareText(b[0], a[0]));
    return shown;
  }

  const api = {
    columnsOf: columnsOf,
    apply: apply,
    archivePanels: archivePanels,
    sorted: sorted,
    ranked: ranked,
    dayNumber: dayNumber,
  };
  root.DossierFilters = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
