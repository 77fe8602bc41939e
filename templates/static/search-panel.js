/* Dossier search filter panel: a date range, then per facet its most frequent values as
 * checkboxes with their counts, and a button to clear the filters. Builds DOM only; what a
 * change means is the page's (search.js) business, through the actions it passes.
 *
 * Needs window.DossierText (element) and window.DossierFilters (ranked, dayNumber). Sets
 * window.DossierPanel:
 *   render(box, state, panels, actions)
 *     state: {filters: {name: [values]}, from, to}; panels: DossierFilters.apply()'s panels;
 *     actions: {toggle(name, value, on), bound(name, isoDate or ""), clear(), filtered}
 *   offer(box, total, titles, open): a button that shows the filters (["Places", ...]) of
 *     `total` results, calling open()
 *     (their counts need the filter columns, so a query loads them only when asked)
 * Article text is untrusted: values are shown with textContent only.
 */
(function (root) {
  "use strict";

  const FACET_LIMIT = 15; // values shown per facet (ticked ones are always shown)

  function checkbox(name, value, count, checked, actions) {
    const element = root.DossierText.element;
    const label = element("label");
    const box = element("input");
    box.type = "checkbox";
    box.name = name;
    box.value = value;
    box.checked = checked;
    box.addEventListener("change", () => actions.toggle(name, value, box.checked));
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + value + " "));
    label.appendChild(element("span", "count", count.toLocaleString("en")));
    return label;
  }

  function dateInput(name, text, value, actions) {
    const element = root.DossierText.element;
    const wrap = element("label", "date-bound", text + " ");
    const field = element("input");
    field.type = "date";
    field.name = name;
    field.value = value;
    field.addEventListener("change", () => {
      const valid = root.DossierFilters.dayNumber(field.value) !== null;
      actions.bound(name, valid ? field.value : "");
    });
    wrap.appendChild(field);
    return wrap;
  }

  function render(box, state, panels, actions) {
    const element = root.DossierText.element;
    while (box.firstChild) box.removeChild(box.firstChild);
    const range = element("fieldset", "date-range");
    range.appendChild(element("legend", "", "Dates"));
    range.appendChild(dateInput("from", "From", state.from, actions));
    range.appendChild(dateInput("to", "To", state.to, actions));
    box.appendChild(range);
    panels.forEach((panel) => {
      const selected = state.filters[panel.name] || [];
      const entries = root.DossierFilters.ranked(panel, selected, FACET_LIMIT);
      if (!entries.length) return;
      const fieldset = element("fieldset");
      fieldset.appendChild(element("legend", "", panel.title));
      entries.forEach(([value, count]) => {
        const checked = selected.indexOf(value) >= 0;
        fieldset.appendChild(checkbox(panel.name, value, count, checked, actions));
      });
      box.appendChild(fieldset);
    });
    if (actions.filtered) {
      const reset = element("button", "", "Clear filters");
      reset.type = "button";
      reset.addEventListener("click", actions.clear);
      box.appendChild(reset);
    }
  }

  function offer(box, total, titles, open) {
    const element = root.DossierText.element;
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!total) return;
    const words = total === 1 ? "this result" : "these " + total.toLocaleString("en") + " results";
    const button = element("button", "filters-offer", "Filter " + words);
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", open);
    box.appendChild(button);
    const names = ["dates"].concat(titles.map((title) => title.toLowerCase()));
    box.appendChild(element("p", "filters-hint", "By " + names.slice(0, -1).join(", ") +
      " and " + names[names.length - 1] + ", with their counts."));
  }

  root.DossierPanel = { render: render, offer: offer };
})(window);
