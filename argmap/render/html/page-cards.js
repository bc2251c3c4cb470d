// argmap's interactive page, part 2 of 3: the cards (focus, click, fold) and the search.
// It receives `argmapPage`, the namespace page-view.js made, and adds to it what the last
// part (page-panel.js) uses: the folds, and the search's matches for the list to mark.
((page) => {
  "use strict";
  const {
    $, map, roles, labels, view, svg, statements, relations, sources, cards, junctions, edges,
    incoming, premiseOf, bringIntoView, visibleOnScreen,
  } = page;

  // -- cards: focus, click, fold ----------------------------------------------
  const NS = "http://www.w3.org/2000/svg";
  // A card's evaluated label in words (drawn on the card as a badge), if the page has labels.
  const evaluation = (id) => labels && labels[id] !== undefined ? "evaluation " + labels[id] : "";
  const collapsed = new Set();
  const folds = new Map();
  for (const [id, g] of cards) {
    const s = statements.get(id);
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", [roles[id], evaluation(id), s.title, s.text].filter(Boolean).join(": "));
    if (labels && labels[id]) g.classList.add("_label-" + String(labels[id]).replace(/\W/g, ""));
    g.addEventListener("focus", () => { if (!visibleOnScreen(g)) bringIntoView(g); });
  }
  // Every box is measured before any fold is added: measuring after a change to the
  // drawing would lay it out again, once per card.
  const foldable = [...cards].filter(([id]) => incoming.has(id)).map(([id, g]) => [id, g, g.getBBox()]);
  for (const [id, g, b] of foldable) folds.set(id, addFold(id, g, b));
  function addFold(id, g, b) {
    const fold = document.createElementNS(NS, "g");
    fold.setAttribute("class", "_fold");
    fold.setAttribute("role", "button");
    fold.setAttribute("aria-expanded", "true");
    fold.setAttribute("aria-label", "Fold the branch under this card");
    const circle = document.createElementNS(NS, "circle");
    circle.setAttribute("cx", b.x + b.width);
    circle.setAttribute("cy", b.y);
    circle.setAttribute("r", 9);
    const text = document.createElementNS(NS, "text");
    text.setAttribute("x", b.x + b.width);
    text.setAttribute("y", b.y);
    text.textContent = "\u2212";
    fold.append(circle, text);
    fold.addEventListener("click", (e) => { e.stopPropagation(); toggle(id); });
    g.after(fold);
    return fold;
  }
  view.addEventListener("click", (e) => {
    if (page.dragged()) return;
    const card = e.target.closest && e.target.closest("g.node");
    if (card && cards.has(card.id)) page.openPanel(card.id);
  });

  // Everything reachable from the main claims without passing a folded card is shown.
  function reachable(skip, seen = new Set(), stack = [...starts]) {
    while (stack.length) {
      const id = stack.pop();
      if (seen.has(id)) continue;
      seen.add(id);
      if (skip.has(id)) continue;
      for (const r of incoming.get(id) || []) {
        if (!seen.has(r.id)) stack.push(r.id);
        for (const p of r.premises) stack.push(p);
      }
    }
    return seen;
  }
  // The main claims, and for a circle of reasons (which has none) its first statement.
  const starts = [...statements.keys()].filter((id) => !premiseOf.has(id));
  const always = reachable(new Set());
  for (const id of statements.keys()) {
    if (always.has(id)) continue;
    starts.push(id);
    reachable(new Set(), always, [id]);
  }
  function hiddenIds() {
    const shown = reachable(collapsed);
    const hidden = new Set();
    for (const id of always) if (!shown.has(id)) hidden.add(id);
    for (const r of relations.values()) {
      if (always.has(r.id) && (collapsed.has(r.target) || hidden.has(r.target))) hidden.add(r.id);
    }
    return hidden;
  }
  // Each group's box and the statements in the group and its subgroups: a box whose cards
  // are all folded away goes too. A band (one per member, around cards the editor placed)
  // names its member in its class, and goes with that card.
  const groups = new Map((map.groups || []).map((g) => [g.id, g]));
  const members = new Map();
  for (const group of groups.values()) {
    for (let g = group, depth = 0; g && depth < 33; g = groups.get(g.parent), depth++) {
      if (!members.has(g.id)) members.set(g.id, []);
      members.get(g.id).push(...group.statements.filter((s) => statements.has(s)));
    }
  }
  const boxes = [];
  for (const box of svg.querySelectorAll("g.cluster")) {
    const id = box.id.slice("group-".length);
    const band = [...box.classList].find((c) => c.startsWith("band-of-"));
    const member = band && band.slice("band-of-".length);
    const inside = statements.has(member) ? [member]
      : members.get(id) || members.get(id.replace(/-band-\d+$/, ""));
    if (box.id.startsWith("group-") && inside && inside.length) boxes.push([box, inside]);
  }
  function refold() {
    const hidden = hiddenIds();
    for (const [id, g] of cards) g.classList.toggle("_hidden", hidden.has(id));
    for (const [id, g] of junctions) g.classList.toggle("_hidden", hidden.has(id));
    for (const r of relations.values()) {
      const gone = hidden.has(r.id) || hidden.has(r.target);
      const edge = edges.get("edge-" + r.id);
      if (edge) edge.classList.toggle("_hidden", gone);
      for (const p of r.premises) {
        const piece = edges.get("edge-" + r.id + "-" + p);
        if (piece) piece.classList.toggle("_hidden", gone || hidden.has(p));
      }
    }
    for (const [id, fold] of folds) {
      const closed = collapsed.has(id);
      fold.classList.toggle("_hidden", hidden.has(id));
      fold.setAttribute("aria-expanded", String(!closed));
      fold.setAttribute("aria-label", (closed ? "Unfold" : "Fold") + " the branch under this card");
      fold.lastChild.textContent = closed ? "+" : "\u2212";
    }
    for (const [box, inside] of boxes) box.classList.toggle("_hidden", inside.every((m) => hidden.has(m)));
    // The panel follows the folds, the view stays: a card folded away closes its panel.
    const current = page.chosen();
    if (current && hidden.has(current)) page.closePanel();
    else if (current) page.openPanel(current, true);
  }
  function toggle(id) {
    if (!incoming.has(id)) return;
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    refold();
  }
  function reveal(id) {
    if (!collapsed.size || !hiddenIds().has(id)) return;
    // Unfold every fold, then fold again each one the card stays visible without: what
    // stays unfolded are the folds on its way down, however many are nested.
    const folded = [...collapsed];
    collapsed.clear();
    for (const c of folded) {
      collapsed.add(c);
      if (hiddenIds().has(id)) collapsed.delete(c);
    }
    refold();
  }
  $("_expand").addEventListener("click", () => { collapsed.clear(); refold(); });

  // -- search ---------------------------------------------------------------
  const strings = (value) => {
    if (typeof value === "string") return [value];
    if (value && typeof value === "object") return Object.values(value).flatMap(strings);
    return [];
  };
  // An arrow's attribution (who draws the inference, the quote, the source's title) is shown
  // under each argument in its premises' panels: a match in it leads to its first premise.
  const arrows = new Map();
  for (const r of relations.values()) {
    if (!r.attribution) continue;
    const { source: from, ...said } = r.attribution;
    const source = sources.get(from);
    const first = r.premises[0];
    if (!arrows.has(first)) arrows.set(first, []);
    arrows.get(first).push(said, source ? source.title : "");
  }
  const haystack = new Map([...statements].map(([id, s]) => {
    // What the card and its panel show: not ids, which the reader never sees, and of its
    // source the details, not every word of the source's full text. A card is one match,
    // however many of its texts and arrows match.
    const { id: _, attribution, ...rest } = s;
    const { source: from, ...said } = attribution || {};
    const { id: _i, text: _t, ...source } = sources.get(from) || {};
    const shown = [rest, said, source, labels && labels[id] || "", arrows.get(id) || []];
    return [id, strings(shown).join("\n").toLowerCase()];
  }));
  let hits = [];
  let at = -1;
  const q = $("_q");
  function search() {
    const needle = q.value.trim().toLowerCase();
    for (const g of cards.values()) g.classList.remove("_match", "_current");
    hits = needle ? [...haystack].filter(([, text]) => text.includes(needle)).map(([id]) => id) : [];
    at = -1;
    for (const id of hits) cards.get(id) && cards.get(id).classList.add("_match");
    page.markList();
    count();
    if (hits.length) step(1);
  }
  function step(delta) {
    if (!hits.length) return;
    if (at >= 0 && cards.get(hits[at])) cards.get(hits[at]).classList.remove("_current");
    at = (at + delta + hits.length) % hits.length;
    const g = cards.get(hits[at]);
    if (g) {
      reveal(hits[at]);
      g.classList.add("_current");
      bringIntoView(g);
    }
    page.markList();
    const item = page.listItem(hits[at]);
    if (item) item.scrollIntoView({ block: "nearest" });
    count();
  }
  const count = () => {
    $("_count").textContent = !q.value.trim() ? "" :
      hits.length ? `${at + 1} of ${hits.length}` : "no match";
  };
  q.addEventListener("input", search);
  q.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); step(e.shiftKey ? -1 : 1); }
    if (e.key === "Escape") { q.value = ""; search(); view.focus(); }
  });
  $("_next").addEventListener("click", () => step(1));
  $("_prev").addEventListener("click", () => step(-1));

  Object.assign(page, {
    evaluation, collapsed, starts, refold, toggle, reveal,
    // The cards the search found, and the one it is at (the list marks the same).
    matches: () => ({ found: new Set(hits), at: hits[at] }),
  });
})(argmapPage);
