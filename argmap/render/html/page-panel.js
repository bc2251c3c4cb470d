// argmap's interactive page, part 3 of 3: the details panel and the list (the map as text).
// It receives `argmapPage`, the namespace the two parts before it filled, adds what they call
// here (the panel, the list), then folds and fits the map: the page is ready.
((page) => {
  "use strict";
  const {
    $, fromRight, map, roles, labels, spans, view, statements, relations, sources, cards,
    incoming, show, shownAgain, bringIntoView, visibleOnScreen,
    evaluation, collapsed, starts, refold, fit, toggle, reveal,
  } = page;

  // -- the details panel ------------------------------------------------------
  let current = null;
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  // The map's own words read in their own direction: an English note in a Hebrew card's
  // panel from the left, a Hebrew quote in an English one from the right.
  const said = (tag, text, cls) => Object.assign(el(tag, text, cls), { dir: "auto" });
  const human = (key) => key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  function value(v) {
    if (Array.isArray(v) && v.every((x) => typeof x !== "object")) {
      const span = el("span");
      for (const x of v) span.append(said("span", x, "tag"));
      return span;
    }
    if (v && typeof v === "object") return fields(v, []);
    if (typeof v === "string" && v.length > 280) {
      const d = el("details");
      // Cut by characters, not UTF-16 units: an emoji is never split in half.
      d.append(said("summary", Array.from(v).slice(0, 120).join("") + "\u2026"), said("div", v, "pre"));
      return d;
    }
    return said("span", v, "pre");
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
    if (!/^(https?|ftp|mailto):/i.test(String(url))) return said("span", url, "pre");
    const a = said("a", url);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }
  function goTo(id) {
    if (!statements.has(id)) return el("span", id);
    const button = said("button", short(id));
    button.type = "button";
    button.addEventListener("click", () => {
      reveal(id);
      openPanel(id);  // the keyboard goes on in the new panel
      bringIntoView(cards.get(id));
      const item = listItem(id);
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
    if (a.quote) details.append(said("blockquote", "\u201c" + a.quote + "\u201d"));
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
    details.append(said("p", s.text, "text"));
    const a = s.attribution || {};
    if (a.quote) details.append(said("blockquote", "\u201c" + a.quote + "\u201d"));
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
    if (g && !again && !view.hidden && (!visibleOnScreen(g) || page.scale() > 2)) bringIntoView(g);
  }
  function fullText(text, marked) {
    // A source's whole text, folded; the statement's quote marked where it was found.
    const words = (text.match(/\S+/g) || []).length;
    const fold = el("details", null, "fulltext");
    fold.append(el("summary", `Full text (${words.toLocaleString("en")} words)`));
    const body = fold.appendChild(said("div", null, "pre"));
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
    else if (e.key === "/" && document.activeElement !== $("_q")) { e.preventDefault(); $("_q").focus(); }
  });

  // -- the list: the map as text, for small screens, screen readers and print ---
  let listed = false;
  // Each statement's entries in the list, once the list is made: a reason for two claims is
  // listed under both, its own reasons and objections under the first only.
  const items = new Map();
  const listItem = (id) => listed && items.has(id) && items.get(id)[0];  // while it is shown
  function markList() {
    // The list shows the same matches as the map, the current one outlined.
    const { found, at } = page.matches();
    for (const [id, entries] of items) {
      for (const item of entries) {
        item.classList.toggle("_match", found.has(id));
        item.classList.toggle("_current", id === at);
      }
    }
  }
  function outline() {
    const root = el("ul");
    const done = new Set();
    const stack = [...starts].reverse().map((id) => [id, root, "", 0]);
    // The list is nested from the side its first statement reads from (the right in Hebrew).
    const first = statements.get(stack.length ? stack[stack.length - 1][0] : "") || {};
    root.dir = fromRight(first.title || first.text || map.title || "") ? "rtl" : "ltr";
    while (stack.length) {
      const [id, parent, kind, depth] = stack.pop();
      const again = done.has(id);
      if (again && parent === root) continue;
      done.add(id);
      const s = statements.get(id);
      const li = parent.appendChild(el("li"));
      // Each item reads in its statement's direction (Hebrew and Arabic from the right),
      // set by its title, else its text; the kind and a text in the other direction than
      // the title keep their own.
      const item = li.appendChild(el("div"));
      if (!items.has(id)) items.set(id, []);
      items.get(id).push(item);
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
      if (again) {  // listed before: what argues about it is there
        item.append(el("span", incoming.has(id) ? " (listed above, with what argues about it)" : " (also listed above)", "who"));
        continue;
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
    if (!on) shownAgain();
  }
  $("_list").addEventListener("click", () => showList((listed = !listed)));
  function listForPrint() {
    // The list is printed after the map: made if it was never shown, with the search's marks.
    if (!$("_outline").firstChild) $("_outline").append(outline());
    markList();
  }

  Object.assign(page, { chosen: () => current, openPanel, closePanel, markList, listItem, listForPrint });

  refold();
  fit();
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
})(argmapPage);
