// The PCA direction explorer's view (notebook 09): a line through a 2-D cloud, the
// variance of the projections onto it and the residual. Python model: PCADirection
// in pca_direction.py; the same arithmetic runs here (the points arrive once), so
// the widget also lives without a kernel.

// A line's angle in [0, 180) (pca_direction._angle).
function pcaAngle(t) {
  let a = t % 180;
  if (a < 0) a += 180;
  return a >= 180 ? 0 : a + 0;
}

// M = Σ (xᵢ − p)(xᵢ − p)ᵀ / (n − 1), p the mean (centred) or 0 (PCADirection.scatter).
function pcaScatter(points, mean, centred) {
  const n = points.length, px = centred ? mean[0] : 0, py = centred ? mean[1] : 0;
  let s11 = 0, s12 = 0, s22 = 0;
  for (const [x, y] of points) {
    const dx = x - px, dy = y - py;
    s11 += dx * dx; s12 += dx * dy; s22 += dy * dy;
  }
  return { m11: s11 / (n - 1), m12: s12 / (n - 1), m22: s22 / (n - 1), p: [px, py] };
}

// (λ₁, λ₂, φ₁ in degrees) of M (pca_direction._eig_angle).
function pcaEig(M) {
  const m = (M.m11 + M.m22) / 2, r = Math.hypot((M.m11 - M.m22) / 2, M.m12);
  const phi = (0.5 * Math.atan2(2 * M.m12, M.m11 - M.m22) * 180) / Math.PI;
  return { l1: m + r, l2: Math.max(m - r, 0), phi: pcaAngle(phi) };
}

function pcaVar(M, deg) {
  const t = (deg * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t);
  return M.m11 * c * c + 2 * M.m12 * c * s + M.m22 * s * s;
}

// u⊥ᵀMu⊥ with u⊥ = (−sin θ, cos θ) (PCADirection.residual)
function pcaResidual(M, deg) {
  const t = (deg * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t);
  return M.m11 * s * s - 2 * M.m12 * c * s + M.m22 * c * c;
}

// PCADirection.readout
function pcaReadout(points, mean, theta, centred) {
  const M = pcaScatter(points, mean, centred), C = pcaScatter(points, mean, true);
  const variance = pcaVar(M, theta), residual = pcaResidual(M, theta), total = M.m11 + M.m22;
  const best = pcaEig(M), pc1 = pcaEig(C);
  return { theta, centred, variance, residual, total, fraction: variance / total,
    best_theta: best.phi, best_variance: best.l1, pc1_theta: pc1.phi, lambda1: pc1.l1, lambda2: pc1.l2, M };
}

// PCADirection.message
function pcaMessage(r) {
  let off = Math.abs(r.theta - r.best_theta);
  off = Math.min(off, 180 - off);
  if (!r.centred) {
    let gap = Math.abs(r.best_theta - r.pc1_theta);
    gap = Math.min(gap, 180 - gap);
    return [`Not centred: the line passes through the origin and the projections are measured from 0, so the best line leans towards the mean: ${r.best_theta.toFixed(1)}° instead of PC1's ${r.pc1_theta.toFixed(1)}° (${gap.toFixed(1)}° apart)`, "info"];
  }
  if (off < 0.05) {
    return ["The line is the first principal direction: the variance of the projections is the largest possible (λ₁), the residual the smallest (λ₂)", "ok"];
  }
  return [`${off.toFixed(1)}° from PC1: the projected variance is below λ₁ and the residual above λ₂; their sum stays the total variance`, "ok"];
}

function render({ model, el }) {
  injectStyle(el);
  const root = h("div", { class: "course-w course-pca-direction" });
  el.appendChild(root);
  keepKeys(root);
  const points = model.get("points").map((p) => [Number(p[0]), Number(p[1])]);
  const n = points.length;
  const mean = [0, 0];
  for (const [x, y] of points) { mean[0] += x; mean[1] += y; }
  mean[0] /= n; mean[1] /= n;

  // The view: every point, and discs of radius R around the origin and the mean (the
  // handle sits at distance R from the line's reference point), fixed once.
  let xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const R = 0.35 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  xs = xs.concat([-R, R, mean[0] - R, mean[0] + R]);
  ys = ys.concat([-R, R, mean[1] - R, mean[1] + R]);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const L = 0.55 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const V = (q) => [(q[0] - cx) / L, -(q[1] - cy) / L];
  root.dataset.points = JSON.stringify(points);

  const slider = h("input", { type: "range", min: 0, max: 179, step: 1, class: "course-pca-theta",
    "aria-label": "direction θ (degrees)" });
  const text = h("input", { type: "text", inputmode: "decimal", class: "course-pca-theta-text",
    "aria-label": "direction θ value (degrees)" });
  const centreButton = h("button", { type: "button", class: "course-pca-centre" });
  const toBest = h("button", { type: "button", class: "course-pca-to-pc1", text: "line to the best direction" });
  const row = h("div", { class: "cw-row" }, [h("label", {}, ["direction θ (degrees) ", slider, " ", text]),
    centreButton, toBest, h("span", { class: "cw-muted", text: "(or drag the end of the line, or ←/→ on it)" })]);
  const plot = h("div", { class: "cw-plot course-pca-plotbox" });
  const curve = h("div", { class: "course-pca-curvebox", style: "width:min(100%, 420px)" });
  const readout = h("div", { class: "cw-readout course-pca-readout", "aria-live": "polite" });
  const status = statusNode("course-pca-status");
  const side = h("div", { class: "cw-side" }, [readout, status, curve, legend([
    [C.sky, "solid", "the points; ✚ the mean, ○ the origin"],
    [C.blue, "solid", "the line (through the mean, or the origin when not centred)"],
    [C.grid, "solid", "residuals: each point to its projection"],
    [C.vermillion, "dotted", "PC1 of the centred data"],
  ])]);
  root.append(row, h("div", { class: "cw-main" }, [plot, side]));

  let theta = pcaAngle(Number(model.get("theta")));
  let centred = !!model.get("centred");

  function span(field, value, shown) {
    return h("span", { "data-field": field, "data-value": String(value) }, shown);
  }

  function seg(svg, a, b, attrs) {
    const [x1, y1] = V(a), [x2, y2] = V(b);
    const node = s("line", { x1, y1, x2, y2, "vector-effect": "non-scaling-stroke", ...attrs });
    svg.appendChild(node);
    return node;
  }

  function drawPlot(r) {
    // role group, not img: it holds the focusable handle (axe nested-interactive)
    const svg = s("svg", { viewBox: "-1 -1 2 2", role: "group", class: "course-pca-plot",
      "data-theta": theta, "data-centred": String(centred), "data-view": JSON.stringify([cx, cy, L]) });
    svg.appendChild(s("rect", { x: -1, y: -1, width: 2, height: 2, fill: "none", stroke: C.border,
      "vector-effect": "non-scaling-stroke" }));
    const far = 4 * L;
    seg(svg, [-far, 0], [far, 0], { stroke: C.grid, "stroke-width": 0.8 });
    seg(svg, [0, -far], [0, far], { stroke: C.grid, "stroke-width": 0.8 });
    const p = r.M.p, t = (theta * Math.PI) / 180, u = [Math.cos(t), Math.sin(t)];
    const pc = (r.pc1_theta * Math.PI) / 180, w = [Math.cos(pc), Math.sin(pc)];
    seg(svg, [mean[0] - far * w[0], mean[1] - far * w[1]], [mean[0] + far * w[0], mean[1] + far * w[1]],
      { stroke: C.vermillion, "stroke-width": 1.6, "stroke-dasharray": "1.5 3.5", "stroke-linecap": "round" });
    for (const q of points) {
      const z = (q[0] - p[0]) * u[0] + (q[1] - p[1]) * u[1];
      seg(svg, q, [p[0] + z * u[0], p[1] + z * u[1]], { stroke: C.fg2, "stroke-width": 0.9, opacity: 0.7,
        class: "course-pca-residual" });
    }
    seg(svg, [p[0] - far * u[0], p[1] - far * u[1]], [p[0] + far * u[0], p[1] + far * u[1]],
      { stroke: C.blue, "stroke-width": 2.5 });
    for (const q of points) {
      const [x, y] = V(q);
      svg.appendChild(s("circle", { cx: x, cy: y, r: 0.016, fill: C.sky, stroke: C.blue, "stroke-width": 0.5,
        "vector-effect": "non-scaling-stroke", class: "course-pca-point" }));
    }
    const [mx, my] = V(mean), k = 0.035;
    for (const [a, b, c2, d] of [[mx - k, my, mx + k, my], [mx, my - k, mx, my + k]]) {
      svg.appendChild(s("line", { x1: a, y1: b, x2: c2, y2: d, stroke: C.fg, "stroke-width": 2.5,
        "vector-effect": "non-scaling-stroke" }));
    }
    const [ox, oy] = V([0, 0]);
    svg.appendChild(s("circle", { cx: ox, cy: oy, r: 0.02, fill: "none", stroke: C.fg, "stroke-width": 1.5,
      "vector-effect": "non-scaling-stroke" }));
    const [hx, hy] = V([p[0] + R * u[0], p[1] + R * u[1]]);
    const handle = s("circle", { cx: hx, cy: hy, r: 0.04, fill: C.blue, stroke: C.bg, "stroke-width": 1.5,
      "vector-effect": "non-scaling-stroke", class: "course-pca-handle", tabindex: 0, role: "slider",
      "aria-label": "the line's direction", "aria-valuemin": 0, "aria-valuemax": 179,
      "aria-valuenow": Math.round(theta), "aria-valuetext": `θ = ${fmt(theta, 1)}°`, style: "cursor:grab;touch-action:none" });
    svg.appendChild(handle);
    svg.setAttribute("aria-label", `${n} points and a line at ${fmt(theta, 1)}° through the ${centred ? "mean" : "origin"}: projected variance ${fmt(r.variance, 3)}, residual ${fmt(r.residual, 3)}; PC1 at ${fmt(r.pc1_theta, 1)}°.`);
    const focused = plot.contains(document.activeElement) && document.activeElement.classList.contains("course-pca-handle");
    clearNode(plot);
    plot.appendChild(svg);
    handle.addEventListener("keydown", onHandleKey);
    handle.addEventListener("pointerdown", onDown);
    if (focused) handle.focus();
  }

  function drawCurve(r) {
    const W = 420, H = 170, l = 46, rt = 8, tp = 10, bt = 30;
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "course-pca-curve", role: "img",
      style: "width:100%;height:auto;display:block",
      "aria-label": `Projected variance against θ from 0° to 180°, largest (${fmt(r.best_variance, 3)}) at ${fmt(r.best_theta, 1)}°; now ${fmt(r.variance, 3)} at ${fmt(theta, 1)}°.` });
    const hi = 1.08 * r.total;
    const X = (d) => l + (d / 180) * (W - l - rt);
    const Y = (v) => tp + ((hi - v) / hi) * (H - tp - bt);
    const line = (x1, y1, x2, y2, attrs) => svg.appendChild(s("line", { x1, y1, x2, y2, ...attrs }));
    line(l, Y(0), W - rt, Y(0), { stroke: C.grid });
    line(l, tp, l, H - bt, { stroke: C.border });
    line(l, Y(r.total), W - rt, Y(r.total), { stroke: C.fg2, "stroke-dasharray": "2 3" });
    const lab = (x, y, t, col, anchor) => { const e = s("text", { x, y, "text-anchor": anchor, "font-size": 11, fill: col }); e.textContent = t; svg.appendChild(e); };
    lab(l - 4, Y(r.total) + 4, "total", C.fg2, "end");
    lab(l - 4, Y(0) + 4, "0", C.fg2, "end");
    for (const d of [0, 45, 90, 135, 180]) lab(X(d), H - bt + 14, `${d}°`, C.fg2, "middle");
    line(X(r.best_theta), tp, X(r.best_theta), H - bt, { stroke: C.vermillion, "stroke-dasharray": "2 3", class: "course-pca-best" });
    const vs = [], rs = [];
    for (let d = 0; d <= 180; d += 2) {
      vs.push(`${X(d).toFixed(2)},${Y(pcaVar(r.M, d)).toFixed(2)}`);
      rs.push(`${X(d).toFixed(2)},${Y(pcaResidual(r.M, d)).toFixed(2)}`);
    }
    svg.appendChild(s("polyline", { points: vs.join(" "), fill: "none", stroke: C.blue, "stroke-width": 2, class: "course-pca-variance" }));
    svg.appendChild(s("polyline", { points: rs.join(" "), fill: "none", stroke: C.orange, "stroke-width": 1.6, "stroke-dasharray": "5 3", class: "course-pca-residual-curve" }));
    svg.appendChild(s("circle", { cx: X(theta), cy: Y(r.variance), r: 5, fill: C.vermillion, class: "course-pca-current", "data-theta": theta }));
    lab(W - rt, H - 3, "θ; blue: projected variance, orange dashed: residual", C.fg2, "end");
    clearNode(curve);
    curve.appendChild(svg);
  }

  function paint(errors) {
    const t0 = performance.now();
    const r = pcaReadout(points, mean, theta, centred);
    clearNode(readout);
    readout.append(
      "θ = ", span("theta", theta, `${fmt(theta, 1)}°`), " · ", span("centred", String(centred), centred ? "centred (line through the mean)" : "not centred (line through the origin)"), h("br"),
      "variance of the projections ", span("variance", r.variance, fmt(r.variance, 4)),
      " + residual ", span("residual", r.residual, fmt(r.residual, 4)), " = total ", span("total", r.total, fmt(r.total, 4)),
      " (", span("fraction", r.fraction, `${fmt(100 * r.fraction, 1)}%`), " on the line)", h("br"),
      "largest ", span("best_variance", r.best_variance, fmt(r.best_variance, 4)), " at θ = ",
      span("best_theta", r.best_theta, `${fmt(r.best_theta, 1)}°`), h("br"),
      "PC1 of the centred data at ", span("pc1_theta", r.pc1_theta, `${fmt(r.pc1_theta, 1)}°`),
      ", λ₁ = ", span("lambda1", r.lambda1, fmt(r.lambda1, 4)), ", λ₂ = ", span("lambda2", r.lambda2, fmt(r.lambda2, 4)),
    );
    slider.value = String(Math.round(theta) % 180);
    slider.setAttribute("aria-valuetext", `${fmt(theta, 1)} degrees`);
    centreButton.textContent = centred ? "centred: on" : "centred: off";
    centreButton.setAttribute("aria-pressed", centred ? "true" : "false");
    if (errors.length) setStatus(status, `${errors.join("; ")}. The picture and numbers show the last valid angle.`, "error");
    else setStatus(status, ...pcaMessage(r));
    drawPlot(r);
    drawCurve(r);
    painted(root);
    root.dataset.updateMs = (performance.now() - t0).toFixed(2);
  }

  function setTheta(deg, fromText = false) {
    theta = pcaAngle(deg);
    if (!fromText) { text.value = String(theta); text.setAttribute("aria-invalid", "false"); }
    paint([]);
    save(model, { theta });
  }

  function onHandleKey(e) {
    e.stopPropagation();  // a deck would take an arrow key for a slide change
    const step = e.shiftKey ? 10 : 1;
    if (e.key === "ArrowRight" || e.key === "ArrowUp") { e.preventDefault(); setTheta(Math.round(theta) + step); }
    else if (e.key === "ArrowLeft" || e.key === "ArrowDown") { e.preventDefault(); setTheta(Math.round(theta) - step); }
  }

  // The pointer in the picture's own coordinates (viewBox −1…1, y down): getScreenCTM
  // includes every CSS transform and zoom above the SVG (a reveal.js deck scales its
  // slides) and the viewBox's fit, which the bounding box alone does not.
  function angleAt(e) {
    const svg = plot.querySelector("svg");
    const v = new DOMPoint(e.clientX, e.clientY).matrixTransform(svg.getScreenCTM().inverse());
    const q = [cx + v.x * L, cy - v.y * L];
    const p = centred ? mean : [0, 0];
    return Math.round((Math.atan2(q[1] - p[1], q[0] - p[0]) * 180) / Math.PI);
  }
  // A drag: the picture captures the pointer, so every move and the release reach it
  // even when the pointer leaves the picture or the handle is redrawn under it, and
  // nothing above sees them (a deck would take a touch drag for a slide change).
  let dragging = null;
  function onDown(e) {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    dragging = e.pointerId;
    try { plot.setPointerCapture(e.pointerId); } catch (err) { /* no active pointer: moves still reach the picture */ }
  }
  plot.addEventListener("pointermove", (e) => {
    if (dragging !== e.pointerId) return;
    e.stopPropagation();
    setTheta(angleAt(e));
  });
  const endDrag = (e) => { if (dragging === e.pointerId) dragging = null; };
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) plot.addEventListener(type, endDrag);

  slider.addEventListener("input", () => setTheta(Number(slider.value)));
  text.addEventListener("input", () => {
    const r = parseEntry(text.value, "θ");
    text.setAttribute("aria-invalid", r.error ? "true" : "false");
    if (r.error) paint([r.error]);
    else setTheta(r.value, true);
  });
  centreButton.addEventListener("click", () => {
    centred = !centred;
    paint([]);
    save(model, { centred });
  });
  toBest.addEventListener("click", () => setTheta(pcaReadout(points, mean, theta, centred).best_theta));
  const onModel = () => {
    if (echoed(model, ["theta", "centred"])) return;
    const t = pcaAngle(Number(model.get("theta"))), c = !!model.get("centred");
    if (t === theta && c === centred) return;
    theta = t; centred = c;
    text.value = String(theta);
    paint([]);
  };
  for (const k of ["theta", "centred"]) model.on(`change:${k}`, onModel);
  text.value = String(theta);
  paint([]);
  return () => { for (const k of ["theta", "centred"]) model.off(`change:${k}`, onModel); };
}

export default { render };
