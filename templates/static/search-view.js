/* Dossier search page: one result as a list item, and the status line's words. Builds DOM only
 * with createElement/textContent (article text is untrusted).
 *
 * Needs window.DossierText (element, highlighted, snippet) and window.DossierState (isFiltered,
 * orderOf). Sets window.DossierView:
 *   termsOf(hit) -> Set of the index terms the hit matched
 *   result(hit, record, phrases) -> <li> with the title, date, source and a snippet
 *   status(shown) -> the status line for {state, listed, shown, total, note}
 */
(function (root) {
  "use strict";

  const text = root.DossierText;
  const element = (tag, className, content) => text.element(tag, className, content);

  function plural(count, word) {
    return count.toLocaleString("en") + " " + word + (count === 1 ? "" : "s");
  }

  function termsOf(hit) {
    return new Set(hit.matchData ? Object.keys(hit.matchData.metadata) : []);
  }

  function result(hit, doc, phrases) {
    const terms = termsOf(hit);
    const item = element("li");
    const link = element("a", "result-title");
    link.href = doc.url;
    text.highlighted(link, doc.title || "(untitled)", terms);
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
    if (doc.text) item.appendChild(text.snippet(doc.text, terms, phrases));
    return item;
  }

  function statusText(shown) {
    const state = shown.state;
    const kept = shown.listed;
    const filtered = root.DossierState.isFiltered(state);
    let words;
    if (!state.q) {
      words = filtered ? kept.toLocaleString("en") + " of " + plural(shown.total, "article") +
        " pass the selected filters." : plural(shown.total, "article") + " in the archive.";
    } else {
      const quoted = "“" + state.q + "”";
      if (!shown.total) words = "No articles match " + quoted + ".";
      else if (filtered) {
        words = kept.toLocaleString("en") + " of " + plural(shown.total, "article") +
          " matching " + quoted + " pass the selected filters.";
      } else {
        words = plural(shown.total, "article") + (shown.total === 1 ? " matches " : " match ") +
          quoted + ".";
      }
    }
    const order = root.DossierState.orderOf(state);
    if (shown.shown < kept) {
      words += order === "relevance" ? " Showing the best " + shown.shown + "."
        : " Showing the " + shown.shown + " " + order + ".";
    } else if (kept > 1 && order !== "relevance") {
      words += order === "newest" ? " Newest first." : " Oldest first.";
    }
    if (!state.q) {
      words += " Type words to search them; use convo* for words starting with “convo”, " +
        "+word to require a word, -word to exclude one, title:word to search titles.";
    }
    return shown.note ? words + " " + shown.note : words;
  }

  root.DossierView = { termsOf: termsOf, result: result, status: statusText };
})(window);
