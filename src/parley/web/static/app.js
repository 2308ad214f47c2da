/* parley web page. Hand-written, no framework, nothing loaded from outside this server.
 *
 * Every page fetches the JSON of one REST route and draws it as it is: no field of a record is
 * computed here (the position matrix, counts and timelines come from the API). The JSON a page
 * shows is kept in `window.parley.data` and linked from the header's JSON link.
 * All text goes into the page through textContent, never as HTML.
 */
"use strict";

const parley = (window.parley = { data: null, json: null });
const main = document.getElementById("main");
const tip = document.getElementById("tip");

// ---- small helpers ---------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "style") el.style.cssText = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

async function getJSON(url, init) {
  const res = await fetch(url, init);
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const message = body && body.error ? body.error : `${res.status} ${res.statusText}`;
    throw new Error(message);
  }
  return body;
}

function setJSON(url) {
  parley.json = url;
  const link = document.getElementById("json-link");
  link.href = url || "/info";
  link.hidden = !url;
  let alt = document.querySelector('link[rel="alternate"]');
  if (!alt) { alt = h("link", { rel: "alternate", type: "application/json" }); document.head.append(alt); }
  alt.href = url || "/info";
}

function show(...nodes) { main.replaceChildren(...nodes); }
function failure(err) { return h("p", { class: "error" }, String(err.message || err)); }
const q = encodeURIComponent;
const uiActor = (name) => "/ui/actors/" + q(name);
const uiArticle = (id) => "/ui/articles/" + q(id);
const uiIssue = (issue) => "/ui/issues/" + q(issue);
const cueText = (cue) => (cue && typeof cue === "object" ? cue.text : cue);

function params(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x)); else p.append(k, v);
  }
  const str = p.toString();
  return str ? "?" + str : "";
}

// ---- tooltip ---------------------------------------------------------------------------------

document.addEventListener("mouseover", (ev) => {
  const el = ev.target instanceof Element ? ev.target.closest("[data-tip]") : null;
  if (!el) { tip.hidden = true; return; }
  tip.textContent = el.dataset.tip;
  tip.hidden = false;
});
document.addEventListener("mousemove", (ev) => {
  if (tip.hidden) return;
  const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
  const y = ev.clientY + 18 + tip.offsetHeight > window.innerHeight ? ev.clientY - tip.offsetHeight - 10 : ev.clientY + 18;
  tip.style.left = x + "px";
  tip.style.top = y + "px";
});

// ---- speaker colours: one per speaker, in order of their first statement ----------------------

const PALETTE = ["#e4572e", "#2e86ab", "#3bb273", "#a259c4", "#e1a100", "#d1495b", "#00798c", "#8f6b3e", "#5c6bc0", "#c2185b"];
function speakerColours(quotes) {
  const colours = new Map();
  for (const quote of quotes) {
    const key = quote.speaker || "";
    if (!colours.has(key)) colours.set(key, key ? PALETTE[(colours.size - (colours.has("") ? 1 : 0)) % PALETTE.length] : "#8a8a8a");
  }
  return colours;
}
function qstyle(colour) { return `--qc:${colour};--qbg:${colour}22`; }

// ---- the article view ------------------------------------------------------------------------

/* Spans of the record, as layers: quote contents outermost, then speaker and cue, then
 * mentions, dates and places. A place with the same span as a mention is drawn in the
 * mention's mark (both in its tooltip). */
function recordSpans(record, colours, mark) {
  const spans = [];
  (record.quotes || []).forEach((quote, i) => {
    const colour = colours.get(quote.speaker || "");
    const lines = [`Statement ${i + 1} (${quote.type})`, `speaker: ${quote.speaker || "—"}`];
    if (cueText(quote.cue)) lines.push(`cue: ${cueText(quote.cue)}`);
    if (quote.source) lines.push(`source: ${quote.source}`);
    if (quote.reported_by) lines.push(`reported by: ${quote.reported_by}`);
    lines.push(`said on: ${quote.said_on || "—"}`);
    const c = quote.content;
    spans.push({ start: c.start, end: c.end, layer: 0, kind: "quote", idx: i, colour, tip: lines.join("\n") });
    if (quote.speaker_mention) {
      const m = quote.speaker_mention;
      spans.push({ start: m.start, end: m.end, layer: 1, kind: "speaker", colour, tip: `speaker of statement ${i + 1}: ${quote.speaker || "—"}` });
    }
    if (quote.cue && typeof quote.cue === "object") {
      spans.push({ start: quote.cue.start, end: quote.cue.end, layer: 1, kind: "cue", colour, tip: `cue of statement ${i + 1}: ${quote.cue.text}` });
    }
  });
  const placeAt = new Map();
  for (const p of record.places || []) placeAt.set(`${p.start}:${p.end}`, p);
  const placeTip = (p) => {
    const where = [p.kind, p.country].filter(Boolean).join(", ");
    const point = p.lat !== null && p.lat !== undefined ? `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}` : "no point";
    return `place: ${p.name} (${where}) · ${point}` + (p.geonameid ? ` · geonames ${p.geonameid}` : "");
  };
  for (const m of record.mentions || []) {
    const lines = [`${m.type}: ${m.actor || "(no canonical actor)"}`];
    if (m.via) lines.push(`via: ${m.via}`);
    if (m.kind) lines.push(`kind: ${m.kind}`);
    const p = placeAt.get(`${m.start}:${m.end}`);
    if (p) { lines.push(placeTip(p)); placeAt.delete(`${m.start}:${m.end}`); }
    spans.push({ start: m.start, end: m.end, layer: 2, kind: "ent", label: m.type, placed: Boolean(p), cls: m.type, tip: lines.join("\n"), actor: m.actor });
  }
  for (const d of record.dates || []) {
    const lines = [`DATE: ${d.value || "— (not resolved)"}`];
    if (d.modifier) lines.push(`modifier: ${d.modifier}`);
    spans.push({ start: d.start, end: d.end, layer: 2, kind: "ent", label: "DATE", cls: "DATE", tip: lines.join("\n") });
  }
  for (const p of placeAt.values()) {
    spans.push({ start: p.start, end: p.end, layer: 2, kind: "ent", label: "PLACE", cls: "PLACE", tip: placeTip(p) });
  }
  if (mark) spans.push({ start: mark[0], end: mark[1], layer: -1, kind: "evidence", tip: "the evidence you followed" });
  return spans.filter((sp) => sp.end > sp.start);
}

/* Nest spans into a tree; a span that crosses the end of an enclosing one is split there
 * (its label goes on the last piece). */
function nest(spans, length) {
  const order = (a, b) => a.start - b.start || b.end - a.end || a.layer - b.layer;
  const queue = spans.map((sp) => ({ ...sp })).sort(order);
  const root = { start: 0, end: length, children: [] };
  const stack = [root];
  for (let i = 0; i < queue.length; i++) {
    const sp = queue[i];
    while (stack.length > 1 && stack[stack.length - 1].end <= sp.start) stack.pop();
    const top = stack[stack.length - 1];
    if (sp.end > top.end) {
      const rest = { ...sp, start: top.end, continued: true };
      sp.end = top.end;
      sp.cut = true;
      let j = i + 1;
      while (j < queue.length && order(queue[j], rest) <= 0) j++;
      queue.splice(j, 0, rest);
    }
    const node = { ...sp, children: [] };
    top.children.push(node);
    stack.push(node);
  }
  return root;
}

function drawNode(node, text) {
  let el;
  if (node.kind === "quote") {
    el = h("span", { class: "quote", style: qstyle(node.colour), dataset: { tip: node.tip, quote: String(node.idx) } });
    if (!node.continued) el.id = `q${node.idx}`;
  } else if (node.kind === "speaker" || node.kind === "cue") {
    el = h("span", { class: node.kind, style: qstyle(node.colour), dataset: { tip: node.tip } });
  } else if (node.kind === "evidence") {
    el = h("span", { class: "evidence", id: node.continued ? null : "evidence", dataset: { tip: node.tip } });
  } else if (node.kind === "ent") {
    // the label is drawn by CSS from data-label, so the text of the view stays the record's text
    el = h("mark", { class: node.cls + (node.placed && !node.cut ? " placed" : ""), dataset: { tip: node.tip, label: node.cut ? "" : node.label } });
  } else {
    el = document.createDocumentFragment();
  }
  let at = node.start;
  for (const child of node.children) {
    if (child.start > at) el.append(text.slice(at, child.start));
    el.append(drawNode(child, text));
    at = child.end;
  }
  if (node.end > at) el.append(text.slice(at, node.end));
  return el;
}

/* The mark of a mention that is also a place on the map (drawn by CSS: no font needed). */
function pin() { return h("span", { class: "pin", title: "on the map" }); }

function legend(record, colours) {
  const types = [...new Set((record.mentions || []).map((m) => m.type))];
  const items = types.map((t) => h("span", { class: "chip", style: `background:var(--${t})` }, t));
  if ((record.dates || []).length) items.push(h("span", { class: "chip", style: "background:var(--DATE)" }, "DATE"));
  if ((record.places || []).length) items.push(h("span", { class: "chip", style: "background:var(--PLACE)" }, "PLACE"), h("span", {}, pin(), " on the map"));
  const speakers = [...colours.entries()].map(([name, colour]) =>
    h("span", {}, h("span", { class: "swatch", style: `background:${colour}` }), name || "(unnamed speaker)"));
  return h("div", { class: "legend" }, h("b", {}, "Marks:"), items, speakers.length ? h("b", {}, "Speakers:") : null, speakers);
}

function flash(el) {
  if (!el) return;
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  el.classList.remove("flash");
  void el.offsetWidth;
  el.classList.add("flash");
}

function statementsBySpeaker(record, colours, docEl) {
  const groups = new Map();
  (record.quotes || []).forEach((quote, i) => {
    const key = quote.speaker || "";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push([quote, i]);
  });
  const blocks = [];
  for (const [speaker, items] of groups) {
    const colour = colours.get(speaker);
    const head = speaker ? h("a", { href: uiActor(speaker), class: "speaker-name" }, speaker) : h("span", { class: "muted" }, "(unnamed speaker)");
    blocks.push(h("div", { class: "speaker-group", dataset: { speaker } },
      h("h3", {}, h("span", { class: "swatch", style: `background:${colour}` }), head, h("span", { class: "muted" }, ` ${items.length}`)),
      items.map(([quote, i]) => {
        const how = [cueText(quote.cue) || quote.type, quote.source ? `according to ${quote.source}` : null,
          quote.reported_by ? `reported by ${quote.reported_by}` : null, quote.said_on ? `said on ${quote.said_on}` : null].filter(Boolean).join(" · ");
        return h("div", { class: "statement", style: qstyle(colour), dataset: { quote: String(i) },
          onclick: () => flash(docEl.querySelector(`#q${i}`)) },
          h("div", { class: "how" }, how), `“${quote.content.text}”`);
      })));
  }
  return h("aside", { class: "side card" }, h("h2", {}, `Statements by speaker (${(record.quotes || []).length})`),
    blocks.length ? blocks : h("p", { class: "muted" }, "No statements found."));
}

function factTables(record) {
  const out = [];
  const table = (title, head, rows) => rows.length ? [h("h2", {}, `${title} (${rows.length})`),
    h("table", {}, h("thead", {}, h("tr", {}, head.map((x) => h("th", {}, x)))), h("tbody", {}, rows))] : [];
  out.push(...table("Events", ["type", "source", "target", "when", "where", "trigger"], (record.events || []).map((e) =>
    h("tr", {}, h("td", {}, e.type), h("td", {}, actorLink(e.source), e.source_person ? h("span", { class: "muted" }, ` (${e.source_person})`) : null),
      h("td", {}, e.target ? actorLink(e.target) : "—"), h("td", {}, e.when || "—"), h("td", {}, e.where || "—"), h("td", {}, `“${e.trigger.text}”`)))));
  out.push(...table("Positions", ["holder", "issue", "position", "evidence"], (record.stances || []).map((st) =>
    h("tr", {}, h("td", {}, actorLink(st.holder)), h("td", {}, h("a", { href: uiIssue(st.issue) }, st.issue)), h("td", {}, st.position),
      h("td", {}, `“${st.evidence.text}”`)))));
  out.push(...table("Dates", ["text", "value", "modifier"], (record.dates || []).map((d) =>
    h("tr", {}, h("td", {}, d.text), h("td", {}, d.value || "—"), h("td", {}, d.modifier || "")))));
  out.push(...table("Places", ["text", "name", "kind", "country", "point"], (record.places || []).map((p) =>
    h("tr", {}, h("td", {}, p.text), h("td", {}, p.name), h("td", {}, p.kind), h("td", {}, p.country || "—"),
      h("td", {}, p.lat !== null && p.lat !== undefined ? `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : "—")))));
  return out;
}

function actorLink(name) { return name ? h("a", { href: uiActor(name) }, name) : "—"; }

/* The article view: the record's text with its marks, the statements by speaker, its facts,
 * and the record itself. `jsonUrl` is its REST route (null for a pasted article). */
function articleView(record, { jsonUrl = null, mark = null } = {}) {
  const colours = speakerColours(record.quotes || []);
  const docEl = h("div", { class: "doc", id: "doc" });
  docEl.append(drawNode(nest(recordSpans(record, colours, mark), record.text.length), record.text));
  const meta = [record.publisher, record.published || "date unknown", `id ${record.id}`].filter(Boolean).join(" · ");
  const jsonText = JSON.stringify(record, null, 2);
  const download = jsonUrl ? h("a", { href: jsonUrl }, "JSON") :
    h("a", { href: URL.createObjectURL(new Blob([jsonText], { type: "application/json" })), download: `${record.id}.json` }, "download JSON");
  const counts = `${(record.mentions || []).length} mentions · ${(record.quotes || []).length} statements · ${(record.dates || []).length} dates · ` +
    `${(record.places || []).length} places · ${(record.events || []).length} events · ${(record.stances || []).length} positions`;
  return h("article", { class: "article-view", dataset: { id: record.id } },
    h("h1", {}, record.title || record.id),
    h("div", { class: "meta" }, meta, " · ", download, record.url ? [" · ", h("a", { href: record.url, rel: "noreferrer" }, "source")] : null),
    h("div", { class: "meta" }, counts),
    legend(record, colours),
    h("div", { class: "grid2" }, docEl, statementsBySpeaker(record, colours, docEl)),
    factTables(record),
    h("details", { class: "json" }, h("summary", {}, "The record, as the API returns it"), h("pre", {}, jsonText)));
}

async function pageArticle(id) {
  const url = "/articles/" + q(id);
  setJSON(url);
  const record = await getJSON(url);
  parley.data = record;
  document.title = `${record.title || record.id} · parley`;
  const search = new URLSearchParams(location.search);
  const m = /^(\d+)-(\d+)$/.exec(search.get("mark") || "");
  show(articleView(record, { jsonUrl: url, mark: m ? [Number(m[1]), Number(m[2])] : null }));
  const target = location.hash ? document.querySelector(location.hash.replace(/[^#\w-]/g, "")) : document.getElementById("evidence");
  if (target) flash(target);
}

// ---- paste box -------------------------------------------------------------------------------

function pasteBox() {
  const text = h("textarea", { id: "paste-text", placeholder: "Paste an article's text (or an HTML page) here…", spellcheck: "false" });
  const published = h("input", { id: "paste-published", type: "date", title: "Publication date: anchors relative dates" });
  const publisher = h("input", { id: "paste-publisher", type: "text", placeholder: "Publisher" });
  const status = h("span", { id: "paste-status", class: "muted" });
  const result = h("div", { id: "paste-result" });
  const run = h("button", { id: "paste-run", type: "submit" }, "Analyse");
  const form = h("form", { class: "card", id: "paste-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const body = text.value;
    if (!body.trim()) { status.textContent = "Paste a text first."; return; }
    const isHtml = /^\s*(<!doctype html|<html)/i.test(body);
    const payload = { [isHtml ? "html" : "text"]: body, published: published.value || null, publisher: publisher.value || null };
    run.disabled = true;
    status.textContent = "Analysing… (the first run loads the language model)";
    try {
      const record = await getJSON("/extract", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
      parley.data = record;
      status.textContent = "Done: the record POST /extract returned.";
      result.replaceChildren(articleView(record));
      result.scrollIntoView({ behavior: "smooth" });
    } catch (err) {
      status.textContent = "";
      result.replaceChildren(failure(err));
    } finally {
      run.disabled = false;
    }
  } },
  h("h2", { style: "margin-top:0" }, "Paste an article"),
  h("p", { class: "meta" }, "Runs POST /extract (nothing is stored) and shows the record it returns."),
  text,
  h("div", { class: "paste-row" }, h("label", {}, "Published", published), h("label", {}, "Publisher", publisher), run, status));
  return [form, result];
}

async function pagePaste() {
  setJSON(null);
  document.title = "Paste an article · parley";
  show(...pasteBox());
}

// ---- the corpus: articles, actors, issues ----------------------------------------------------

const FILTERS = ["speaker", "actor", "about", "place", "since", "until", "publisher"];

function listMore(container, url, draw, empty) {
  const more = h("button", { class: "plain" }, "More");
  const load = async (after) => {
    more.disabled = true;
    try {
      const sep = url.includes("?") ? "&" : "?";
      const page = await getJSON(after ? `${url}${sep}after=${q(after)}` : url);
      if (!after) parley.data = page;
      page.items.forEach((item) => container.append(draw(item)));
      if (!after && !page.items.length) container.append(empty);
      more.hidden = !page.next;
      more.onclick = () => load(page.next);
    } catch (err) {
      container.append(failure(err));
    } finally {
      more.disabled = false;
    }
  };
  load(null);
  return more;
}

async function pageCorpus() {
  const info = await getJSON("/info");
  document.title = "parley";
  if (!info.store) {
    setJSON("/info");
    show(h("p", { class: "meta" }, "This server has no corpus store (start it with parley serve --db FILE): only the paste box works."), ...pasteBox());
    return;
  }
  const search = new URLSearchParams(location.search);
  const values = Object.fromEntries(FILTERS.map((k) => [k, search.get(k) || ""]));
  const url = "/articles" + params(values);
  setJSON(url);
  const form = h("form", { class: "filters", method: "get", action: "/ui/" },
    FILTERS.map((k) => h("label", {}, k, h("input", { name: k, value: values[k], type: k === "since" || k === "until" ? "date" : "text" }))),
    h("button", { type: "submit" }, "Filter"));
  const rows = h("tbody", {});
  const more = listMore(rows, url, (a) => h("tr", {},
    h("td", {}, a.published || "—"), h("td", {}, a.publisher || "—"),
    h("td", {}, h("a", { href: uiArticle(a.id) }, a.title || a.id)),
    h("td", { class: "num" }, a.quotes), h("td", { class: "num" }, a.mentions), h("td", { class: "num" }, a.events), h("td", { class: "num" }, a.stances)),
    h("tr", {}, h("td", { colspan: 7, class: "muted" }, "No article matches.")));
  const actors = h("ul", { class: "plain" });
  listMore(actors, "/actors?limit=15" + params({ place: values.place, since: values.since, until: values.until, publisher: values.publisher }).replace("?", "&"),
    (a) => h("li", {}, h("a", { href: uiActor(a.actor) }, a.actor), h("span", { class: "muted" }, ` ${a.articles} art. · ${a.mentions} mentions · ${a.quotes} statements`)),
    h("li", { class: "muted" }, "No actors yet."));
  const issues = h("ul", { class: "plain" });
  listMore(issues, "/issues?limit=15", (i) => h("li", {}, h("a", { href: uiIssue(i.issue) }, i.issue),
    h("span", { class: "muted" }, ` ${i.positions} positions · ${i.holders} holders`)), h("li", { class: "muted" }, "No positions yet."));
  const st = info.store;
  show(
    h("h1", {}, "Corpus"),
    h("p", { class: "meta" }, `${st.path}: ${st.articles} articles · ${st.stories} stories · ${st.quotes} statements · ${st.events} events · ${st.stances} positions · ${st.places} places`),
    h("div", { class: "grid2" },
      h("section", {}, h("h2", {}, "Articles"), form,
        h("table", {}, h("thead", {}, h("tr", {}, ["published", "publisher", "article", "statements", "mentions", "events", "positions"].map((x) => h("th", {}, x)))), rows), more),
      h("aside", {}, h("h2", {}, "Actors"), actors, h("h2", {}, "Issues"), issues, h("h2", {}, "Places"), h("a", { href: "/ui/map" }, "The map of the places named"))),
    h("h2", {}, "Paste an article"), ...pasteBox());
}

// ---- actor page ------------------------------------------------------------------------------

function barChart(rows, { width = 640, height = 150 } = {}) {
  if (!rows.length) return h("p", { class: "muted" }, "No dated mentions or statements.");
  const max = Math.max(1, ...rows.map((r) => Math.max(r.mentions, r.quotes)));
  const band = Math.min(60, (width - 40) / rows.length);
  const bar = Math.max(3, band / 2 - 2);
  const y = (v) => height - 24 - (v / max) * (height - 40);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "chart", role: "img" });
  svg.append(s("text", { x: 0, y: 12 }, `max ${max}`));
  rows.forEach((r, i) => {
    const x = 30 + i * band;
    svg.append(s("rect", { class: "bar", x, y: y(r.mentions), width: bar, height: height - 24 - y(r.mentions), dataset: { tip: `${r.period}: ${r.mentions} mentions` } }));
    svg.append(s("rect", { class: "bar q", x: x + bar + 1, y: y(r.quotes), width: bar, height: height - 24 - y(r.quotes), dataset: { tip: `${r.period}: ${r.quotes} statements` } }));
    svg.append(s("text", { x, y: height - 8 }, r.period));
  });
  return h("div", {}, svg, h("div", { class: "legend" }, h("span", {}, h("span", { class: "swatch", style: "background:#7d9fd6" }), "mentions"),
    h("span", {}, h("span", { class: "swatch", style: "background:#e08a3c" }), "statements")));
}

function quoteRow(item) {
  const quote = item.quote;
  const a = item.article;
  const how = [cueText(quote.cue) || quote.type, quote.source ? `according to ${quote.source}` : null, quote.said_on ? `said on ${quote.said_on}` : null].filter(Boolean).join(" · ");
  return h("tr", {}, h("td", { class: "date" }, a.published || "—"),
    h("td", {}, h("div", { class: "muted" }, how), `“${quote.content.text}”`),
    h("td", {}, h("a", { href: `${uiArticle(a.id)}#q${item.idx}` }, a.title || a.id)));
}

async function pageActor(name) {
  const search = new URLSearchParams(location.search);
  const by = search.get("by") || "month";
  const url = `/actors/${q(name)}?by=${q(by)}`;
  setJSON(url);
  const p = await getJSON(url);
  parley.data = p;
  document.title = `${p.name} · parley`;
  const stat = (label, value) => h("span", { class: "stat" }, h("b", {}, value), ` ${label}`);
  show(
    h("h1", { class: "actor-name" }, p.name),
    h("div", { class: "meta" }, [p.kind, p.type].filter(Boolean).join(" · ") || "—", " · first seen ", p.first_seen || "—", " · last seen ", p.last_seen || "—"),
    h("p", { class: "legend" }, stat("articles", p.articles), stat("stories", p.stories), stat("mentions", p.mentions), stat("statements", p.quotes)),
    h("h2", {}, `Statements over time (per ${p.by})`),
    barChart(p.timeline),
    h("h2", {}, `Statements (${p.statements.length} of ${p.quotes})`),
    p.statements.length ? h("table", { class: "statements" }, h("tbody", {}, p.statements.map(quoteRow))) : h("p", { class: "muted" }, "No statements."),
    p.quotes > p.statements.length ? h("p", {}, h("a", { href: "/quotes" + params({ speaker: p.name }) }, "All statements (JSON)")) : null,
    h("div", { class: "grid2" },
      h("section", {}, h("h2", {}, "Events with others"),
        p.events.length ? h("table", {}, h("thead", {}, h("tr", {}, ["when", "type", "source", "target", "where", "trigger"].map((x) => h("th", {}, x)))),
          h("tbody", {}, p.events.map((item) => { const e = item.event; return h("tr", {},
            h("td", {}, e.when || item.article.published || "—"), h("td", {}, e.type), h("td", {}, actorLink(e.source)), h("td", {}, actorLink(e.target)),
            h("td", {}, e.where || "—"), h("td", {}, h("a", { href: `${uiArticle(item.article.id)}?mark=${e.trigger.start}-${e.trigger.end}` }, `“${e.trigger.text}”`))); })))
          : h("p", { class: "muted" }, "No events.")),
      h("aside", {}, h("h2", {}, "With whom"),
        p.partners.length ? h("ul", { class: "plain partners" }, p.partners.map((x) => h("li", {}, actorLink(x.actor), h("span", { class: "muted" }, ` ${x.type} × ${x.count}`))))
          : h("p", { class: "muted" }, "—"),
        h("h2", {}, "Issues"),
        p.issues.length ? h("ul", { class: "plain issues" }, p.issues.map((x) => h("li", {}, h("a", { href: uiIssue(x.issue) }, x.issue), ": ",
          h("span", { class: "pos" }, x.position), h("span", { class: "muted" }, ` × ${x.count}`))))
          : h("p", { class: "muted" }, "No positions recorded."))));
}

// ---- issue page: actors x time ---------------------------------------------------------------

async function pageIssue(issue) {
  const search = new URLSearchParams(location.search);
  const by = search.get("by") || "month";
  const url = "/positions/matrix" + params({ issue, by });
  setJSON(url);
  const m = await getJSON(url);
  parley.data = m;
  document.title = `${issue} · parley`;
  const evidence = h("div", { class: "evidence-list card", id: "evidence-panel" }, h("p", { class: "muted" }, "Click a cell to see the evidence."));
  const cellAt = new Map(m.cells.map((c) => [`${c.holder}\u0000${c.period}`, c]));
  const showCell = (cell, td) => {
    document.querySelectorAll("td.cell.on").forEach((x) => x.classList.remove("on"));
    td.classList.add("on");
    evidence.replaceChildren(h("h3", {}, `${cell.holder}, ${cell.period}`), ...cell.evidence.map((item) => {
      const st = item.stance;
      return h("div", { class: "item" }, h("span", { class: "pos" }, st.position), " on ", h("i", {}, st.issue), ": “", st.evidence.text, "” — ",
        h("a", { href: `${uiArticle(item.article.id)}?mark=${st.evidence.start}-${st.evidence.end}` }, item.article.title || item.article.id),
        h("span", { class: "muted" }, ` (${item.article.published || "undated"})`));
    }));
  };
  const bySelect = h("select", { onchange: (ev) => { location.search = params({ by: ev.target.value }); } },
    ["day", "week", "month", "year"].map((b) => h("option", { value: b, selected: b === m.by ? "selected" : null }, b)));
  show(
    h("h1", {}, `Issue: ${issue}`),
    h("div", { class: "meta" }, m.issues.length ? `Issues matched: ${m.issues.join(" · ")}` : "No positions on this issue.", " · per ", bySelect),
    m.holders.length ? h("table", { class: "matrix" },
      h("thead", {}, h("tr", {}, h("th", {}, "actor"), m.periods.map((p) => h("th", {}, p)))),
      h("tbody", {}, m.holders.map((holder) => h("tr", {}, h("th", {}, actorLink(holder)), m.periods.map((period) => {
        const cell = cellAt.get(`${holder}\u0000${period}`);
        if (!cell) return h("td", {});
        const td = h("td", { class: "cell", dataset: { holder, period } },
          cell.positions.map((x) => h("span", { class: x === cell.position ? "pos main" : "pos", title: x === cell.position ? "prevailing" : null }, x)));
        td.addEventListener("click", () => showCell(cell, td));
        return td;
      }))))) : null,
    h("h2", {}, "Evidence"), evidence);
}

// ---- map -------------------------------------------------------------------------------------

async function pageMap() {
  setJSON("/places?limit=500");
  document.title = "Map · parley";
  const [world, first] = await Promise.all([getJSON("/static/world-110m.geojson"), getJSON("/places?limit=500")]);
  const places = [...first.items];
  let next = first.next;
  for (let i = 0; next && i < 19; i++) {  // at most 10,000 places
    const page = await getJSON(`/places?limit=500&after=${q(next)}`);
    places.push(...page.items);
    next = page.next;
  }
  parley.data = first;
  const W = 960, H = 480;
  const X = (lon) => ((lon + 180) / 360) * W;
  const Y = (lat) => ((90 - lat) / 180) * H;
  // A ring that crosses the antimeridian (Russia's east, Fiji) jumps from +180 to -180: lift
  // the pen there instead of drawing a line across the world.
  const ring = (coords) => coords.map(([lon, lat], i) => {
    const jump = i && Math.abs(lon - coords[i - 1][0]) > 180;
    return `${i && !jump ? "L" : "M"}${X(lon).toFixed(1)},${Y(lat).toFixed(1)}`;
  }).join("") + "Z";
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img" });
  for (const f of world.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    svg.append(s("path", { d: polys.map((poly) => poly.map(ring).join("")).join(""), dataset: { tip: f.properties.name } }));
  }
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  located.sort((a, b) => b.mentions - a.mentions);
  for (const p of located) {
    const r = 2.5 + 2.2 * Math.sqrt(p.mentions);
    const href = "/ui/" + params({ place: p.name });
    svg.append(s("circle", { cx: X(p.lon).toFixed(1), cy: Y(p.lat).toFixed(1), r: r.toFixed(1),
      dataset: { tip: `${p.name} (${[p.kind, p.country].filter(Boolean).join(", ")})\n${p.mentions} mentions in ${p.articles} articles`, name: p.name },
      onclick: () => { location.href = href; } }));
  }
  show(h("h1", {}, "Places named in the corpus"),
    h("p", { class: "meta" }, `${located.length} places with a point (${places.length - located.length} without); circles by mentions; click one for its articles. `,
      "Outline: Natural Earth 1:110m (world-atlas)."),
    svg);
}

// ---- routing ---------------------------------------------------------------------------------

async function route() {
  const path = location.pathname.replace(/^\/ui\/?/, "");
  const parts = path.split("/");
  const rest = decodeURIComponent(parts.slice(1).join("/"));
  try {
    if (path === "" || path === "/") await pageCorpus();
    else if (parts[0] === "paste") await pagePaste();
    else if (parts[0] === "articles" && rest) await pageArticle(rest);
    else if (parts[0] === "actors" && rest) await pageActor(rest);
    else if (parts[0] === "issues" && rest) await pageIssue(rest);
    else if (parts[0] === "map") await pageMap();
    else show(h("p", { class: "error" }, `No page ${location.pathname}`));
  } catch (err) {
    show(failure(err));
  }
  document.body.dataset.ready = "true";
}

route();
