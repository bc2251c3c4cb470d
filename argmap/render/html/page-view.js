// argmap's interactive page, part 1 of 3: the map's data, and the view box (pan and zoom).
// The page's one script is page-view.js, page-cards.js and page-panel.js in this order, inlined
// together by argmap/render/page.py. This part makes `argmapPage`, the namespace the other
// parts receive: they take what earlier parts put there, add their own, and call a function of
// a later part through it (`page.openPanel(id)`), as every part has run before anyone clicks.
// Everything shown comes from the JSON blocks and is written with textContent, never as markup.
const argmapPage = (() => {
  "use strict";
  const page = {};
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
  function shownAgain() {
    // The map is shown again after the list: the move that waited for it is made now.
    show();
    const move = later;
    later = null;
    if (move) move();
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
  function visibleOnScreen(g) {
    const r = g.getBoundingClientRect();
    const v = view.getBoundingClientRect();
    return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
  }
  let sized = true;  // whether the view had a size (was not hidden) at its last change
  new ResizeObserver(() => {
    show();
    const had = sized;
    sized = !view.hidden;
    const current = page.chosen();
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
    // With Ctrl, Alt or Cmd a key is the browser's (Ctrl+C copies, Ctrl+0 resets its zoom).
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const card = e.target.closest && e.target.closest("g.node");
    if (card && (e.key === "Enter" || e.key === " ")) page.openPanel(card.id);
    else if (card && (e.key === "c" || e.key === "C")) page.toggle(card.id);
    else if (keys[e.key]) keys[e.key]();
    else return;
    e.preventDefault();
  });
  $("_fit").addEventListener("click", fit);
  $("_zoom-in").addEventListener("click", () => zoom(1.25));
  $("_zoom-out").addEventListener("click", () => zoom(0.8));

  // -- printing ---------------------------------------------------------------
  $("_print").addEventListener("click", () => window.print());
  function forPrint(on) {
    // A page has its own proportions: print the whole drawing, scaled to fit and undistorted.
    if (on === printing) return;
    if (on) page.listForPrint();
    printing = on;
    svg.setAttribute("preserveAspectRatio", on ? "xMidYMin meet" : "none");
    if (on) svg.setAttribute("viewBox", `${whole.x} ${whole.y} ${whole.w} ${whole.h}`);
    else show();
  }
  window.addEventListener("beforeprint", () => forPrint(true));
  window.addEventListener("afterprint", () => forPrint(false));
  matchMedia("print").addEventListener("change", (e) => forPrint(e.matches));

  return Object.assign(page, {
    $, fromRight, map, roles, labels, spans, view, svg,
    statements, relations, sources, cards, junctions, edges, incoming, premiseOf,
    show, fit, shownAgain, bringIntoView, visibleOnScreen,
    scale: () => cam.per,  // map units per screen pixel
    dragged: () => moved > 4,  // whether the pointer last pressed has moved the map
  });
})();
