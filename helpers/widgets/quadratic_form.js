// The quadratic-form explorer's view (notebook 02): x on the unit circle, xᵀAx,
// the eigen-directions, the level sets xᵀAx = ±1 and the definiteness class of
// A = [[a, b], [b, c]]. Python model: QuadraticForm in quadratic_form.py; the
// same arithmetic runs here, so the widget also lives without a kernel.

const QF_EPS = 2.220446049250313e-16;
const QF_PRESETS = {
  pd: [2, 0.8, 1], indefinite: [1, 1.5, -0.5], psd: [1, 1, 1], nd: [-2, 0.5, -1],
};
const QF_PRESET_NAMES = {
  pd: "positive definite", indefinite: "indefinite", psd: "positive semidefinite",
  nd: "negative definite", custom: "custom",
};

// Eigenpairs of [[a, b], [b, c]]: a port of quadratic_form._eig, step by step. The
// work is done on the matrix scaled by max|entry| (no overflow in the steps); the
// eigenvalue of larger size is m ± r, the other det/that (no cancellation); one with
// |λ| ≤ 2ε·max|λᵢ| is exactly 0 (the threshold of helpers' definiteness for n = 2),
// and the class follows from the signs (quadratic_form._class).
function qfEig(a, b, c) {
  const s = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
  if (s === 0) return { lam1: 0, lam2: 0, phi: 0, cls: "positive semidefinite" };
  const A = a / s, B = b / s, Cc = c / s;
  const m = (A + Cc) / 2, r = Math.hypot((A - Cc) / 2, B);
  const det = A * Cc - B * B;
  let l1, l2;
  if (m >= 0) { l1 = m + r; l2 = det / l1; } else { l2 = m - r; l1 = det / l2; }
  const delta = 2 * QF_EPS * Math.max(Math.abs(l1), Math.abs(l2));
  if (Math.abs(l1) <= delta) l1 = 0;
  if (Math.abs(l2) <= delta) l2 = 0;
  let phi = 0.5 * Math.atan2(2 * B, A - Cc);
  if (phi === -Math.PI / 2) phi = Math.PI / 2;
  const pos = l1 > 0 || l2 > 0, neg = l1 < 0 || l2 < 0, zero = l1 === 0 || l2 === 0;
  let cls;
  if (pos && neg) cls = "indefinite";
  else if (neg) cls = zero ? "negative semidefinite" : "negative definite";
  else cls = pos && !zero ? "positive definite" : "positive semidefinite";
  return { lam1: s * l1 + 0, lam2: s * l2 + 0, phi, cls };
}

// The status line: a port of QuadraticForm.message.
function qfMessage(eig) {
  if (eig.lam1 === eig.lam2) {
    return [`A is ${eig.cls}: A = λI, xᵀAx is the same on the whole circle and every direction is an eigen-direction`, "info"];
  }
  if (eig.cls.includes("semidefinite")) {
    return [`A is ${eig.cls}: xᵀAx = 0 along an eigen-direction, a level set is a pair of lines or empty`, "info"];
  }
  return [`A is ${eig.cls}`, "ok"];
}

function qfRayleigh(a, b, c, t) {
  const x = Math.cos(t), y = Math.sin(t);
  return a * x * x + 2 * b * x * y + c * y * y;
}

const QF_ENTRIES = [["a", "a"], ["b", "b"], ["c", "c"]];

function render({ model, el }) {
  injectStyle(el);
  const root = h("div", { class: "course-w course-quadratic-form" });
  el.appendChild(root);
  keepKeys(root);
  const boxes = {};
  const row1 = h("div", { class: "cw-row" }, [h("span", { class: "cw-muted", text: "A = [[a, b], [b, c]]" })]);
  for (const [key, label] of QF_ENTRIES) {
    const box = h("input", { type: "text", inputmode: "decimal", class: `course-qf-${key}`, "aria-label": label });
    boxes[key] = box;
    row1.appendChild(h("label", {}, [`${label} `, box]));
  }
  const preset = h("select", { class: "course-qf-preset", "aria-label": "preset" },
    Object.entries(QF_PRESET_NAMES).map(([k, v]) => h("option", { value: k, text: v })));
  row1.appendChild(h("label", {}, ["preset ", preset]));
  const slider = h("input", { type: "range", min: 0, max: 359, step: 1, class: "course-qf-theta",
    "aria-label": "angle θ (degrees)" });
  const thetaOut = h("output", { class: "course-qf-theta-value" });
  const row2 = h("div", { class: "cw-row" }, [h("label", {}, ["angle θ (degrees) ", slider]), thetaOut,
    h("span", { class: "cw-muted", text: "(or drag x, or ←/→ on x)" })]);
  const plane = h("div", { class: "cw-plot course-qf-plane" });
  const ray = h("div", { class: "course-qf-ray", style: "width:min(100%, 420px)" });
  const readout = h("div", { class: "cw-readout course-qf-readout", "aria-live": "polite" });
  const status = statusNode("course-qf-status");
  const side = h("div", { class: "cw-side" }, [readout, status, ray, legend([
    [C.grid, "solid", "unit circle"],
    [C.fg, "solid", "x = (cos θ, sin θ)"],
    [C.blue, "solid", "v₁ (xᵀAx largest, = λ₁)"],
    [C.orange, "dashed", "v₂ (xᵀAx smallest, = λ₂)"],
    [C.green, "solid", "level set xᵀAx = +1"],
    [C.vermillion, "dashed", "level set xᵀAx = −1"],
  ])]);
  root.append(row1, row2, h("div", { class: "cw-main" }, [plane, side]));

  let shown = [model.get("a"), model.get("b"), model.get("c")];
  let theta = ((Math.round(model.get("theta")) % 360) + 360) % 360;
  let eig = qfEig(...shown);

  function span(field, value, text) {
    return h("span", { "data-field": field, "data-value": String(value) }, text);
  }

  function levelSets(svg, L) {
    // r(t) = 1/√|R(t)| along each direction; the parts with R > 0 lie on xᵀAx = 1.
    const n = 720;
    for (const sign of [1, -1]) {
      let seg = [];
      const flush = () => {
        if (seg.length > 1) {
          svg.appendChild(polyline(seg, L, { stroke: sign > 0 ? C.green : C.vermillion, "stroke-width": 2,
            "stroke-dasharray": sign > 0 ? null : "5 4", class: sign > 0 ? "course-qf-level-pos" : "course-qf-level-neg" }));
        }
        seg = [];
      };
      for (let i = 0; i <= n; i++) {
        const t = (2 * Math.PI * i) / n;
        const q = qfRayleigh(...shown, t) * sign;
        const r = q > 0 ? 1 / Math.sqrt(q) : Infinity;
        if (r <= 1.5 * L) seg.push([r * Math.cos(t), r * Math.sin(t)]);
        else flush();
      }
      flush();
    }
  }

  function drawPlane() {
    const L = 2.2;
    const svg = plotSvg("");
    svg.classList.add("course-qf-plane-svg");
    svg.setAttribute("role", "group");  // it holds the focusable handle: an img may not (axe nested-interactive)
    axes(svg);
    svg.appendChild(polyline(circlePoints(180), L, { stroke: C.grid, "stroke-width": 1.2 }));
    levelSets(svg, L);
    const v1 = [Math.cos(eig.phi), Math.sin(eig.phi)], v2 = [-v1[1], v1[0]];
    const g1 = arrow(svg, v1, L, C.blue); g1.classList.add("course-qf-eig1");
    const g1b = arrow(svg, [-v1[0], -v1[1]], L, C.blue, { opacity: 0.35 }); g1b.classList.add("course-qf-eig1");
    const g2 = arrow(svg, v2, L, C.orange, { dash: "5 3" }); g2.classList.add("course-qf-eig2");
    const t = (theta * Math.PI) / 180;
    arrow(svg, [Math.cos(t), Math.sin(t)], L, C.fg, { width: 2.6 });
    const [hx, hy] = toView([Math.cos(t), Math.sin(t)], L);
    const handle = s("circle", { cx: hx, cy: hy, r: 0.045, fill: C.fg, stroke: C.bg, "stroke-width": 1.5,
      "vector-effect": "non-scaling-stroke", class: "course-qf-handle", tabindex: 0, role: "slider",
      "aria-label": "x on the unit circle", "aria-valuemin": 0, "aria-valuemax": 359,
      "aria-valuenow": Math.round(theta), "aria-valuetext": `θ = ${fmt(theta, 0)}°`,
      style: "cursor:grab;touch-action:none" });
    svg.appendChild(handle);
    svgText(svg, [-2.1, 2.0], L, "view ±2.2", C.fg2, 0.05);
    svg.setAttribute("aria-label", `Unit circle, x at ${fmt(theta, 0)}°, eigen-directions and level sets xᵀAx = ±1; A is ${eig.cls}.`);
    const focused = plane.contains(document.activeElement) && document.activeElement.classList.contains("course-qf-handle");
    clearNode(plane);
    plane.appendChild(svg);
    handle.addEventListener("keydown", onHandleKey);
    handle.addEventListener("pointerdown", onDown);
    if (focused) handle.focus();
  }

  function drawRayleigh() {
    const W = 420, H = 170, l = 46, r = 8, tp = 10, bt = 30;
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "course-qf-rayleigh", role: "img",
      style: "width:100%;height:auto;display:block",
      "aria-label": `xᵀAx against θ from 0° to 360°: between λ₂ = ${fmt(eig.lam2, 3)} and λ₁ = ${fmt(eig.lam1, 3)}; now ${fmt(qfRayleigh(...shown, (theta * Math.PI) / 180), 3)} at θ = ${fmt(theta, 0)}°.` });
    let lo = Math.min(eig.lam2, 0), hi = Math.max(eig.lam1, 0);
    if (hi - lo === 0) { lo -= 1; hi += 1; }
    const pad = 0.08 * (hi - lo); lo -= pad; hi += pad;
    const X = (deg) => l + (deg / 360) * (W - l - r);
    const Y = (v) => tp + ((hi - v) / (hi - lo)) * (H - tp - bt);
    const line = (x1, y1, x2, y2, attrs) => svg.appendChild(s("line", { x1, y1, x2, y2, ...attrs }));
    line(l, Y(0), W - r, Y(0), { stroke: C.grid });
    line(l, tp, l, H - bt, { stroke: C.border });
    for (const d of [0, 90, 180, 270, 360]) {
      const tx = s("text", { x: X(d), y: H - bt + 14, "text-anchor": "middle", "font-size": 11, fill: C.fg2 });
      tx.textContent = `${d}°`; svg.appendChild(tx);
    }
    for (const [v, name, col, dash] of [[eig.lam1, "λ₁", C.blue, null], [eig.lam2, "λ₂", C.orange, "5 3"]]) {
      line(l, Y(v), W - r, Y(v), { stroke: col, "stroke-dasharray": dash, "stroke-width": 1 });
      const tx = s("text", { x: l - 4, y: Y(v) + 4, "text-anchor": "end", "font-size": 11, fill: col });
      tx.textContent = name; svg.appendChild(tx);
    }
    // the angles of ±v₁ (xᵀAx = λ₁, blue) and ±v₂ (λ₂, orange, dashed)
    const phiDeg = (eig.phi * 180) / Math.PI;
    for (const [off, col, dash, cls] of [[0, C.blue, "2 3", "course-qf-at-v1"], [180, C.blue, "2 3", "course-qf-at-v1"],
      [90, C.orange, "5 3", "course-qf-at-v2"], [270, C.orange, "5 3", "course-qf-at-v2"]]) {
      const d = (((phiDeg + off) % 360) + 360) % 360;
      line(X(d), tp, X(d), H - bt, { stroke: col, "stroke-dasharray": dash, "stroke-width": 1, class: cls, "data-theta": d });
    }
    const pts = [];
    for (let i = 0; i <= 360; i += 2) pts.push(`${X(i).toFixed(2)},${Y(qfRayleigh(...shown, (i * Math.PI) / 180)).toFixed(2)}`);
    svg.appendChild(s("polyline", { points: pts.join(" "), fill: "none", stroke: C.fg, "stroke-width": 2, class: "course-qf-curve" }));
    const q = qfRayleigh(...shown, (theta * Math.PI) / 180);
    svg.appendChild(s("circle", { cx: X(theta), cy: Y(q), r: 5, fill: C.vermillion, class: "course-qf-current", "data-theta": theta }));
    const cap = s("text", { x: W - r, y: H - 3, "text-anchor": "end", "font-size": 11, fill: C.fg2 });
    cap.textContent = "θ (x = (cos θ, sin θ)); curve: xᵀAx"; svg.appendChild(cap);
    clearNode(ray);
    ray.appendChild(svg);
  }

  function paint(errors) {
    const t0 = performance.now();
    const t = (theta * Math.PI) / 180;
    const q = qfRayleigh(...shown, t);
    clearNode(readout);
    readout.append(
      "θ = ", span("theta", theta, `${fmt(theta, 0)}°`), ", x = (", span("x1", Math.cos(t), fmt(Math.cos(t), 3)), ", ",
      span("x2", Math.sin(t), fmt(Math.sin(t), 3)), "): xᵀAx = ", span("q", q, fmt(q, 4)), h("br"),
      "λ₁ = ", span("lambda1", eig.lam1, fmt(eig.lam1, 4)), " (max of xᵀAx, at v₁ at ",
      span("phi1", (eig.phi * 180) / Math.PI, `${fmt((eig.phi * 180) / Math.PI, 1)}°`), "), λ₂ = ",
      span("lambda2", eig.lam2, fmt(eig.lam2, 4)), " (min, at v₁ + 90°)", h("br"),
      "A is ", h("b", {}, [span("class", eig.cls, eig.cls)]),
    );
    thetaOut.textContent = `${fmt(theta, 0)}°`;
    slider.value = String(Math.round(theta));
    slider.setAttribute("aria-valuetext", `${fmt(theta, 0)} degrees`);
    if (errors.length) setStatus(status, `${errors.join("; ")}. The picture and numbers show the last valid A.`, "error");
    else setStatus(status, ...qfMessage(eig));
    drawPlane();
    drawRayleigh();
    plane.dataset.matrix = JSON.stringify(shown);
    painted(root);
    root.dataset.updateMs = (performance.now() - t0).toFixed(2);
  }

  function readBoxes() {
    const values = [], errors = [];
    for (const [key, label] of QF_ENTRIES) {
      const r = parseEntry(boxes[key].value, label);
      boxes[key].setAttribute("aria-invalid", r.error ? "true" : "false");
      if (r.error) errors.push(r.error);
      values.push(r.value);
    }
    if (!errors.length) {
      const e = qfEig(...values);
      if (!Number.isFinite(e.lam1) || !Number.isFinite(e.lam2)) {
        errors.push("an eigenvalue of A overflows float64 (above about 1.8e308)");
      }
    }
    return { values, errors };
  }

  function matchPreset() {
    const hit = Object.entries(QF_PRESETS).find(([, v]) => v.every((x, i) => x === shown[i]));
    preset.value = hit ? hit[0] : "custom";
  }

  function setBoxes() {
    QF_ENTRIES.forEach(([key], i) => { boxes[key].value = String(shown[i]); boxes[key].setAttribute("aria-invalid", "false"); });
    matchPreset();
  }

  function onEntry() {
    const { values, errors } = readBoxes();
    if (errors.length) { paint(errors); return; }
    shown = values; eig = qfEig(...shown);
    matchPreset();
    paint([]);
    save(model, { a: shown[0], b: shown[1], c: shown[2] });
  }

  function setTheta(deg) {
    theta = ((Math.round(deg) % 360) + 360) % 360;
    paint(readBoxes().errors);
    save(model, { theta });
  }

  function onHandleKey(e) {
    e.stopPropagation();  // a deck would take an arrow key for a slide change
    const step = e.shiftKey ? 10 : 1;
    if (e.key === "ArrowRight" || e.key === "ArrowUp") { e.preventDefault(); setTheta(theta + step); }
    else if (e.key === "ArrowLeft" || e.key === "ArrowDown") { e.preventDefault(); setTheta(theta - step); }
  }

  // The pointer in the picture's own coordinates (viewBox −1…1, y down): getScreenCTM
  // includes every CSS transform and zoom above the SVG (a reveal.js deck scales its
  // slides) and the viewBox's fit, which the bounding box alone does not.
  function angleAt(e) {
    const svg = plane.querySelector("svg");
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return (Math.atan2(-p.y, p.x) * 180) / Math.PI;
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
    try { plane.setPointerCapture(e.pointerId); } catch (err) { /* no active pointer: moves still reach the picture */ }
    setTheta(angleAt(e));
  }
  plane.addEventListener("pointermove", (e) => {
    if (dragging !== e.pointerId) return;
    e.stopPropagation();
    setTheta(angleAt(e));
  });
  const endDrag = (e) => { if (dragging === e.pointerId) dragging = null; };
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) plane.addEventListener(type, endDrag);

  QF_ENTRIES.forEach(([key]) => boxes[key].addEventListener("input", onEntry));
  slider.addEventListener("input", () => setTheta(Number(slider.value)));
  preset.addEventListener("change", () => {
    const v = QF_PRESETS[preset.value];
    if (!v) return;
    shown = v.slice(); eig = qfEig(...shown);
    setBoxes(); paint([]);
    save(model, { a: shown[0], b: shown[1], c: shown[2] });
  });
  const onModel = () => {
    if (echoed(model, ["a", "b", "c", "theta"])) return;
    const v = [model.get("a"), model.get("b"), model.get("c")];
    const t = ((Math.round(model.get("theta")) % 360) + 360) % 360;
    if (JSON.stringify(v) === JSON.stringify(shown) && t === theta) return;
    const e = qfEig(...v);
    if (!Number.isFinite(e.lam1) || !Number.isFinite(e.lam2)) return;
    shown = v; eig = e; theta = t;
    setBoxes(); paint([]);
  };
  for (const k of ["a", "b", "c", "theta"]) model.on(`change:${k}`, onModel);
  setBoxes();
  paint([]);
  return () => { for (const k of ["a", "b", "c", "theta"]) model.off(`change:${k}`, onModel); };
}

export default { render };
