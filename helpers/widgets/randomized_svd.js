// The randomized SVD explorer's view (notebook 08): choose k, p, q, plain powers or
// re-orthonormalized, and a spectrum; the range finder runs here on the matrices and
// Gaussian test matrices sent once (Python model: RandomizedSVDModel in
// randomized_svd.py), so the widget also lives without a kernel.

const RSVD_LIMITS = { k: [1, 20], p: [0, 15], q: [0, 6] };
const RSVD_NAMES = { fast: "fast σⱼ = 0.7^(j−1)", slow: "slow σⱼ = 1/√j" };

// y = A x for A row-major (m × n), x of length n
function rsvdMul(A, m, n, x) {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let t = 0;
    const off = i * n;
    for (let j = 0; j < n; j++) t += A[off + j] * x[j];
    y[i] = t;
  }
  return y;
}

// y = Aᵀ x, x of length m
function rsvdMulT(A, m, n, x) {
  const y = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const xi = x[i], off = i * n;
    for (let j = 0; j < n; j++) y[j] += A[off + j] * xi;
  }
  return y;
}

function rsvdDot(a, b) {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i] * b[i];
  return t;
}

// Orthonormal columns spanning cols': modified Gram–Schmidt, two passes (randomized_svd._orth)
function rsvdOrth(cols) {
  const Q = [];
  for (const c of cols) {
    const v = Float64Array.from(c);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of Q) {
        const r = rsvdDot(q, v);
        for (let i = 0; i < v.length; i++) v[i] -= r * q[i];
      }
    }
    const nrm = Math.sqrt(rsvdDot(v, v));
    for (let i = 0; i < v.length; i++) v[i] = nrm > 0 ? v[i] / nrm : 0;
    Q.push(v);
  }
  return Q;
}

// Largest eigenvalue of a symmetric n × n matrix (row-major): Householder
// tridiagonalization, then bisection on Sturm counts (to the last bit)
function rsvdLambdaMax(G, n) {
  const a = Float64Array.from(G);
  const d = new Float64Array(n), e = new Float64Array(n);
  const v = new Float64Array(n), w = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let alpha = 0;
    for (let i = k + 1; i < n; i++) alpha += a[i * n + k] * a[i * n + k];
    alpha = Math.sqrt(alpha);
    const x0 = a[(k + 1) * n + k];
    if (alpha === 0) { e[k] = 0; continue; }
    const r = x0 >= 0 ? -alpha : alpha;  // the reflected first entry, no cancellation
    e[k] = r;
    v.fill(0);
    v[k + 1] = x0 - r;
    for (let i = k + 2; i < n; i++) v[i] = a[i * n + k];
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    // A ← H A H with H = I − 2vvᵀ/vᵀv, on the trailing block
    for (let i = k + 1; i < n; i++) {
      let t = 0;
      for (let j = k + 1; j < n; j++) t += a[i * n + j] * v[j];
      w[i] = (2 * t) / vv;
    }
    let vw = 0;
    for (let i = k + 1; i < n; i++) vw += v[i] * w[i];
    const c = vw / vv;
    for (let i = k + 1; i < n; i++) w[i] -= c * v[i];
    for (let i = k + 1; i < n; i++) for (let j = k + 1; j < n; j++) a[i * n + j] -= v[i] * w[j] + w[i] * v[j];
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  if (n >= 2) e[n - 2] = a[(n - 1) * n + (n - 2)];
  // Gershgorin interval, then bisection for the largest eigenvalue
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const rad = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
    lo = Math.min(lo, d[i] - rad); hi = Math.max(hi, d[i] + rad);
  }
  const below = (x) => {  // number of eigenvalues < x
    let count = 0, q = 1;
    for (let i = 0; i < n; i++) {
      q = d[i] - x - (i > 0 ? (e[i - 1] * e[i - 1]) / q : 0);
      if (q === 0) q = -1e-300;
      if (q < 0) count++;
    }
    return count;
  };
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (below(mid) < n) lo = mid; else hi = mid;
  }
  return hi;
}

// ‖(I − QQᵀ)A‖₂ for one draw (RandomizedSVDModel.errors); omega: its columns
function rsvdError(A, m, n, omega, k, p, q, reo) {
  const ell = k + p;
  let cols = [];
  for (let j = 0; j < ell; j++) cols.push(rsvdMul(A, m, n, omega[j]));
  let Q;
  if (reo) {
    Q = rsvdOrth(cols);
    for (let it = 0; it < q; it++) {
      const W = rsvdOrth(Q.map((c) => rsvdMulT(A, m, n, c)));
      Q = rsvdOrth(W.map((c) => rsvdMul(A, m, n, c)));
    }
  } else {
    for (let it = 0; it < q; it++) cols = cols.map((c) => rsvdMul(A, m, n, rsvdMulT(A, m, n, c)));
    Q = rsvdOrth(cols);
  }
  const R = Float64Array.from(A);
  for (const qc of Q) {
    const r = rsvdMulT(A, m, n, qc);  // qᵀA
    for (let i = 0; i < m; i++) {
      const qi = qc[i], off = i * n;
      for (let j = 0; j < n; j++) R[off + j] -= qi * r[j];
    }
  }
  const G = new Float64Array(n * n);
  for (let i = 0; i < m; i++) {
    const off = i * n;
    for (let a = 0; a < n; a++) {
      const ra = R[off + a];
      if (ra === 0) continue;
      for (let b = 0; b < n; b++) G[a * n + b] += ra * R[off + b];
    }
  }
  return Math.sqrt(Math.max(rsvdLambdaMax(G, n), 0));
}

// randomized_svd.corollary_10_10
function rsvdBound(sigma, k, p, q) {
  if (k < 2 || p < 2) return null;
  const e = 2 * q + 1;
  const lead = (1 + Math.sqrt(k / (p - 1))) * sigma[k] ** e;
  let tail = 0;
  for (let j = k; j < sigma.length; j++) tail += sigma[j] ** (2 * e);
  return (lead + (Math.E * Math.sqrt(k + p)) / p * Math.sqrt(tail)) ** (1 / e);
}

function rsvdReadout(data, spectrum, k, p, q, reo) {
  const A = data.A[spectrum], sigma = data.sigma[spectrum];
  if (!data.omegaCols) {  // the test matrices' columns, once
    data.omegaCols = data.omegas.map((om) => om[0].map((_, j) => Float64Array.from(om, (row) => row[j])));
  }
  const errors = data.omegaCols.map((om) => rsvdError(A, data.m, data.n, om, k, p, q, reo));
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  const bound = rsvdBound(sigma, k, p, q);
  let jLost = null;
  if (!reo) {
    for (let j = 0; j < k + p; j++) {
      if ((sigma[j] / sigma[0]) ** (2 * q + 1) < 2.220446049250313e-16) { jLost = j + 1; break; }
    }
  }
  return { spectrum, k, p, q, reorthonormalize: reo, ell: k + p, sigma_k1: sigma[k],
    mean_error: mean, min_error: Math.min(...errors), max_error: Math.max(...errors),
    ratio: mean / sigma[k], bound, bound_ratio: bound === null ? null : bound / sigma[k], j_lost: jLost };
}

function rsvdG(x) {  // Python's "{:.3g}"
  const t = Number(x).toPrecision(3);
  return String(Number(t)).includes("e") ? Number(t).toExponential().replace("e+", "e+") : String(Number(t));
}

// RandomizedSVDModel.message
function rsvdMessage(r) {
  if (r.j_lost !== null) {
    return [`Plain powers: (σⱼ/σ₁)^(2q+1) < ε from j = ${r.j_lost} on, so those directions drop below rounding error before the final QR, and the error is rounding noise. Re-orthonormalize`, "warning"];
  }
  if (r.bound === null) {
    return ["The bound of Corollary 10.10 needs k ≥ 2 and p ≥ 2 (at p = 1 its factor is infinite); the measured error is still shown", "info"];
  }
  return [`Mean error ${rsvdG(r.ratio)} σₖ₊₁ over 5 draws, below the bound ${rsvdG(r.bound_ratio)} σₖ₊₁ (ℓ = ${r.ell} columns can beat the best rank-k error σₖ₊₁)`, "ok"];
}

function render({ model, el }) {
  injectStyle(el);
  const root = h("div", { class: "course-w course-rsvd" });
  el.appendChild(root);
  keepKeys(root);
  const mats = model.get("matrices"), sig = model.get("sigmas");
  const data = { A: {}, sigma: {}, omegas: model.get("omegas"), m: 0, n: 0 };
  for (const name of Object.keys(mats)) {
    const rows = mats[name];
    data.m = rows.length; data.n = rows[0].length;
    data.A[name] = Float64Array.from(rows.flat());
    data.sigma[name] = sig[name].map(Number);
  }
  const state = { spectrum: String(model.get("spectrum")), k: Number(model.get("k")), p: Number(model.get("p")),
    q: Number(model.get("q")), reorthonormalize: !!model.get("reorthonormalize") };

  const select = h("select", { class: "course-rsvd-spectrum", "aria-label": "spectrum" },
    Object.entries(RSVD_NAMES).map(([v, t]) => h("option", { value: v, text: t })));
  const controls = {};
  const rows = [h("label", {}, ["spectrum ", select])];
  for (const name of ["k", "p", "q"]) {
    const [lo, hi] = RSVD_LIMITS[name];
    const label = { k: "target rank k", p: "oversampling p", q: "power iterations q" }[name];
    const slider = h("input", { type: "range", min: lo, max: hi, step: 1, class: `course-rsvd-${name}`, "aria-label": label });
    const text = h("input", { type: "text", inputmode: "numeric", class: `course-rsvd-${name}-text`, "aria-label": `${label} value` });
    controls[name] = { slider, text, label };
    rows.push(h("label", {}, [`${label} `, slider, " ", text]));
  }
  const mode = h("button", { type: "button", class: "course-rsvd-mode" });
  rows.push(mode);
  const plot = h("div", { class: "cw-plot course-rsvd-plotbox", style: "aspect-ratio: 4 / 3" });
  const readout = h("div", { class: "cw-readout course-rsvd-readout", "aria-live": "polite" });
  const status = statusNode("course-rsvd-status");
  const side = h("div", { class: "cw-side" }, [readout, status, legend([
    [C.blue, "solid", "σⱼ of A (log scale); the ring marks σₖ₊₁"],
    [C.vermillion, "solid", "mean ‖(I − QQᵀ)A‖₂ over 5 draws (range from min to max)"],
    [C.fg2, "dashed", "the bound of Corollary 10.10 (Theorem 10.6 at q = 0)"],
  ])]);
  root.append(h("div", { class: "cw-row" }, rows), h("div", { class: "cw-main" }, [plot, side]));

  function span(field, value, shown) {
    return h("span", { "data-field": field, "data-value": value === null ? "null" : String(value) }, shown);
  }

  function drawPlot(r) {
    const sigma = data.sigma[state.spectrum], W = 420, H = 315, l = 50, rt = 10, tp = 10, bt = 34;
    const vals = [...sigma, r.min_error, r.max_error].filter((v) => v > 0);
    const lo = Math.floor(Math.log10(Math.max(Math.min(...vals), 1e-17))) - 0.3;
    const hi = 0.3;
    const X = (j) => l + ((j - 0.5) / sigma.length) * (W - l - rt);
    const Y = (v) => tp + ((hi - Math.log10(Math.max(v, 1e-17))) / (hi - lo)) * (H - tp - bt);
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "course-rsvd-plot", role: "img",
      "aria-label": `The ${sigma.length} singular values on a log scale; the mean error ${fmt(r.mean_error, 3)} against σₖ₊₁ = ${fmt(r.sigma_k1, 3)}${r.bound === null ? "" : ` and the bound ${fmt(r.bound, 3)}`}.` });
    const line = (x1, y1, x2, y2, attrs) => { const e = s("line", { x1, y1, x2, y2, ...attrs }); svg.appendChild(e); return e; };
    const lab = (x, y, t, col, anchor) => { const e = s("text", { x, y, "text-anchor": anchor, "font-size": 11, fill: col }); e.textContent = t; svg.appendChild(e); };
    line(l, tp, l, H - bt, { stroke: C.border });
    line(l, H - bt, W - rt, H - bt, { stroke: C.border });
    for (let d = Math.ceil(lo); d <= 0; d += Math.max(1, Math.ceil((0 - lo) / 6))) {
      line(l, Y(10 ** d), W - rt, Y(10 ** d), { stroke: C.grid, "stroke-width": 0.5 });
      lab(l - 4, Y(10 ** d) + 4, `1e${d}`, C.fg2, "end");
    }
    for (const j of [1, 10, 20, 30, 40]) lab(X(j), H - bt + 14, String(j), C.fg2, "middle");
    lab(W - rt, H - 4, "index j", C.fg2, "end");
    line(X(r.ell + 0.5), tp, X(r.ell + 0.5), H - bt, { stroke: C.fg2, "stroke-dasharray": "1 3", class: "course-rsvd-ell" });
    sigma.forEach((v, j) => {
      svg.appendChild(s("circle", { cx: X(j + 1), cy: Y(v), r: 3, fill: C.blue, class: "course-rsvd-sigma" }));
    });
    svg.appendChild(s("circle", { cx: X(r.k + 1), cy: Y(r.sigma_k1), r: 7, fill: "none", stroke: C.blue, "stroke-width": 1.5 }));
    line(l, Y(r.mean_error), W - rt, Y(r.mean_error), { stroke: C.vermillion, "stroke-width": 2.2, class: "course-rsvd-error" });
    svg.appendChild(s("rect", { x: l, y: Y(r.max_error), width: W - l - rt, height: Math.max(Y(r.min_error) - Y(r.max_error), 0.5),
      fill: C.vermillion, opacity: 0.15 }));
    if (r.bound !== null) line(l, Y(r.bound), W - rt, Y(r.bound), { stroke: C.fg2, "stroke-width": 1.6, "stroke-dasharray": "6 4", class: "course-rsvd-bound" });
    clearNode(plot);
    plot.appendChild(svg);
  }

  function paint(errors) {
    const t0 = performance.now();
    const r = rsvdReadout(data, state.spectrum, state.k, state.p, state.q, state.reorthonormalize);
    clearNode(readout);
    readout.append(
      span("spectrum", r.spectrum, RSVD_NAMES[r.spectrum]), ": k = ", span("k", r.k, String(r.k)),
      ", p = ", span("p", r.p, String(r.p)), ", q = ", span("q", r.q, String(r.q)), ", ",
      span("reorthonormalize", String(r.reorthonormalize), r.reorthonormalize ? "QR after every product" : "plain powers"),
      ", ℓ = k + p = ", span("ell", r.ell, String(r.ell)), h("br"),
      "σₖ₊₁ = ", span("sigma_k1", r.sigma_k1, fmt(r.sigma_k1, 4)), h("br"),
      "mean ‖(I − QQᵀ)A‖₂ = ", span("mean_error", r.mean_error, fmt(r.mean_error, 4)),
      " (min ", span("min_error", r.min_error, fmt(r.min_error, 4)), ", max ", span("max_error", r.max_error, fmt(r.max_error, 4)),
      ") = ", span("ratio", r.ratio, fmt(r.ratio, 3)), " σₖ₊₁", h("br"),
      "bound (Cor. 10.10) ", span("bound", r.bound, r.bound === null ? "—" : fmt(r.bound, 4)), " = ",
      span("bound_ratio", r.bound_ratio, r.bound_ratio === null ? "—" : fmt(r.bound_ratio, 3)), " σₖ₊₁",
      span("j_lost", r.j_lost, r.j_lost === null ? "" : ` · lost from j = ${r.j_lost}`),
    );
    select.value = state.spectrum;
    for (const name of ["k", "p", "q"]) controls[name].slider.value = String(state[name]);
    mode.textContent = state.reorthonormalize ? "re-orthonormalize: on" : "re-orthonormalize: off (plain powers)";
    mode.setAttribute("aria-pressed", state.reorthonormalize ? "true" : "false");
    if (errors.length) setStatus(status, `${errors.join("; ")}. The numbers show the last valid setting.`, "error");
    else setStatus(status, ...rsvdMessage(r));
    drawPlot(r);
    painted(root);
    root.dataset.updateMs = (performance.now() - t0).toFixed(2);
  }

  function setValue(name, value, fromText = false) {
    state[name] = value;
    if (!fromText && controls[name]) { controls[name].text.value = String(value); controls[name].text.setAttribute("aria-invalid", "false"); }
    paint([]);
    save(model, { [name]: value });
  }

  for (const name of ["k", "p", "q"]) {
    const { slider, text, label } = controls[name];
    slider.addEventListener("input", () => setValue(name, Number(slider.value)));
    text.addEventListener("input", () => {
      const [lo, hi] = RSVD_LIMITS[name];
      const r = parseEntry(text.value, label);
      let error = r.error;
      if (!error && !(Number.isInteger(r.value) && r.value >= lo && r.value <= hi)) {
        error = `${label} must be an integer from ${lo} to ${hi}, got ${text.value.trim()}`;
      }
      text.setAttribute("aria-invalid", error ? "true" : "false");
      if (error) paint([error]);
      else setValue(name, r.value, true);
    });
  }
  select.addEventListener("change", () => setValue("spectrum", select.value));
  mode.addEventListener("click", () => setValue("reorthonormalize", !state.reorthonormalize));
  const keys = ["spectrum", "k", "p", "q", "reorthonormalize"];
  const onModel = () => {
    if (echoed(model, keys)) return;
    let changed = false;
    for (const key of keys) {
      const v = key === "spectrum" ? String(model.get(key)) : key === "reorthonormalize" ? !!model.get(key) : Number(model.get(key));
      if (v !== state[key]) { state[key] = v; changed = true; }
    }
    if (!changed) return;
    for (const name of ["k", "p", "q"]) controls[name].text.value = String(state[name]);
    paint([]);
  };
  for (const key of keys) model.on(`change:${key}`, onModel);
  for (const name of ["k", "p", "q"]) controls[name].text.value = String(state[name]);
  paint([]);
  return () => { for (const key of keys) model.off(`change:${key}`, onModel); };
}

export default { render };
