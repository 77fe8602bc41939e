/* Dossier search text helpers: queries as lunr.js reads them, snippets and highlights.
 *
 * Needs window.lunr (assets/vendor/lunr.min.js). Sets window.DossierText:
 *   splitPhrases(q) -> {query, phrases}: quoted phrases taken out as required words;
 *   prepareQuery(q), plainQuery(q): the query lunr.js is given (see below);
 *   isParseError(error): whether lunr.js refused the query;
 *   element(tag, className, text): a new element holding `text` as text, never as markup;
 *   snippet(text, terms, phrases) -> <p class="snippet"> around the first of the phrases (or
 *   else of the terms), highlighted(parent, text, terms): text with the words whose index
 *   term is in `terms` (a Set) marked.
 * Article text is untrusted: every node is built with createElement/textContent.
 */
(function (root) {
  "use strict";

  const SNIPPET_BEFORE = 90; // characters of context before the first matched word
  const SNIPPET_LENGTH = 280;
  const FIELD_ALIASES = { place: "places", actor: "actors" };
  const WORDS = /[^\s-]+/g; // lunr.tokenizer splits on /[\s\-]+/
  const termCache = new Map();

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

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

  /* The quoted phrases of `q` ("free syrian army", also in curly quotes), and `q` with each
   * phrase's words required instead (stop words left out: the index has none). */
  function splitPhrases(q) {
    const phrases = [];
    const query = q.replace(/["“”]([^"“”]*)(?:["“”]|$)/g, (whole, inner) => {
      const words = inner.split(/[\s-]+/).map(trimWord).filter((word) => termOf(word));
      if (words.length) phrases.push(inner);
      return " " + words.map((word) => "+" + escapeTerm(word)).join(" ") + " ";
    });
    return { query: query.trim(), phrases: phrases };
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

  /* A phrase's index terms with their offsets among its words (stop words keep a place). */
  function phraseTerms(phrase) {
    const terms = [];
    phrase.split(/[\s-]+/).filter(Boolean).forEach((word, offset) => {
      const term = termOf(word);
      if (term) terms.push([term, offset]);
    });
    return terms;
  }

  /* The span [start, end) of the first place in `text` holding one of the phrases. */
  function phraseSpan(text, phrases) {
    const checks = phrases.map(phraseTerms).filter((terms) => terms.length > 1);
    if (!checks.length) return [];
    const words = [];
    const pattern = new RegExp(WORDS.source, "g");
    let match;
    while ((match = pattern.exec(text)) !== null) {
      words.push([termOf(match[0]), match.index, match.index + match[0].length]);
    }
    for (let i = 0; i < words.length; i += 1) {
      for (const check of checks) {
        const base = i - check[0][1];
        const fits = check.every(([term, offset]) => {
          const word = words[base + offset];
          return word !== undefined && word[0] === term;
        });
        if (fits && base >= 0) {
          return [[words[base + check[0][1]][1], words[base + check[check.length - 1][1]][2]]];
        }
      }
    }
    return [];
  }

  /* Whether `text` holds what a snippet centres on: one of the phrases (of two or more
   * terms) if there are any, else one of the terms; true when there is nothing to find. */
  function showsMatch(text, terms, phrases) {
    const checked = (phrases || []).filter((phrase) => phraseTerms(phrase).length > 1);
    if (checked.length) return phraseSpan(text, checked).length > 0;
    return !terms.size || matchedSpans(text, terms, 0, text.length, true).length > 0;
  }

  /* A window of the body around the first phrase it holds, or else its first matched word,
   * with matched words marked. */
  function snippet(text, terms, phrases) {
    const phrase = phraseSpan(text, phrases || []);
    const first = phrase.length ? phrase : matchedSpans(text, terms, 0, text.length, true);
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

  function highlighted(parent, text, terms) {
    appendHighlighted(parent, text, terms.size ? matchedSpans(text, terms, 0, text.length) : []);
    return parent;
  }

  root.DossierText = {
    element: element,
    splitPhrases: splitPhrases,
    prepareQuery: prepareQuery,
    plainQuery: plainQuery,
    isParseError: isParseError,
    snippet: snippet,
    showsMatch: showsMatch,
    highlighted: highlighted,
  };
})(window);
