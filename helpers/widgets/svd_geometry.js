// The SVD geometry stepper's view (notebook 03): Vᵀ, then Σ, then U acting on the
// unit circle. Python model: SVDGeometry in svd_geometry.py; this file computes the
// same canonical SVD in the browser so the widget also lives with no kernel.

const STAGE_NAMES = ["x", "Vᵀx", "ΣVᵀx", "UΣVᵀx"];
const EPS = 2.220446049250313e-16;

function describeOrthogonal(Q) {
  let theta = (Math.atan2(Q[1][0], Q[0][0]) * 180) / Math.PI;
  if (theta <= -180) theta += 360;
  const det = Q[0][0] * Q[1][1] - Q[0][1] * Q[1][0];
  if (det > 0) return ["rotation", theta];
  const half = theta / 2;
  return ["reflection", half <= -90 ? 90 : half];
}

function describeWords(Q) {
  const [kind, angle] = describeOrthogonal(Q);
  const a = (Math.round(angle * 10) / 10 + 0).toFixed(1);
  return kind === "rotation" ? `rotation by ${a}°` : `reflection in the line at ${a}°`;
}

// The canonical SVD of SVDGeometry (canonical_svd_2x2): V a rotation by an angle in
// (−90°, 90°], V = I when σ₁ = σ₂; U = [Av₁/σ₁, Av₂/σ₂], and U a rotation when σ₂ = 0.
// Singular values are in units of scale = max|aᵢⱼ| (sB), and also in true units (s).
function svdGeometry(A) {
  const scale = Math.max(...A.flat().map(Math.abs));
  const I = [[1, 0], [0, 1]];
  if (scale === 0) return { U: I, V: I, sB: [0, 0], s: [0, 0], scale, rank: 0, det: 0 };
  const B = A.map((row) => row.map((x) => x / scale));
  const p = B[0][0] ** 2 + B[1][0] ** 2, r = B[0][1] ** 2 + B[1][1] ** 2;
  const q = B[0][0] * B[0][1] + B[1][0] * B[1][1];
  const alpha = 0.5 * Math.atan2(2 * q, p - r);
  let v1 = [Math.cos(alpha), Math.sin(alpha)], v2 = [-Math.sin(alpha), Math.cos(alpha)];
  let b1 = mul2(B, v1), b2 = mul2(B, v2);
  let s1 = Math.hypot(...b1), s2 = Math.hypot(...b2);
  let U, V;
  if (s1 - s2 <= 1e-12 * s1) {
    V = I;
    U = B.map((row) => row.map((x) => x / s1));
    const n1 = Math.hypot(B[0][0], B[1][0]), n2 = Math.hypot(B[0][1], B[1][1]);
    s1 = Math.max(n1, n2);
    s2 = Math.min(n1, n2);
  } else {
    V = [[v1[0], v2[0]], [v1[1], v2[1]]];
    if (s2 <= 2 * EPS * s1) s2 = 0;
    const u1 = [b1[0] / s1, b1[1] / s1];
    const u2 = s2 > 0 ? [b2[0] / s2, b2[1] / s2] : [-u1[1], u1[0]];
    U = [[u1[0], u2[0]], [u1[1], u2[1]]];
  }
  const sB = [s1, s2];
  const s = [s1 * scale, s2 * scale];
  const detB = B[0][0] * B[1][1] - B[0][1] * B[1][0];
  const det = detB * scale * scale + 0;
  const rank = (s1 > 0 ? 1 : 0) + (s2 > 0 ? 1 : 0);
  return { U, V, sB, s, scale, rank, det };
}

function stageText(g, k) {
  const Vt = [[g.V[0][0], g.V[1][0]], [g.V[0][1], g.V[1][1]]];
  if (k === 0) return "x: the unit circle, the basis e₁, e₂ and (dashed) v₁, v₂";
  if (k === 1) return `Vᵀ: ${describeWords(Vt)}: v₁, v₂ land on e₁, e₂`;
  if (k === 2) {
    let t = `Σ: stretch e₁ by σ₁ = ${fmt(g.s[0], 4)} and e₂ by σ₂ = ${fmt(g.s[1], 4)}`;
    if (g.rank === 1) t += " (σ₂ = 0: the circle collapses to a segment)";
    else if (g.rank === 0) t += " (A = 0: the circle collapses to a point)";
    return t;
  }
  return `U: ${describeWords(g.U)}: the ellipse Ax has semi-axes σ₁u₁, σ₂u₂`;
}

const SVD_ENTRIES = [["a11", "a₁₁"], ["a12", "a₁₂"], ["a21", "a₂₁"], ["a22", "a₂₂"]];

function render({ model, el }) {
  injectStyle(el);
  const root = h("div", { class: "course-w course-svd-geometry" });
  el.appendChild(root);
  keepKeys(root);
  const texts = {};
  const rows = [h("div", { class: "cw-row" }), h("div", { class: "cw-row" })];
  SVD_ENTRIES.forEach(([key, label], i) => {
    const box = h("input", { type: "text", inputmode: "decimal", class: `course-svd-${key}`, "aria-label": label });
    texts[key] = box;
    rows[i < 2 ? 0 : 1].appendChild(h("label", {}, [`${label} `, box]));
  });
  const stageButtons = STAGE_NAMES.map((name, k) =>
    h("button", { type: "button", class: "course-svd-stage-button", "data-stage": k, "aria-pressed": "false" }, `${k}: ${name}`));
  const next = h("button", { type: "button", class: "course-svd-next" }, "next ▸");
  const stageRow = h("div", { class: "cw-row course-svd-stage", role: "group", "aria-label": "stage" },
    [h("span", { class: "cw-muted", text: "stage" }), ...stageButtons, next]);
  const plot = h("div", { class: "cw-plot course-svd-plot" });
  const readout = h("div", { class: "cw-readout course-svd-readout", "aria-live": "polite" });
  const status = statusNode("course-svd-status");
  const side = h("div", { class: "cw-side" }, [readout, status, legend([
    [C.grid, "solid", "unit circle (the scale)"],
    [C.fg, "solid", "image of the unit circle"],
    [C.blue, "solid", "image of e₁"],
    [C.orange, "solid", "image of e₂"],
    [C.green, "dashed", "image of v₁ (dashed; ends as σ₁u₁)"],
    [C.vermillion, "dashed", "image of v₂ (dashed; ends as σ₂u₂)"],
  ])]);
  root.append(rows[0], rows[1], stageRow, h("div", { class: "cw-main" }, [plot, side]));

  let shown = model.get("a").slice();
  let stage = model.get("stage");
  let geo = svdGeometry([[shown[0], shown[1]], [shown[2], shown[3]]]);

  function entryErrors() {
    const values = [], errors = [];
    for (const [key, label] of SVD_ENTRIES) {
      const r = parseEntry(texts[key].value, label);
      texts[key].setAttribute("aria-invalid", r.error ? "true" : "false");
      if (r.error) errors.push(r.error);
      values.push(r.value);
    }
    return { values, errors };
  }

  function check(values) {
    const g = svdGeometry([[values[0], values[1]], [values[2], values[3]]]);
    if (!Number.isFinite(g.s[0]) || !Number.isFinite(g.det)) {
      return { error: "A's entries are too large: σ₁ or det A = σ₁σ₂ overflows float64 (above about 1.8e308)" };
    }
    return { g };
  }

  function span(field, value, text) {
    return h("span", { "data-field": field, "data-value": String(value) }, text);
  }

  function paint(errors) {
    const g = geo;
    const Vt = [[g.V[0][0], g.V[1][0]], [g.V[0][1], g.V[1][1]]];
    const [vk, va] = describeOrthogonal(g.V), [uk, ua] = describeOrthogonal(g.U);
    const angle = (x) => (Math.round(x * 10) / 10 + 0).toFixed(1);
    const vWords = vk === "rotation" ? `rotation by ${angle(va)}°` : `reflection in the line at ${angle(va)}°`;
    const uWords = uk === "rotation" ? `rotation by ${angle(ua)}°` : `reflection in the line at ${angle(ua)}°`;
    clearNode(readout);
    readout.append(
      "σ₁ = ", span("sigma1", g.s[0], fmt(g.s[0], 4)), " · σ₂ = ", span("sigma2", g.s[1], fmt(g.s[1], 4)),
      " · rank ", span("rank", g.rank, String(g.rank)), " · det A = ", span("det", g.det, fmt(g.det, 4)),
      h("br"), "V is a ", span("v_kind", vk, vWords), h("span", { "data-field": "v_angle", "data-value": String(va), hidden: true }),
      "; U is a ", span("u_kind", uk, uWords), h("span", { "data-field": "u_angle", "data-value": String(ua), hidden: true }),
      h("br"), h("b", { text: `stage ${stage}` }), ": ", span("stage", stage, stageText(g, stage)),
    );
    stageButtons.forEach((b, k) => b.setAttribute("aria-pressed", k === stage ? "true" : "false"));
    if (errors.length) {
      setStatus(status, `${errors.join("; ")}. The picture and numbers show the last valid A.`, "error");
    } else if (g.rank < 2) {
      setStatus(status, `A is singular (rank ${g.rank}): the ellipse degenerates`, "info");
    } else {
      setStatus(status, `A = UΣVᵀ, stage ${stage} of 3`, "ok");
    }
    draw(g, Vt);
    plot.dataset.matrix = JSON.stringify(shown);
    plot.dataset.stage = String(stage);
    painted(root);
  }

  function draw(g, Vt) {
    // Plot in units of max(1, σ₁) for stages 2 and 3 (so even σ₁ = 1e308 stays finite).
    const big = stage >= 2 && g.s[0] > 1;
    const unit = big ? 1 / g.sB[0] : g.scale;  // multiplies σ in B-units
    const S = [[g.sB[0] * unit, 0], [0, g.sB[1] * unit]];
    const mats = [
      [[1, 0], [0, 1]],
      Vt,
      [[S[0][0] * Vt[0][0], S[0][0] * Vt[0][1]], [S[1][1] * Vt[1][0], S[1][1] * Vt[1][1]]],
    ];
    const SVt = mats[2];
    mats.push([
      [g.U[0][0] * SVt[0][0] + g.U[0][1] * SVt[1][0], g.U[0][0] * SVt[0][1] + g.U[0][1] * SVt[1][1]],
      [g.U[1][0] * SVt[0][0] + g.U[1][1] * SVt[1][0], g.U[1][0] * SVt[0][1] + g.U[1][1] * SVt[1][1]],
    ]);
    const M = mats[stage];
    const L = 1.15;
    const unitCircle = circlePoints(180);
    const svg = plotSvg("");
    axes(svg);
    const shrink = big ? 1 / g.s[0] : 1;  // the unit circle, drawn at the same scale
    svg.appendChild(polyline(unitCircle.map((p) => [p[0] * shrink, p[1] * shrink]), L, { stroke: C.grid, "stroke-width": 1.2 }));
    svg.appendChild(polyline(unitCircle.map((p) => mul2(M, p)), L, { stroke: C.fg, "stroke-width": 2.2 }));
    arrow(svg, mul2(M, [1, 0]), L, C.blue);
    arrow(svg, mul2(M, [0, 1]), L, C.orange);
    arrow(svg, mul2(M, [g.V[0][0], g.V[1][0]]), L, C.green, { dash: "6 4" });
    arrow(svg, mul2(M, [g.V[0][1], g.V[1][1]]), L, C.vermillion, { dash: "6 4" });
    const view = big ? 1.15 * Math.min(g.s[0], Number.MAX_VALUE / 1.15) : 1.15;
    svgText(svg, [-1.12, 1.05], L, `stage ${stage}: ${STAGE_NAMES[stage]} · view ±${fmt(view, 2)}`, C.fg2, 0.055);
    svg.setAttribute("aria-label", `Stage ${stage} (${STAGE_NAMES[stage]}) of the unit circle under A = UΣVᵀ: ${stageText(g, stage)}.`);
    clearNode(plot);
    plot.appendChild(svg);
  }

  function onEntry() {
    const { values, errors } = entryErrors();
    if (errors.length) { paint(errors); return; }
    const r = check(values);
    if (r.error) { paint([r.error]); return; }
    shown = values;
    geo = r.g;
    paint([]);
    save(model, { a: shown });
  }

  function currentErrors() {
    const { values, errors } = entryErrors();
    if (errors.length) return errors;
    const r = check(values);
    return r.error ? [r.error] : [];
  }

  function setStage(k) {
    stage = k;
    paint(currentErrors());  // an error stays until the entries are fixed
    save(model, { stage });
  }

  SVD_ENTRIES.forEach(([key]) => texts[key].addEventListener("input", onEntry));
  stageButtons.forEach((b, k) => b.addEventListener("click", () => setStage(k)));
  next.addEventListener("click", () => setStage((stage + 1) % 4));
  root.addEventListener("keydown", (e) => {
    if (e.target.tagName === "BUTTON" && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
      e.preventDefault();
      const k = (stage + (e.key === "ArrowRight" ? 1 : 3)) % 4;
      setStage(k);
      stageButtons[k].focus();
    }
  });
  function setControls() {
    SVD_ENTRIES.forEach(([key], i) => { texts[key].value = String(shown[i]); texts[key].setAttribute("aria-invalid", "false"); });
  }
  const onModel = () => {
    if (echoed(model, ["a", "stage"])) return;
    const a = model.get("a"), k = model.get("stage");
    if (JSON.stringify(a) === JSON.stringify(shown) && k === stage) return;
    const r = check(a);
    if (r.error) return;
    shown = a.slice(); geo = r.g; stage = k;
    setControls();
    paint([]);
  };
  model.on("change:a", onModel);
  model.on("change:stage", onModel);
  setControls();
  paint([]);
  return () => { model.off("change:a", onModel); model.off("change:stage", onModel); };
}

export default { render };
