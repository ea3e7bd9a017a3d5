// The 2×2 matrix explorer's view (notebook 01). Python model: analyse, explain
// and eigen_directions in matrix_explorer.py; this file computes the same
// numbers in the browser so the widget also lives with no kernel.

const RTOL = 1e-8;

function classify(A) {
  // Mirrors matrix_explorer._classify: work on B = A / max|aᵢⱼ| (no overflow).
  const scale = Math.max(...A.flat().map(Math.abs));
  if (scale === 0) return { kind: "real-repeated-diagonalizable", l1: 0, l2: 0, im: 0, scale, det: 0, B: A, singular: true };
  const B = A.map((row) => row.map((x) => x / scale));
  const [[a, b], [c, d]] = B;
  const trace = a + d;
  let det = a * d - b * c;
  if (Math.abs(det) <= 1e-12) det = 0;
  const disc = (a - d) ** 2 + 4 * b * c;
  const tie = RTOL * RTOL;
  let kind, l1, l2, im = 0;
  if (disc > tie) {
    const root = Math.sqrt(disc);
    const big = trace !== 0 ? (trace + Math.sign(trace) * root) / 2 : root / 2;
    const small = det / big;
    l1 = Math.max(big, small);
    l2 = Math.min(big, small);
    kind = "real-distinct";
  } else if (disc < -tie) {
    l1 = l2 = trace / 2;
    im = Math.sqrt(-disc) / 2;
    kind = "complex";
  } else {
    l1 = l2 = trace / 2;
    kind = Math.max(Math.abs(a - d), Math.abs(b), Math.abs(c)) <= RTOL ? "real-repeated-diagonalizable" : "defective";
  }
  // singular: the relative test on B (det A itself may underflow to 0 for 1e-200·I)
  return { kind, l1: scale * l1 + 0, l2: scale * l2 + 0, im: scale * im, scale, det: scale * det * scale + 0, B, mu: [l1, l2], singular: det === 0 };
}

function nullDirection(M) {
  const n0 = Math.hypot(M[0][0], M[0][1]), n1 = Math.hypot(M[1][0], M[1][1]);
  const row = n1 > n0 ? M[1] : M[0];
  let v = [-row[1], row[0]];
  const n = Math.hypot(v[0], v[1]);
  v = [v[0] / n, v[1] / n];
  const big = Math.abs(v[1]) > Math.abs(v[0]) ? v[1] : v[0];
  return big < 0 ? [-v[0], -v[1]] : v;
}

function eigenDirections(info) {
  const { kind, B, mu } = info;
  if (kind === "complex") return [];
  if (kind === "real-repeated-diagonalizable") return [[info.l1, [1, 0]], [info.l1, [0, 1]]];
  const shifted = (m) => [[B[0][0] - m, B[0][1]], [B[1][0], B[1][1] - m]];
  if (kind === "defective") return [[info.l1, nullDirection(shifted(mu[0]))]];
  return [[info.l1, nullDirection(shifted(mu[0]))], [info.l2, nullDirection(shifted(mu[1]))]];
}

function explainText(info) {
  const { kind, l1, l2, im } = info;
  let text, level;
  if (kind === "real-distinct") {
    text = `Two real eigenvalues λ₁ = ${fmt(l1)}, λ₂ = ${fmt(l2)}: a vector on either dotted line stays on its line, scaled by its λ`;
    text += l2 < 0 ? " (a negative λ flips it to the other side)." : ".";
    level = "ok";
  } else if (kind === "real-repeated-diagonalizable") {
    text = `A = ${fmt(l1)}·I: every vector is an eigenvector with λ = ${fmt(l1)} (a uniform scaling).`;
    level = "info";
  } else if (kind === "defective") {
    text = `Defective: the eigenvalue λ = ${fmt(l1)} is repeated but has only one eigen-direction, so A = PDP⁻¹ is impossible (a shear).`;
    level = "warning";
  } else {
    const r = Math.hypot(l1, im);
    const angle = (Math.atan2(im, l1) * 180) / Math.PI;
    text = `Complex eigenvalues λ = ${fmt(l1)} ± ${fmt(im)}i: no real direction stays on its line; A is similar to a rotation-and-scaling (scale |λ| = ${fmt(r)}, turn ${fmt(angle, 1)}°).`;
    level = "warning";
  }
  if (info.singular) {
    text += " det(A) = 0: A is singular; it flattens the plane onto a line (or a point) and λ = 0 is an eigenvalue.";
    level = "warning";
  }
  return [text, level];
}

const ENTRY_KEYS = [["a11", "a₁₁"], ["a12", "a₁₂"], ["a21", "a₂₁"], ["a22", "a₂₂"]];

function render({ model, el }) {
  injectStyle(el);
  const root = h("div", { class: "course-w course-matrix-explorer" });
  el.appendChild(root);
  keepKeys(root);
  const lo = model.get("low"), hi = model.get("high"), step = model.get("step");
  const ranges = {}, texts = {};
  const row1 = h("div", { class: "cw-row" }), row2 = h("div", { class: "cw-row" });
  ENTRY_KEYS.forEach(([key, label], i) => {
    const range = h("input", { type: "range", min: lo, max: hi, step, class: `course-m-${key}`, "aria-label": label });
    const text = h("input", { type: "text", inputmode: "decimal", class: `course-m-${key}-text`, "aria-label": `${label} value` });
    ranges[key] = range;
    texts[key] = text;
    (i < 2 ? row1 : row2).appendChild(h("label", {}, [`${label} `, range, " ", text]));
  });
  const preset = h("select", { class: "course-m-preset", "aria-label": "preset" },
    [h("option", { value: "", text: "(choose a preset)" }),
      ...model.get("presets").map(([name], i) => h("option", { value: String(i), text: name }))]);
  const presetRow = h("div", { class: "cw-row" }, [h("label", {}, ["preset ", preset])]);
  const plot = h("div", { class: "cw-plot course-m-plot" });
  const readout = h("div", { class: "cw-readout course-m-readout", "aria-live": "polite" });
  const status = statusNode("course-m-status");
  const side = h("div", { class: "cw-side" }, [
    readout, status,
    legend([
      [C.fg2, "dashed", "unit circle (dashed) and the grid before A (thin grey)"],
      [C.blue, "solid", "A · (unit circle); the grid after A (light blue)"],
      [C.orange, "solid", "A e₁ (column 1)"],
      [C.green, "solid", "A e₂ (column 2)"],
      [C.vermillion, "dotted", "eigen-directions (dotted lines), v thick"],
      [C.purple, "solid", "A v = λ v (wide, translucent)"],
    ]),
  ]);
  root.append(row1, row2, presetRow, h("div", { class: "cw-main" }, [plot, side]));

  let shown = model.get("a").slice();  // the matrix on screen (always a valid one)

  function current() {
    const values = [], errors = [];
    for (const [key, label] of ENTRY_KEYS) {
      const r = parseEntry(texts[key].value, label);
      if (r.error) errors.push(r.error);
      else if (r.value < lo || r.value > hi) {
        errors.push(`${label} = ${fmt(r.value)} is outside this explorer's range ${fmt(lo, 1)} … ${fmt(hi, 1)} (start it with larger entries, matrix_explorer(A=…), to widen it)`);
      }
      texts[key].setAttribute("aria-invalid", r.error || r.value < lo || r.value > hi ? "true" : "false");
      values.push(r.value);
    }
    return { values, errors };
  }

  function span(field, value, text) {
    return h("span", { "data-field": field, "data-value": typeof value === "string" ? value : String(value) }, text);
  }

  function paint(values, errors) {
    const A = [[values[0], values[1]], [values[2], values[3]]];
    const info = classify(A);
    clearNode(readout);
    const one = info.kind === "complex" ? `${fmt(info.l1)} + ${fmt(info.im)}i` : fmt(info.l1);
    const two = info.kind === "complex" ? `${fmt(info.l2)} − ${fmt(info.im)}i` : fmt(info.l2);
    readout.append(
      h("b", { text: "kind" }), ": ", span("kind", info.kind, info.kind.replaceAll("-", " ")),
      " · λ₁ = ", span("lambda1", info.l1, one), " · λ₂ = ", span("lambda2", info.l2, two),
      " · det = ", span("det", info.det, fmt(info.det)),
      " · trace = ", span("trace", A[0][0] + A[1][1] + 0, fmt(A[0][0] + A[1][1])),
    );
    if (errors.length) {
      setStatus(status, `${errors.join("; ")}. The picture and numbers show the last valid matrix.`, "error");
    } else {
      const [text, level] = explainText(info);
      setStatus(status, text, level);
    }
    draw(A, info);
    plot.dataset.matrix = JSON.stringify(values);
    painted(root);
  }

  function draw(A, info) {
    const svg = plotSvg("");
    const lines = [];
    for (let i = 0; i < 5; i++) {
      const c = -1 + i * 0.5;
      lines.push([[-1, c], [1, c]], [[c, -1], [c, 1]]);
    }
    const circle = circlePoints();
    const image = circle.map((p) => mul2(A, p));
    let extent = 1;
    for (const p of image) extent = Math.max(extent, Math.abs(p[0]), Math.abs(p[1]));
    for (const [p, q] of lines) for (const r of [mul2(A, p), mul2(A, q)]) extent = Math.max(extent, Math.abs(r[0]), Math.abs(r[1]));
    const L = 1.15 * extent;
    axes(svg);
    for (const seg of lines) svg.appendChild(polyline(seg, L, { stroke: C.grid, "stroke-width": 0.8 }));
    for (const [p, q] of lines) svg.appendChild(polyline([mul2(A, p), mul2(A, q)], L, { stroke: C.sky, "stroke-width": 1, opacity: 0.85 }));
    svg.appendChild(polyline(circle, L, { stroke: C.fg2, "stroke-width": 1.3, "stroke-dasharray": "5 4" }));
    svg.appendChild(polyline(image, L, { stroke: C.blue, "stroke-width": 2.4 }));
    const dirs = info.kind === "real-repeated-diagonalizable" ? [] : eigenDirections(info);
    dirs.forEach(([lam, v]) => {
      svg.appendChild(polyline([[-3 * L * v[0], -3 * L * v[1]], [3 * L * v[0], 3 * L * v[1]]], L,
        { stroke: C.vermillion, "stroke-width": 1.6, "stroke-dasharray": "1.5 3.5", "stroke-linecap": "round" }));
      svg.appendChild(polyline([[0, 0], [lam * v[0], lam * v[1]]], L, { stroke: C.purple, "stroke-width": 7, opacity: 0.5 }));
      svg.appendChild(polyline([[0, 0], v], L, { stroke: C.vermillion, "stroke-width": 3 }));
    });
    arrow(svg, [A[0][0], A[1][0]], L, C.orange);
    arrow(svg, [A[0][1], A[1][1]], L, C.green);
    svgText(svg, [-L * 0.97, L * 0.9], L, `view ±${fmt(L, 2)}`, C.fg2, 0.05);
    const words = info.kind === "complex" ? "no real eigen-direction" :
      info.kind === "real-repeated-diagonalizable" ? "every direction is an eigen-direction" :
        `${dirs.length} eigen-direction${dirs.length === 1 ? "" : "s"} (dotted)`;
    svg.setAttribute("aria-label",
      `The unit circle and a grid mapped by A = [[${A[0].map((x) => fmt(x)).join(", ")}], [${A[1].map((x) => fmt(x)).join(", ")}]]: ${info.kind.replaceAll("-", " ")}, ${words}.`);
    clearNode(plot);
    plot.appendChild(svg);
  }

  function setControls(values) {
    ENTRY_KEYS.forEach(([key], i) => {
      ranges[key].value = String(values[i]);
      texts[key].value = String(values[i]);
      texts[key].setAttribute("aria-invalid", "false");
    });
  }

  function onEdit(fromRange, key) {
    if (fromRange) texts[key].value = String(Number(ranges[key].value));
    const { values, errors } = current();
    if (!errors.length) {
      if (!fromRange) ENTRY_KEYS.forEach(([k], i) => { ranges[k].value = String(values[i]); });
      shown = values;
      preset.value = "";
      paint(shown, []);
      save(model, { a: shown });
    } else {
      paint(shown, errors);
    }
  }

  ENTRY_KEYS.forEach(([key]) => {
    ranges[key].addEventListener("input", () => onEdit(true, key));
    texts[key].addEventListener("input", () => onEdit(false, key));
  });
  preset.addEventListener("change", () => {
    if (preset.value === "") return;
    const values = model.get("presets")[Number(preset.value)][1].slice();
    const keep = preset.value;
    setControls(values);
    shown = values;
    paint(shown, []);
    preset.value = keep;
    save(model, { a: shown });
  });
  const onModel = () => {
    if (echoed(model, ["a"])) return;
    const values = model.get("a");
    if (JSON.stringify(values) === JSON.stringify(shown)) return;
    shown = values.slice();
    setControls(shown);
    paint(shown, []);
  };
  model.on("change:a", onModel);
  setControls(shown);
  paint(shown, []);
  return () => model.off("change:a", onModel);
}

export default { render };
