// argmap's interactive page: pan, zoom, search, fold branches, and a panel with a card's details.
// Everything shown comes from the JSON blocks and is written with textContent, never as markup.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  // Whether a text reads from the right: its first letter is Hebrew, Arabic or the like.
  const fromRight = (text) => /^[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u
    .test((text.match(/\p{L}/u) || [""])[0]);
  const map = JSON.parse($("_argmap").textContent);
  const extra = JSON.parse($("_argmap-view").textContent);
  const roles = extra.roles || {};
  const labels = extra.labels || null;
  const spans = extra.quotes || {};  // where each statement's quote is in its source's text
  const view = $("_view");
  const svg = view.querySelector("svg");
  const statements = new Map(map.statements.map((s) => [s.id, s]));
  const relations = new Map((map.relations || []).map((r) => [r.id, r]));
  const sources = new Map((map.sources || []).map((s) => [s.id, s]));
  const cards = new Map();
  const junctions = new Map();
  const edges = new Map();
  for (const g of svg.querySelectorAll("g.node")) {
    if (statements.has(g.id)) cards.set(g.id, g);
    else if (relations.has(g.id)) junctions.set(g.id, g);
  }
  for (const g of svg.querySelectorAll("g.edge")) edges.set(g.id, g);
  // What argues about each statement or relation: the relations that target it.
  const incoming = new Map();
  for (const r of relations.values()) {
    if (!incoming.has(r.target)) incoming.set(r.target, []);
    incoming.get(r.target).push(r);
  }
  const premiseOf = new Set([...relations.values()].flatMap((r) => r.premises));

  // -- the view box: pan and zoom ---------------------------------------------
  // What is shown: the map point in the middle of the view, and map units per screen pixel.
  // The view box always has the view's own proportions, and keeps its middle when the view
  // changes size (with the window, or when the panel opens beside it or under it).
  const full = svg.viewBox.baseVal;
  const whole = { x: full.x, y: full.y, w: full.width || 1, h: full.height || 1 };
  let cam = { x: whole.x + whole.w / 2, y: whole.y + whole.h / 2, per: 1 };
  let printing = false;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "none");
  const size = () => ({ w: view.clientWidth || 1, h: view.clientHeight || 1 });
  function show() {
    if (printing || view.hidden) return;  // hidden, the view has no size to fit
    const s = size();
    const w = s.w * cam.per, h = s.h * cam.per;
    svg.setAttribute("viewBox", `${cam.x - w / 2} ${cam.y - h / 2} ${w} ${h}`);
  }
  function centre(x, y, per) {
    cam = { x, y, per };
    show();
  }
  // While the list is shown the map has no size: a move asked for then (to a search match,
  // a card chosen in the panel, the whole map) waits until the map is shown again.
  let later = null;
  function fit() {
    if (view.hidden) { later = fit; return; }
    const s = size();
    // The whole drawing, but a small one no larger than one and a half times its own size.
    const per = Math.max(whole.w / s.w * 1.04, whole.h / s.h * 1.04, 0.5);
    centre(whole.x + whole.w / 2, whole.y + whole.h / 2, per);
  }
  function zoom(factor, px, py) {
    // (px, py): the point of the view that stays put, in pixels from its top left corner.
    const s = size();
    const dx = px === undefined ? 0 : px - s.w / 2;
    const dy = py === undefined ? 0 : py - s.h / 2;
    const most = 20 * Math.max(whole.w / s.w, whole.h / s.h);
    const per = Math.min(Math.max(cam.per / factor, 0.05), most);
    centre(cam.x + dx * (cam.per - per), cam.y + dy * (cam.per - per), per);
  }
  function pan(dx, dy) {
    centre(cam.x - dx * cam.per, cam.y - dy * cam.per, cam.per);
  }
  const graph = svg.querySelector("g.graph");
  // Around the drawing, the theme's background (a dark theme is not framed in white).
  const paper = graph && graph.querySelector(":scope > polygon");
  if (paper && paper.getAttribute("fill")) view.style.background = paper.getAttribute("fill");
  function userBox(g) {
    // A card's box in the SVG's own units: its bounding box moved by the graph's transform.
    const b = g.getBBox();
    const t = graph && graph.transform.baseVal.consolidate();
    const m = t ? t.matrix : { a: 1, d: 1, e: 0, f: 0 };
    return { x: m.a * b.x + m.e, y: m.d * b.y + m.f, w: m.a * b.width, h: m.d * b.height };
  }
  function bringIntoView(g) {
    // Centre the card, zoomed in far enough to read it and out far enough to see all of it.
    if (view.hidden) { later = () => bringIntoView(g); return; }
    const b = userBox(g);
    const s = size();
    const per = Math.max(Math.min(cam.per, 1.25), b.w / (s.w * 0.9), b.h / (s.h * 0.9));
    centre(b.x + b.w / 2, b.y + b.h / 2, per);
  }
  let sized = true;  // whether the view had a size (was not hidden) at its last change
  new ResizeObserver(() => {
    show();
    const had = sized;
    sized = !view.hidden;
    const g = current && cards.get(current);
    if (g && had && sized && !visibleOnScreen(g)) bringIntoView(g);
  }).observe(view);
  view.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = view.getBoundingClientRect();
    const d = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoom(Math.exp(-d / 300), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  const pointers = new Map();
  let moved = 0;
  view.addEventListener("pointerdown", (e) => {
    if (e.target.closest && e.target.closest("g._fold")) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 1) moved = 0;
    view.classList.add("dragging");
  });
  view.addEventListener("pointermove", (e) => {
    const last = pointers.get(e.pointerId);
    if (!last) return;
    if (pointers.size === 1) {
      moved += Math.abs(e.clientX - last.x) + Math.abs(e.clientY - last.y);
      if (moved > 4) {
        if (!view.hasPointerCapture(e.pointerId)) view.setPointerCapture(e.pointerId);
        pan(e.clientX - last.x, e.clientY - last.y);
      }
    } else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const other = a === last ? b : a;
      const before = Math.hypot(last.x - other.x, last.y - other.y);
      const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      const r = view.getBoundingClientRect();
      moved = 99;
      if (before > 0) zoom(after / before, other.x - r.left, other.y - r.top);
    }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
  });
  const release = (e) => {
    pointers.delete(e.pointerId);
    if (!pointers.size) view.classList.remove("dragging");
  };
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", release);
  const keys = {
    ArrowLeft: () => pan(60, 0), ArrowRight: () => pan(-60, 0),
    ArrowUp: () => pan(0, 60), ArrowDown: () => pan(0, -60),
    "+": () => zoom(1.25), "=": () => zoom(1.25), "-": () => zoom(0.8), 0: fit,
  };
  view.addEventListener("keydown", (e) => {
    const card = e.target.closest && e.target.closest("g.node");
    if (card && (e.key === "Enter" || e.key === " ")) openPanel(card.id);
    else if (card && (e.key === "c" || e.key === "C")) toggle(card.id);
    else if (keys[e.key] && !e.ctrlKey && !e.metaKey && !e.altKey) keys[e.key]();
    else return;
    e.preventDefault();
  });

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
  function visibleOnScreen(g) {
    const r = g.getBoundingClientRect();
    const v = view.getBoundingClientRect();
    return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
  }
  view.addEventListener("click", (e) => {
    if (moved > 4) return;
    const card = e.target.closest && e.target.closest("g.node");
    if (card && cards.has(card.id)) openPanel(card.id);
  });

  // Everything reachable from the main claims without passing a folded card is shown.
  function reachable(skip) {
    const seen = new Set();
    const stack = [...statements.keys()].filter((id) => !premiseOf.has(id));
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
  const always = reachable(new Set());
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
    if (current && hidden.has(current)) closePanel();
    else if (current) openPanel(current, true);
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
  const haystack = new Map([...statements].map(([id, s]) => {
    // What the card and its panel show: not ids, which the reader never sees, and of its
    // source the details, not every word of the source's full text.
    const { id: _, attribution, ...rest } = s;
    const { source: from, ...said } = attribution || {};
    const { id: _i, text: _t, ...source } = sources.get(from) || {};
    return [id, strings([rest, said, source, labels && labels[id] || ""]).join("\n").toLowerCase()];
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
    markList();
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
    markList();
    const item = listed && items.get(hits[at]);
    if (item) item.scrollIntoView({ block: "nearest" });
    count();
  }
  function markList() {
    // The list shows the same matches as the map, the current one outlined.
    const found = new Set(hits);
    for (const [id, item] of items) {
      item.classList.toggle("_match", found.has(id));
      item.classList.toggle("_current", id === hits[at]);
    }
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

  // -- the details panel ------------------------------------------------------
  let current = null;
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const human = (key) => key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  function value(v) {
    if (Array.isArray(v) && v.every((x) => typeof x !== "object")) {
      const span = el("span");
      for (const x of v) span.append(el("span", x, "tag"));
      return span;
    }
    if (v && typeof v === "object") return fields(v, []);
    if (typeof v === "string" && v.length > 280) {
      const d = el("details");
      d.append(el("summary", v.slice(0, 120) + "\u2026"), el("div", v, "pre"));
      return d;
    }
    return el("span", v, "pre");
  }
  function fields(object, skip) {
    const dl = el("dl");
    for (const [key, v] of Object.entries(object)) {
      if (skip.includes(key) || v == null || v === "" || (Array.isArray(v) && !v.length)) continue;
      dl.append(el("dt", human(key)));
      const dd = el("dd");
      dd.append(key === "url" ? link(v) : value(v));
      dl.append(dd);
    }
    return dl;
  }
  function link(url) {
    if (!/^(https?|ftp|mailto):/i.test(String(url))) return el("span", url, "pre");
    const a = el("a", url);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }
  function goTo(id) {
    if (!statements.has(id)) return el("span", id);
    const button = el("button", short(id));
    button.type = "button";
    button.addEventListener("click", () => {
      reveal(id);
      openPanel(id);  // the keyboard goes on in the new panel
      bringIntoView(cards.get(id));
      const item = listed && items.get(id);
      if (item) item.scrollIntoView({ block: "nearest" });
    });
    return button;
  }
  const short = (id) => {
    const s = statements.get(id);
    return s ? s.title || s.text : id;
  };
  function related(details, title, ids) {
    if (!ids.length) return;
    details.append(el("h3", title));
    const ul = el("ul");
    for (const id of ids) ul.appendChild(el("li")).append(goTo(id));
    details.append(ul);
  }
  const links = (ids) => ids.flatMap((p, i) => i ? [", ", goTo(p)] : [goTo(p)]);
  function argument(details, r, id) {
    // An argument the card makes: what it argues for or against, or the inference (premises
    // to target) it questions; then the arrow's own fields, and what questions its inference.
    const inference = relations.get(r.target);
    const verb = inference ? "Questions the inference" : r.kind === "support" ? "Argues for" : "Argues against";
    details.append(el("h3", verb));
    const line = details.appendChild(el("ul")).appendChild(el("li"));
    if (inference) line.append(...links(inference.premises), " \u2192 ", ...links([inference.target]));
    else line.append(...links([r.target]));
    const others = r.premises.filter((p) => p !== id);
    if (others.length) line.append(" (with ", ...links(others), ")");
    const a = r.attribution || {};
    if (a.quote) details.append(el("blockquote", "\u201c" + a.quote + "\u201d"));
    const { quote, source, ...who } = a;
    const src = source && sources.get(source);
    const { id: _, kind, premises, target, attribution, ...rest } = r;
    details.append(fields({ ...who, source: src ? src.title : source, ...rest }, []));
    related(details, "Its inference is questioned by", (incoming.get(r.id) || []).flatMap((u) => u.premises));
  }
  function openPanel(id, again) {
    // again: the same card's panel made anew (after a fold), the view left as it is.
    const s = statements.get(id);
    if (!s) return;
    if (current && cards.get(current)) cards.get(current).classList.remove("_chosen");
    current = id;
    cards.get(id) && cards.get(id).classList.add("_chosen");
    const details = $("_details");
    const folding = again && document.activeElement && document.activeElement.id === "_fold-branch";
    details.replaceChildren();
    details.dir = fromRight(s.title || s.text) ? "rtl" : "ltr";  // as the card reads
    // The title, and the role under it; an untitled card's heading is its role.
    const heading = details.appendChild(el("h2", s.title || human(roles[id] || "statement")));
    if (s.title) details.append(el("p", roles[id] || "", "role"));
    if (labels && labels[id] !== undefined) details.append(el("span", "Evaluation: " + labels[id], "badge"));
    details.append(el("p", s.text, "text"));
    const a = s.attribution || {};
    if (a.quote) details.append(el("blockquote", "\u201c" + a.quote + "\u201d"));
    const { quote, source, ...who } = a;
    details.append(fields(who, []));
    const { id: _, text, title, attribution, ...rest } = s;
    details.append(fields(rest, []));
    const src = source && sources.get(source);
    if (src) {
      details.append(el("h3", "Source"));
      details.append(fields(src, ["id", "text"]));
      if (src.text) details.append(fullText(src.text, spans[id] || []));
    } else if (source) details.append(fields({ source }, []));
    for (const r of relations.values()) if (r.premises.includes(id)) argument(details, r, id);
    const about = incoming.get(id) || [];
    related(details, "Reasons", about.flatMap((r) => r.kind === "support" ? r.premises : []));
    related(details, "Objections", about.flatMap((r) => r.kind === "attack" ? r.premises : []));
    if (incoming.has(id)) {
      const fold = el("button", collapsed.has(id) ? "Unfold this branch" : "Fold this branch");
      fold.type = "button";
      fold.id = "_fold-branch";
      fold.addEventListener("click", () => toggle(id));
      details.append(fold);
    }
    $("_panel").hidden = false;
    // The keyboard follows: into a panel just opened (Escape goes back to the card), and
    // onto the fold button made anew when it was the one pressed.
    if (folding && $("_fold-branch")) $("_fold-branch").focus();
    else if (!again) {
      $("_panel").scrollTop = 0;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    // The view has just made room for the panel: keep the card in what is left of it, and
    // large enough to read (a whole map on a phone, or a large one, is drawn too small).
    show();
    const g = cards.get(id);
    if (g && !again && !view.hidden && (!visibleOnScreen(g) || cam.per > 2)) bringIntoView(g);
  }
  function fullText(text, marked) {
    // A source's whole text, folded; the statement's quote marked where it was found.
    const words = (text.match(/\S+/g) || []).length;
    const fold = el("details", null, "fulltext");
    fold.append(el("summary", `Full text (${words.toLocaleString("en")} words)`));
    const body = fold.appendChild(el("div", null, "pre"));
    let from = 0;
    for (const [start, end] of marked) {
      body.append(text.slice(from, start), el("mark", text.slice(start, end)));
      from = end;
    }
    body.append(text.slice(from));
    fold.addEventListener("toggle", () => {
      const first = body.querySelector("mark");
      if (fold.open && first) body.scrollTop = first.offsetTop - body.clientHeight / 3;
    });
    return fold;
  }
  function closePanel() {
    $("_panel").hidden = true;
    const g = current && cards.get(current);
    if (g) {
      g.classList.remove("_chosen");
      if (!g.classList.contains("_hidden")) g.focus({ preventScroll: true });
    }
    current = null;
  }
  $("_close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("_panel").hidden) closePanel();
    else if (e.key === "/" && document.activeElement !== q) { e.preventDefault(); q.focus(); }
  });

  // -- the list: the map as text, for small screens, screen readers and print ---
  let listed = false;
  const items = new Map();  // each statement's entry in the list, once the list is made
  function outline() {
    const root = el("ul");
    const done = new Set();
    const roots = [...statements.keys()].filter((id) => !premiseOf.has(id));
    const rest = [...statements.keys()].filter((id) => !always.has(id));
    const stack = [...roots, ...rest].reverse().map((id) => [id, root, "", 0]);
    // The list is nested from the side its first statement reads from (the right in Hebrew).
    const first = statements.get(stack.length ? stack[stack.length - 1][0] : "") || {};
    root.dir = fromRight(first.title || first.text || map.title || "") ? "rtl" : "ltr";
    while (stack.length) {
      const [id, parent, kind, depth] = stack.pop();
      if (done.has(id)) continue;
      done.add(id);
      const s = statements.get(id);
      const li = parent.appendChild(el("li"));
      // Each item reads in its statement's direction (Hebrew and Arabic from the right),
      // set by its title, else its text; the kind and a text in the other direction than
      // the title keep their own.
      const item = li.appendChild(el("div"));
      items.set(id, item);
      item.dir = "auto";
      if (kind) item.append(Object.assign(el("span", kind, "kind"), { dir: "ltr" }));
      if (evaluation(id)) item.append(Object.assign(el("span", evaluation(id), "kind"), { dir: "ltr" }));
      if (s.title) item.append(el("strong", s.title + " "));
      const body = item.appendChild(el("span", s.text, "body"));
      if (s.title) body.dir = "auto";
      const a = s.attribution || {};
      const who = [a.speaker, a.date].filter(Boolean).join(", ");
      if (who || a.quote) {
        item.append(Object.assign(el("div", [who, a.quote && "\u201c" + a.quote + "\u201d"].filter(Boolean).join(": "), "who"), { dir: "auto" }));
      }
      const children = [];
      const reasons = [...(incoming.get(id) || [])];
      while (reasons.length) {  // reasons and objections, then attacks on their inferences
        const r = reasons.shift();
        const k = relations.has(r.target) ? "undercut" : r.kind === "support" ? "reason" : "objection";
        for (const p of r.premises) children.push([p, k === "objection" && roles[p] === "rebuttal" ? "rebuttal" : k]);
        reasons.push(...(incoming.get(r.id) || []));
      }
      if (!children.length || depth > 200) continue;
      const ul = li.appendChild(el("ul"));
      for (const [p, k] of children.reverse()) stack.push([p, ul, k, depth + 1]);
    }
    return root;
  }
  function showList(on) {
    const box = $("_outline");
    if (on && !box.firstChild) box.append(outline());
    if (on) markList();
    box.hidden = !on;
    view.hidden = on;
    $("_list").setAttribute("aria-pressed", String(on));
    if (on) return;
    show();
    const move = later;
    later = null;
    if (move) move();
  }
  $("_list").addEventListener("click", () => showList((listed = !listed)));
  $("_print").addEventListener("click", () => window.print());
  function forPrint(on) {
    // A page has its own proportions: print the whole drawing, scaled to fit and undistorted.
    if (on === printing) return;
    if (on && !$("_outline").firstChild) $("_outline").append(outline());
    if (on) markList();
    printing = on;
    svg.setAttribute("preserveAspectRatio", on ? "xMidYMin meet" : "none");
    if (on) svg.setAttribute("viewBox", `${whole.x} ${whole.y} ${whole.w} ${whole.h}`);
    else show();
  }
  window.addEventListener("beforeprint", () => forPrint(true));
  window.addEventListener("afterprint", () => forPrint(false));
  matchMedia("print").addEventListener("change", (e) => forPrint(e.matches));
  $("_fit").addEventListener("click", fit);
  $("_zoom-in").addEventListener("click", () => zoom(1.25));
  $("_zoom-out").addEventListener("click", () => zoom(0.8));

  refold();
  fit();
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
})();
