// claimgraph workbench. Every piece of article text reaches the page through
// textContent or text nodes, never as HTML.
"use strict";

const params = new URLSearchParams(location.search);
const token = params.get("token");
// the session's CSRF token, from the page the server rendered (another origin cannot read it)
const csrfMeta = document.querySelector('meta[name="csrf-token"]');
const csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";
const TYPE_STYLE = {
  state: { shape: "box", color: "#d9e8f5" },
  organization: { shape: "ellipse", color: "#f5e3d0" },
  person: { shape: "dot", color: "#e3f1dc" },
  media: { shape: "diamond", color: "#ece0f3" },
  igo: { shape: "hexagon", color: "#f3f0c9" },
};
const TYPES = ["AID", "COOPERATE", "CONSULT", "ASSAULT", "COERCE", "SANCTION", "ACCUSE",
  "REQUEST", "REJECT", "THREATEN", "MEMBER_OF", "LEADER_OF", "PART_OF"];
const cg = (window.cg = { network: null, nodes: null, edges: null, claims: {}, parents: {},
  words: { claims: {}, modes: {}, credibility: {} } });

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") node.addEventListener("click", v);
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === "string" || typeof c === "number" ? String(c) : c);
  }
  return node;
}

function fill(box, ...children) {
  box.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
}

async function api(path, options) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  if (options && options.body) headers["Content-Type"] = "application/json";
  if (options && options.method && options.method !== "GET") headers["X-CSRF-Token"] = csrf;
  const res = await fetch(path, { ...(options || {}), headers });
  const body = await res.json();
  if (!res.ok) throw new Error(body.detail || res.statusText);
  return body;
}

function status(text) { document.getElementById("status").textContent = text || ""; }

function show(tab) {
  for (const t of document.querySelectorAll(".tab")) t.hidden = t.id !== tab;
}

function filterQuery() {
  const form = new FormData(document.getElementById("filters"));
  const q = new URLSearchParams();
  for (const [k, v] of form.entries()) if (v !== "" && !(k === "min_origins" && v === "0")) q.set(k, v);
  return q;
}

// a claim in words (data/words.yaml, from /api/words): "arms (weapons)", "denies cooperating with"
function verb(c) {
  const w = cg.words.claims;
  const entry = (c.mode && w[c.type + "/" + c.mode]) || w[c.type];
  return entry ? entry[c.polarity === "denied" ? "denied" : "asserted"] : c.type + (c.mode ? "/" + c.mode : "");
}

function modeWords(c) {
  return c.mode ? " (" + (cg.words.modes[c.mode] || c.mode) + ")" : "";
}

function sayClaim(c) {
  return c.subject.name + " " + verb(c) + targetName(c) + modeWords(c);
}

function claimTip(c) {
  const origins = c.independent_origins + (c.independent_origins === 1 ? " independent origin" : " independent origins");
  const grade = "credibility " + c.credibility + " (" + (cg.words.credibility[String(c.credibility)] || "") + ")";
  const flags = [c.hedged ? "hedged" : null, c.circular ? "circular reporting" : null,
    c.status ? c.status + " by a curator" : null].filter(Boolean);
  return [sayClaim(c), origins + ", " + grade, ...flags].join("\n");
}

function edgeStyle(c) {
  const denied = c.polarity === "denied";
  const rejected = c.status === "rejected";
  const confirmed = c.status === "confirmed";
  const dashes = rejected ? [3, 3] : c.hedged ? [2, 6] : c.independent_origins < 2 ? [10, 8] : false;
  const line = rejected ? "#a9b1b6" : denied ? "#c0392b" : "#35627a";
  return {
    id: c.id, from: c.subject.id, to: c.object.id,
    label: (rejected ? "✕ rejected: " : confirmed ? "✓ " : "") + verb(c) + modeWords(c),
    width: rejected ? 1 : 1 + 2 * Math.min(c.independent_origins, 5) + (confirmed ? 1 : 0),
    dashes, arrows: c.type === "COOPERATE" ? "" : "to",
    color: { color: line, highlight: rejected ? "#6b7378" : denied ? "#922b21" : "#1b3a4b" },
    font: { size: 10, color: rejected ? "#8a949a" : denied ? "#922b21" : "#44505a", strokeWidth: 3 },
    hidden: rejected && !document.getElementById("show-rejected").checked,
    title: claimTip(c),
  };
}

async function loadNetwork() {
  status("loading…");
  const data = await api("/api/network?" + filterQuery().toString());
  cg.claims = {};
  for (const e of data.edges) cg.claims[e.id] = e;
  cg.parents = {};
  const nodes = data.nodes.map((n) => {
    cg.parents[n.id] = n.parents;
    const style = TYPE_STYLE[n.type] || TYPE_STYLE.organization;
    return { id: n.id, label: n.label, shape: style.shape, color: style.color, title: n.type };
  });
  const parallel = {};  // claims between the same two actors get their own curves
  const edges = data.edges.map((c) => {
    const pair = [c.subject.id, c.object.id].sort().join("|");
    const k = (parallel[pair] = (parallel[pair] || 0) + 1) - 1;
    return { ...edgeStyle(c), smooth: { enabled: true, type: k % 2 ? "curvedCCW" : "curvedCW", roundness: 0.12 + 0.18 * Math.ceil(k / 2) } };
  });
  for (const n of data.nodes) for (const p of n.parents) {
    edges.push({ id: "part:" + n.id + ":" + p, from: n.id, to: p, dashes: [1, 4], arrows: "to",
      color: { color: "#b6bec4" }, width: 1, label: "part of", font: { size: 9, color: "#8a949a" } });
  }
  cg.nodes = new vis.DataSet(nodes);
  cg.edges = new vis.DataSet(edges);
  const container = document.getElementById("chart");
  if (cg.network) cg.network.destroy();
  cg.network = new vis.Network(container, { nodes: cg.nodes, edges: cg.edges }, {
    layout: { randomSeed: 7 },  // the same data gives the same layout at every load
    physics: { stabilization: { iterations: 300 }, barnesHut: { springLength: 180 } },
    interaction: { hover: true, selectConnectedEdges: false },
    edges: { smooth: { type: "dynamic" } },
  });
  cg.network.on("click", hideTooltip);  // a tooltip does not outlive the click
  cg.network.on("selectEdge", (ev) => {
    const id = ev.edges[0];
    if (id && cg.claims[id]) showClaim(id);
  });
  cg.network.on("selectNode", (ev) => {
    if (ev.nodes[0] && !cg.network.isCluster(ev.nodes[0])) showActor(ev.nodes[0]);
  });
  cg.network.once("stabilizationIterationsDone", () => { cg.ready = true; });
  const list = document.getElementById("actor-list");
  fill(list, ...data.nodes.map((n) =>
    el("li", {}, el("button", { class: "actor-link", "data-id": n.id, onclick: () => showActor(n.id) }, n.label))));
  renderTimeline(data.edges);
  status(data.edges.length + " of " + data.total_edges + " claims, " + data.nodes.length + " actors");
}

function hideTooltip() {
  for (const t of document.querySelectorAll(".vis-tooltip")) t.style.visibility = "hidden";
}

function toggleRejected() {
  const show = document.getElementById("show-rejected").checked;
  cg.edges.update(Object.values(cg.claims).filter((c) => c.status === "rejected")
    .map((c) => ({ id: c.id, hidden: !show })));
}

function collapse() {
  const parents = new Set(Object.values(cg.parents).flat());
  for (const p of parents) {
    cg.network.cluster({
      joinCondition: (node) => node.id === p || (cg.parents[node.id] || []).includes(p),
      clusterNodeProperties: { id: "cluster:" + p, label: (cg.nodes.get(p) || { label: p }).label + " (+)",
        shape: "box", color: "#fbe7c6", borderWidth: 2 },
    });
  }
}

function expand() {
  for (const id of Object.keys(cg.network.body.nodes)) if (cg.network.isCluster(id)) cg.network.openCluster(id);
}

// an event whose target the text does not name has no object ("students staged protests")
function targetName(c) {
  return c.object ? " " + c.object.name : " (no target named)";
}

function claimLine(c, onclick) {
  const text = sayClaim(c) + " · " + c.independent_origins + " origin(s)" +
    (c.status === "confirmed" ? " · confirmed" : "");
  return el("div", { class: "claimrow" + (c.status === "rejected" ? " rejected" : "") },
    el("button", { class: "link", onclick: onclick || (() => showClaim(c.id)) }, text));
}

function renderTimeline(claims) {
  const dated = claims.filter((c) => c.time_start).sort((a, b) => a.time_start.localeCompare(b.time_start));
  const box = document.getElementById("timeline");
  fill(box, el("h2", {}, "Timeline"),
    ...dated.map((c) => el("div", {}, el("strong", {}, c.time_start + (c.time_end ? " – " + c.time_end : "") + " "), claimLine(c))),
    dated.length ? null : el("p", { class: "hint" }, "No dated claims in this selection."));
}

async function showClaim(id) {
  const c = await api("/api/claims/" + encodeURIComponent(id));
  const box = document.getElementById("evidence");
  const parts = [el("h2", { id: "claim-title", class: c.curation.status === "rejected" ? "rejected" : "" }, sayClaim(c)),
    el("p", { class: "code", id: "claim-code" }, c.type + (c.mode ? "/" + c.mode : "") + " · " + c.polarity + " · " + c.id)];
  parts.push(el("p", {}, c.explanation + ". Credibility " + c.credibility + " (" + c.credibility_label + ")" +
    (c.hedged ? "; hedged" : "") + (c.curation.status ? "; " + c.curation.status + " by a curator" : "")));
  if (c.circular) parts.push(el("div", { class: "banner", id: "circular-banner" }, "Circular reporting: " + c.explanation + "."));
  for (const d of c.contradicting) {
    parts.push(el("div", { class: "denial" }, (d.polarity === "denied" ? "Denied: " : "Contradicted by the assertion: "),
      claimLine(d)));
  }
  const groups = c.origin_groups.map((g) => {
    const first = c.evidence[g.evidence[0]];
    const origin = c.origins.find((o) => o.id === g.origin);
    return el("div", { class: "origin" },
      el("h3", {}, "Origin: " + (origin ? origin.label : first.origin) + (origin ? " (reliability " + origin.reliability + ")" : "")),
      ...g.evidence.map((k) => {
        const e = c.evidence[k];
        return el("div", { class: "quote" },
          el("div", { class: "chain" }, "chain: " + e.chain.join(" → ") + (e.copy_of ? " · copy of " + e.copy_of + " (not counted)" : "") + (e.hedged ? " · hedged" : "") +
            (e.extractor && e.extractor !== "rules" ? " · read by " + e.extractor : "")),
          el("blockquote", {}, el("span", { class: "ctx" }, "…" + e.context.before), el("mark", {}, e.context.quote),
            el("span", { class: "ctx" }, e.context.after + "…")),
          el("button", { class: "link doc-link", "data-doc": e.document, title: e.document + " [" + e.start + ":" + e.end + "]",
            onclick: () => showDocument(e.document, e.start, e.end) }, docLabel(e)));
      }));
  });
  parts.push(...groups);
  const note = el("input", { id: "note-text", placeholder: "note", size: "24" });
  parts.push(el("div", { id: "curation" },
    el("button", { id: "reject", onclick: () => judge(c.id, "reject") }, "reject"), " ",
    el("button", { id: "confirm", onclick: () => judge(c.id, "confirm") }, "confirm"), " ", note,
    el("button", { id: "add-note", onclick: () => judge(c.id, "note", note.value) }, "add note")));
  for (const n of c.curation.notes) parts.push(el("p", { class: "note" }, n.author + ": " + n.text));
  fill(box, ...parts);
  show("evidence");
}

// a document as people cite it: headline, outlet, date, and the page of a PDF
function docLabel(e) {
  return [e.document_title || e.document, e.outlet, e.published, e.page ? "p. " + e.page : null]
    .filter(Boolean).join(" · ");
}

async function judge(id, kind, text) {
  try {
    const r = await api("/api/claims/" + encodeURIComponent(id) + "/" + kind, {
      method: "POST", body: JSON.stringify(text ? { text } : {}) });
    status(kind + " recorded (judgement " + r.judgement + ")");
    await showClaim(id).catch(() => {});
    await loadAudit();
  } catch (err) { status(err.message); }
}

async function showDocument(id, start, end) {
  const d = await api("/api/documents/" + encodeURIComponent(id));
  const text = el("div", { class: "doctext", id: "doctext" });
  const spans = d.mentions.map((m) => ({ ...m, kind: "mention" }));
  if (start !== undefined) spans.push({ start, end, kind: "quote" });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    text.append(d.text.slice(at, s.start));
    const mark = el("mark", { class: s.kind, title: s.actor || "quoted" }, d.text.slice(s.start, s.end));
    text.append(mark);
    at = s.end;
  }
  text.append(d.text.slice(at));
  const box = document.getElementById("document");
  fill(box, el("h2", { id: "doc-title" }, d.title || d.id),
    el("p", {}, [d.outlet, d.published, d.url].filter(Boolean).join(" · ")),
    ...d.signals.map((s) => el("p", { class: "banner" }, "Signal: " + s)), text,
    el("h3", {}, "Claims in this document"), ...d.claims.map((c) => claimLine(c)));
  show("document");
}

async function showActor(id) {
  const a = await api("/api/actors/" + encodeURIComponent(id));
  const into = el("input", { id: "merge-into", placeholder: "actor id to merge into", size: "20" });
  const box = document.getElementById("actor");
  fill(box, el("h2", { id: "actor-title" }, a.name),
    el("p", {}, a.type + (a.country ? " · " + a.country : "") + (a.sector ? " · " + a.sector : "") +
      (a.kind && a.kind !== "named" ? " · " + a.kind : "")),
    el("p", {}, "Aliases: " + a.aliases.join(", ")),
    el("p", {}, "Part of: " + (a.parents.join(", ") || "—") + "; sub-units: " + (a.children.join(", ") || "—")),
    a.merged_into ? el("p", { class: "banner" }, "Merged into " + a.merged_into) : null,
    el("div", {}, into, el("button", { id: "merge", onclick: () => curate("/api/actors/" + encodeURIComponent(id) + "/merge", { into: into.value }) }, "merge"),
      " ", el("button", { id: "split", onclick: () => curate("/api/actors/" + encodeURIComponent(id) + "/split", {}) }, "split")),
    el("h3", {}, "Claims by " + a.name), ...a.claims_out.map((c) => claimLine(c)),
    el("h3", {}, "Claims about " + a.name), ...a.claims_in.map((c) => claimLine(c)));
  show("actor");
}

async function curate(path, body) {
  try {
    const r = await api(path, { method: "POST", body: JSON.stringify(body) });
    await loadNetwork();
    await loadAudit();
    status("recorded (judgement " + r.judgement + ")");
  } catch (err) { status(err.message); }
}

async function loadAudit() {
  const data = await api("/api/judgements?limit=100");
  const undone = new Set(data.items.filter((j) => j.undoes).map((j) => j.undoes));
  const box = document.getElementById("audit");
  fill(box, el("h2", {}, "Curation (audit trail)"), ...data.items.map((j) => el("div", { class: "judgement" },
    j.at.slice(0, 19) + " " + j.author + ": " + j.kind + " " + j.target + (j.other ? " → " + j.other : "") +
    (j.text ? " “" + j.text + "”" : "") + (j.undoes ? " (undoes " + j.undoes + ")" : "") + " ",
    j.kind !== "undo" && !undone.has(j.id)
      ? el("button", { class: "undo", "data-id": String(j.id), onclick: () => curate("/api/judgements/" + j.id + "/undo", {}) }, "undo")
      : null)));
}

async function runSearch(q) {
  const data = await api("/api/search?q=" + encodeURIComponent(q));
  const box = document.getElementById("document");
  fill(box, el("h2", {}, data.total + " document(s) for “" + q + "”"),
    ...data.items.map((d) => el("div", { class: "claimrow" },
      el("button", { class: "link", onclick: () => showDocument(d.id) }, d.title || d.id), " ",
      el("span", { class: "ctx" }, d.snippet || ""))));
  show("document");
}

function init() {
  const typeSelect = document.querySelector("select[name=type]");
  for (const t of TYPES) typeSelect.append(el("option", {}, t));
  document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); loadNetwork().catch((e) => status(e.message)); });
  document.getElementById("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = new FormData(ev.target).get("q");
    if (q) runSearch(q).catch((e) => status(e.message));
  });
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => show(b.dataset.tab));
  document.getElementById("collapse").addEventListener("click", collapse);
  document.getElementById("expand").addEventListener("click", expand);
  document.getElementById("show-rejected").addEventListener("change", toggleRejected);
  api("/api/words").then((w) => { cg.words = w; }).catch(() => {})
    .then(() => loadNetwork()).catch((e) => status(e.message));
  loadAudit().catch(() => {});
}

document.addEventListener("DOMContentLoaded", init);
