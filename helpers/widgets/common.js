// Shared pieces of the course widgets' views. helpers/widgets/common.py puts this
// file in front of each widget's own module, so every module is self-contained
// (no import, no CDN) and runs the same in JupyterLab (anywidget), on the static
// site and in the decks (tools/build_site.py's small model shim).

const SVG_NS = "http://www.w3.org/2000/svg";

// Theme colours: JupyterLab's CSS variables, with system colours as the fallback
// on the static site (never a hard-coded white or black). Secondary text, status
// lines and the focus ring use the course's own --cw-* colours (COURSE_CSS), one set
// for light and one for dark themes, each with a WCAG contrast of at least 4.5:1
// (focus ring 3:1) against the page in that theme: GrayText (#808080, 3.9:1) and
// JupyterLab's --jp-success-color1 (4.1:1) and --jp-warn-color1 (2.9:1) are too pale.
const C = {
  fg: "var(--jp-ui-font-color1, CanvasText)",
  fg2: "var(--cw-fg2, #595959)",
  bg: "var(--jp-layout-color0, Canvas)",
  border: "var(--jp-border-color1, GrayText)",
  grid: "var(--jp-border-color2, #9a9a9a)",
  blue: "#0072B2",
  sky: "#56B4E9",
  orange: "#E69F00",
  green: "#009E73",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  yellow: "#F0E442",
};

const STATUS_STYLE = {
  ok: ["var(--cw-ok, #007A5A)", "✔"],
  info: ["var(--cw-info, #005A8C)", "ℹ"],
  warning: ["var(--cw-warn, #8A5A00)", "⚠"],
  error: ["var(--cw-error, #B23C00)", "✖"],
};

// Light: against white (#fff) 5.3–7.4:1; dark: against #111 (JupyterLab Dark) and the
// site's dark page 8–11:1. The focus ring: 5.2:1 on white, 8.2:1 on #111. The widget
// paints its own background (the theme's page colour): in its dark mode the site's
// theme puts HTML outputs on a light grey box, where light text would vanish.
const THEME_CSS = `
.course-w { --cw-fg2: #595959; --cw-ok: #007A5A; --cw-info: #005A8C; --cw-warn: #8A5A00;
  --cw-error: #B23C00; --cw-focus: #0072B2; }
body[data-jp-theme-light=false] .course-w, html[data-theme=dark] .course-w {
  --cw-fg2: #ADADAD; --cw-ok: #3CCB9C; --cw-info: #56B4E9; --cw-warn: #F0C45A;
  --cw-error: #FF8A5B; --cw-focus: #56B4E9; }
`;

const COURSE_CSS = THEME_CSS + `
.course-w { font-family: var(--jp-ui-font-family, system-ui, sans-serif);
  font-size: var(--jp-ui-font-size1, 14px); color: ${C.fg}; max-width: 100%;
  background: ${C.bg}; }
.course-w .cw-row { display: flex; flex-wrap: wrap; gap: 0.4em 1em; align-items: center;
  margin: 0.2em 0; }
.course-w label { white-space: nowrap; }
.course-w input, .course-w select, .course-w button {
  font: inherit; color: ${C.fg}; background: var(--jp-input-background, ${C.bg});
  border: 1px solid ${C.border}; border-radius: 3px; }
.course-w input[type=text] { width: 6em; padding: 1px 4px; }
.course-w input[type=range] { width: 9em; vertical-align: middle; accent-color: ${C.blue}; }
.course-w button { padding: 2px 8px; cursor: pointer; }
.course-w button[aria-pressed=true] { background: #0072B2; color: #fff; }
.course-w :focus-visible, .course-w input:focus-visible, .course-w select:focus-visible,
.course-w button:focus-visible { outline: 3px solid var(--cw-focus, #0072B2);
  outline-offset: 1px; }
.course-w input[aria-invalid=true] { border: 2px solid ${STATUS_STYLE.error[0]}; }
.course-w .cw-main { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; align-items: flex-start; }
.course-w .cw-plot { width: min(100%, 420px); aspect-ratio: 1; flex: 0 0 auto; }
.course-w .cw-plot svg { width: 100%; height: 100%; display: block; }
.course-w .cw-side { flex: 1 1 16em; min-width: 14em; }
.course-w .cw-readout { line-height: 1.5; overflow-wrap: anywhere; }
.course-w .cw-status { font-weight: 600; min-height: 1.4em; overflow-wrap: anywhere; }
.course-w .cw-legend { font-size: 0.9em; color: ${C.fg2}; line-height: 1.4; }
.course-w .cw-legend span.sw { display: inline-block; width: 1.6em; height: 0;
  vertical-align: middle; margin-right: 0.3em; border-top-width: 2.5px; }
.course-w table.cw-matrix td { padding: 0 0.6em; text-align: right;
  font-variant-numeric: tabular-nums; }
.course-w .cw-muted { color: ${C.fg2}; }
`;

function injectStyle(el) {
  const root = el.getRootNode ? el.getRootNode() : document;
  const host = root.head || (root === document ? document.head : root);
  if (host.querySelector && host.querySelector("style[data-course-widgets]")) return;
  const style = document.createElement("style");
  style.dataset.courseWidgets = "1";
  style.textContent = COURSE_CSS;
  (host.appendChild ? host : document.head).appendChild(style);
}

function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of [].concat(children)) {
    if (child !== null && child !== undefined) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

function s(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  }
  return node;
}

// A number as the widgets print it: at most 4 significant digits past the point
// for ordinary sizes, scientific beyond; 0 for zero (never "−0.000"); "−" as minus.
// The Python twin is helpers.widgets.common.format_number.
function fmt(x, decimals = 3) {
  if (typeof x !== "number" || Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  let text;
  if (a >= 1e-3 && a < 1e6) {
    text = x.toFixed(decimals);
    if (/^-?0\.0*$/.test(text)) text = "0";
  } else {
    text = x.toExponential(decimals);  // "1.234e+308", "-5.000e-4"
  }
  return text.replace("-", "−");
}

// Parse what a reader typed into a number box: a finite number, or an error text.
function parseEntry(text, label) {
  const t = String(text).trim().replace("−", "-");
  if (t === "") return { error: `${label} is empty: type a number` };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    return { error: `${label}: “${String(text).slice(0, 20)}” is not a number` };
  }
  const x = Number(t);
  if (!Number.isFinite(x)) {
    return { error: `${label} = ${t} is beyond the largest float (about 1.8e308)` };
  }
  return { value: x };
}

function setStatus(node, text, kind = "info") {
  const [colour, icon] = STATUS_STYLE[kind] || STATUS_STYLE.info;
  node.style.color = colour;
  node.dataset.kind = kind;
  node.textContent = text ? `${icon} ${text}` : "";
}

function statusNode(cls) {
  return h("div", { class: `cw-status ${cls}`, role: "status", "aria-live": "polite" });
}

// A square SVG view of [-L, L]²: crisp at any width (vector), y upwards.
function plotSvg(label) {
  const svg = s("svg", { viewBox: "-1 -1 2 2", role: "img", "aria-label": label });
  return svg;
}

function clearNode(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// Map a plane point to the SVG's [-1, 1] box (y flipped).
function toView(p, L) {
  return [p[0] / L, -p[1] / L];
}

function polyline(points, L, attrs) {
  const d = points.map((p) => toView(p, L).map((v) => v.toFixed(5)).join(",")).join(" ");
  return s("polyline", { points: d, fill: "none", "vector-effect": "non-scaling-stroke", ...attrs });
}

function arrow(svg, vec, L, colour, { dash = null, width = 2.2, opacity = 1 } = {}) {
  const [x, y] = toView(vec, L);
  const len = Math.hypot(x, y);
  const g = s("g", { opacity });
  g.appendChild(
    s("line", {
      x1: 0, y1: 0, x2: x, y2: y, stroke: colour, "stroke-width": width,
      "stroke-dasharray": dash, "vector-effect": "non-scaling-stroke",
    }),
  );
  if (len > 1e-9) {
    const head = Math.min(0.06, 0.5 * len);
    const ux = x / len, uy = y / len;
    const bx = x - head * ux, by = y - head * uy;
    const w = 0.45 * head;
    const pts = [[x, y], [bx - w * uy, by + w * ux], [bx + w * uy, by - w * ux]];
    g.appendChild(s("polygon", { points: pts.map((p) => p.join(",")).join(" "), fill: colour }));
  }
  svg.appendChild(g);
  return g;
}

function svgText(svg, p, L, text, colour, size = 0.055) {
  const [x, y] = toView(p, L);
  const t = s("text", {
    x: Math.max(-0.97, Math.min(0.85, x)), y: Math.max(-0.9, Math.min(0.97, y)),
    fill: colour, "font-size": size, "font-family": "var(--jp-ui-font-family, sans-serif)",
  });
  t.textContent = text;
  svg.appendChild(t);
  return t;
}

function axes(svg) {
  svg.appendChild(s("rect", { x: -1, y: -1, width: 2, height: 2, fill: "none", stroke: C.border,
    "stroke-width": 1, "vector-effect": "non-scaling-stroke" }));
  for (const [x1, y1, x2, y2] of [[-1, 0, 1, 0], [0, -1, 0, 1]]) {
    svg.appendChild(s("line", { x1, y1, x2, y2, stroke: C.grid, "stroke-width": 0.8,
      "vector-effect": "non-scaling-stroke" }));
  }
}

function circlePoints(n = 120) {
  const pts = [];
  for (let i = 0; i <= n; i++) {
    const t = (2 * Math.PI * i) / n;
    pts.push([Math.cos(t), Math.sin(t)]);
  }
  return pts;
}

function mul2(M, p) {
  return [M[0][0] * p[0] + M[0][1] * p[1], M[1][0] * p[0] + M[1][1] * p[1]];
}

function legend(items) {
  // items: [colour, dash, text]; a dash of "dot" or "dash" is described in words too.
  return h("div", { class: "cw-legend" }, items.map(([colour, dash, text]) =>
    h("div", {}, [
      h("span", { class: "sw", style: `border-top-style:${dash || "solid"};border-top-color:${colour}` }),
      text,
    ])));
}

// Keep the model in step with the view: a value and the field it goes to.
// Every value this view has sent, per model and key (JSON), so that a kernel's echo
// of an older move is not taken for a new state (see echoed).
const SENT_ = new WeakMap();

let SAVING_ = false;

function save(model, values) {
  let sent = SENT_.get(model);
  if (!sent) SENT_.set(model, (sent = {}));
  for (const [k, v] of Object.entries(values)) {
    const list = (sent[k] = sent[k] || []);
    list.push(JSON.stringify(v));
    if (list.length > 64) list.shift();
  }
  // model.set fires change:<key> at once, before the other keys are set: the view's
  // own listeners must not take that half-set state for news (see echoed)
  SAVING_ = true;
  try {
    for (const [k, v] of Object.entries(values)) model.set(k, v);
  } finally {
    SAVING_ = false;
  }
  model.save_changes();
}

// True when the model's values of these keys are all values this view sent: an
// echo from the kernel (ipywidgets 8 echoes every update back). Two quick moves
// send two updates; the echo of the first arrives after the second move, and taken
// as news it would undo that move. A change made in the kernel is applied.
function echoed(model, keys) {
  if (SAVING_) return true;
  const sent = SENT_.get(model);
  if (!sent) return false;
  const now = keys.map((k) => JSON.stringify(model.get(k)));
  if (!keys.every((k, i) => (sent[k] || []).includes(now[i]))) return false;
  // echoes come back in order: once a key's echo is the last value sent, the kernel
  // has caught up, and an older value set later in the kernel is news again
  keys.forEach((k, i) => {
    const list = sent[k];
    if (list && list[list.length - 1] === now[i]) sent[k] = [now[i]];
  });
  return true;
}

// Count paints, for the benchmark and the tests: the container's data-paints.
function painted(el) {
  el.dataset.paints = String(Number(el.dataset.paints || 0) + 1);
}

// Keys pressed in a widget's controls stay there: a slide deck (reveal.js) listens
// on the document and would otherwise turn an arrow key on a slider into a slide change.
function keepKeys(root) {
  root.addEventListener("keydown", (e) => {
    if (e.target !== root && /^(INPUT|SELECT|BUTTON|TEXTAREA)$/.test(e.target.tagName)) e.stopPropagation();
  });
}
