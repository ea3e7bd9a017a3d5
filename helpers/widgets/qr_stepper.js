// The Gram–Schmidt / Householder stepper's view (notebook 06). Python model:
// QRStepper in qr_stepper.py; this file computes the same steps in the browser
// (a port, operation by operation) so the widget also lives with no kernel.

const QR_NAMES = { cgs: "classical Gram–Schmidt", mgs: "modified Gram–Schmidt", householder: "Householder" };
const QR_PALETTE = ["blue", "orange", "green"];
const QEPS = 2.220446049250313e-16;

const sub = (i) => String(i + 1).split("").map((d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)]).join("");
const dot = (a, b) => a.reduce((t, x, i) => t + x * b[i], 0);
const norm = (a) => Math.hypot(...a);  // no overflow for 1e155 entries, no underflow for 1e-170
const col = (M, j) => M.map((row) => row[j]);
const f4 = (x) => x.toFixed(4);

function unknownR(n) {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j < i ? 0 : NaN)));
}

function qrSteps(A, method) {
  const m = A.length, n = A[0].length;
  const cols = Array.from({ length: n }, (_, j) => col(A, j));
  const steps = [{
    title: "the columns of A",
    description: `${n} vector(s) in ℝ${m === 2 ? "²" : "³"}, to be orthonormalized by ${QR_NAMES[method]}.`,
    arrows: cols.map((a, j) => [`a${sub(j)}`, a, QR_PALETTE[j], false]),
    segments: [], mirror: null,
    matrix: method === "householder" ? A.map((r) => r.slice()) : unknownR(n),
    Q: [],
  }];
  if (method === "householder") return householderSteps(A, steps);
  const R = unknownR(n);
  const Q = [];
  for (let j = 0; j < n; j++) {
    const a = cols[j];
    let v = a.slice();
    for (let i = 0; i < j; i++) {
      const q = Q[i];
      const r = dot(q, method === "cgs" ? a : v);
      const before = v.slice();
      v = v.map((x, t) => x - r * q[t]);
      R[i][j] = r;
      const which = method === "cgs" ? `a${sub(j)}` : `v (a${sub(j)} so far)`;
      steps.push({
        title: `column ${j + 1}: remove the q${sub(i)} component`,
        description: `r${sub(i)}${sub(j)} = q${sub(i)}ᵀ${which} = ${f4(r)}; v ← v − r${sub(i)}${sub(j)} q${sub(i)}.`,
        arrows: [...Q.map((qk, k) => [`q${sub(k)}`, qk, QR_PALETTE[k], false]),
          [`a${sub(j)}`, a, QR_PALETTE[j], true],
          [`r${sub(i)}${sub(j)}q${sub(i)}`, q.map((x) => r * x), "vermillion", false],
          ["v", v, "fg", false]],
        segments: [[before, v]], mirror: null,
        matrix: R.map((row) => row.slice()), Q: Q.map((q2) => q2.slice()),
      });
    }
    const rho = norm(v);
    if (rho <= 100 * QEPS * norm(a)) {
      return { error: `column ${j + 1} of A depends on the earlier columns: Gram–Schmidt cannot orthonormalize it (try method='householder')` };
    }
    R[j][j] = rho;
    Q.push(v.map((x) => x / rho));
    steps.push({
      title: `column ${j + 1}: normalize`,
      description: `r${sub(j)}${sub(j)} = ‖v‖ = ${f4(rho)}; q${sub(j)} = v / r${sub(j)}${sub(j)}.`,
      arrows: [...Q.map((qk, k) => [`q${sub(k)}`, qk, QR_PALETTE[k], false]),
        ...cols.slice(j + 1).map((ak, t) => [`a${sub(j + 1 + t)}`, ak, QR_PALETTE[j + 1 + t], true])],
      segments: [], mirror: null,
      matrix: R.map((row) => row.slice()), Q: Q.map((q2) => q2.slice()),
    });
  }
  return { steps };
}

function householderVector(x) {
  const alpha = norm(x);
  const v = x.slice();
  v[0] += x[0] < 0 || Object.is(x[0], -0) ? -alpha : alpha;
  const nv = norm(v);
  return v.map((t) => t / nv);
}

function householderSteps(A, steps) {
  const m = A.length, n = A[0].length;
  let W = A.map((r) => r.slice());
  let Qacc = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  const qCols = (M, k) => Array.from({ length: k }, (_, j) => col(M, j));
  for (let k = 0; k < Math.min(m - 1, n); k++) {
    const x = W.slice(k).map((row) => row[k]);
    if (norm(x) <= 100 * QEPS * norm(col(A, k))) {
      // column k depends on the earlier ones: what is left of it is rounding noise, and a
      // mirror chosen from noise would differ from the model's; it is the zero it stands for
      for (let i = k; i < m; i++) W[i][k] = 0;
      continue;
    }
    if (!x.slice(1).some((t) => t !== 0)) continue;
    const v = new Array(m).fill(0);
    householderVector(x).forEach((t, i) => { v[k + i] = t; });
    const target = new Array(m).fill(0);
    target[k] = -(x[0] < 0 ? -norm(x) : norm(x));
    steps.push({
      title: `column ${k + 1}: choose the mirror`,
      description: `x = rows ${k + 1}…${m} of column ${k + 1}; the mirror v⊥ with v ∝ x + sign(x₁)‖x‖e₁ sends x to ${f4(target[k])}·e${sub(k)}.`,
      arrows: [...Array.from({ length: n }, (_, j) => [`column ${sub(j)}`, col(W, j), QR_PALETTE[j], false]),
        ["v", v, "green", true], ["target", target, "vermillion", true]],
      segments: [[col(W, k), target.map((t, i) => t + (i < k ? W[i][k] : 0))]],
      mirror: v, matrix: W.map((r) => r.slice()), Q: [],
    });
    const H = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0) - 2 * v[i] * v[j]));
    W = H.map((hrow) => Array.from({ length: n }, (_, j) => hrow.reduce((t, hij, i) => t + hij * W[i][j], 0)));
    for (let i = k + 1; i < m; i++) W[i][k] = 0;
    Qacc = Qacc.map((qrow) => Array.from({ length: m }, (_, j) => qrow.reduce((t, qi, i) => t + qi * H[i][j], 0)));
    steps.push({
      title: `column ${k + 1}: reflect`,
      description: `H${sub(k)} = I − 2vvᵀ reflects every column; column ${k + 1} now has zeros below the diagonal.`,
      arrows: Array.from({ length: n }, (_, j) => [`H${sub(k)}·column ${sub(j)}`, col(W, j), QR_PALETTE[j], false]),
      segments: [], mirror: v, matrix: W.map((r) => r.slice()), Q: qCols(Qacc, k + 1),
    });
  }
  const signs = Array.from({ length: n }, (_, i) => (W[i][i] < 0 ? -1 : 1));
  const R = W.slice(0, n).map((row, i) => row.map((t) => signs[i] * t + 0));
  const Q = Array.from({ length: n }, (_, j) => col(Qacc, j).map((t) => t * signs[j]));
  steps.push({
    title: "make the diagonal of R positive",
    description: "Flip the sign of each row of R with a negative diagonal entry and of the matching column of Q: A = QR is then the unique thin QR.",
    arrows: Q.map((q, j) => [`q${sub(j)}`, q, QR_PALETTE[j], false]),
    segments: [], mirror: null, matrix: R, Q,
  });
  return { steps };
}

function orthogonality(Q) {
  let t = 0;
  for (let i = 0; i < Q.length; i++) for (let j = 0; j < Q.length; j++) t += (dot(Q[i], Q[j]) - (i === j ? 1 : 0)) ** 2;
  return Math.sqrt(t);
}

function render({ model, el }) {
  injectStyle(el);
  let A = model.get("a");
  const m = A.length, n = A[0].length;
  const root = h("div", { class: "course-w course-qr-stepper" });
  el.appendChild(root);
  keepKeys(root);
  const select = h("select", { class: "course-qr-method", "aria-label": "method" },
    Object.entries(QR_NAMES).map(([k, name]) => h("option", { value: k, text: name })));
  const range = h("input", { type: "range", min: 0, step: 1, class: "course-qr-step", "aria-label": "step" });
  const stepText = h("span", { class: "course-qr-step-text", "aria-hidden": "true" });
  const back = h("button", { type: "button", class: "course-qr-back" }, "◂ back");
  const next = h("button", { type: "button", class: "course-qr-next" }, "next ▸");
  const azimuth = h("input", { type: "range", min: -180, max: 180, step: 5, value: 35, class: "course-qr-view", "aria-label": "view angle" });
  // A's entries, typed (one box per entry, 1-based names as in the formulas)
  const entryName = (i, j) => `a${sub(i)}${sub(j)}`;
  const boxes = A.map((row, i) => row.map((x, j) => h("input", {
    type: "text", inputmode: "decimal", size: 5, class: `course-qr-a${i + 1}${j + 1}`,
    "aria-label": entryName(i, j), value: String(x) })));
  const entries = h("table", { class: "course-qr-entries" }, boxes.map((row) => h("tr", {}, row.map((b) => h("td", {}, [b])))));
  const plot = h("div", { class: "cw-plot course-qr-plot" });
  const readout = h("div", { class: "cw-readout course-qr-readout", "aria-live": "polite" });
  const status = statusNode("course-qr-status");
  root.append(
    h("div", { class: "cw-row" }, [h("label", {}, ["method ", select]), h("label", {}, ["step ", range]), stepText, back, next,
      m === 3 ? h("label", {}, ["view angle ", azimuth]) : null]),
    h("div", { class: "cw-main" }, [plot, h("div", { class: "cw-side" }, [h("div", { class: "cw-row" }, ["A =", entries]), readout, status,
      legend([[C.fg2, "dotted", "dotted: the part subtracted (Gram–Schmidt) or the path to the target (Householder)"],
        [C.fg2, "dashed", m === 2 ? "dashed grey line: the mirror v⊥" : "grey plane: the mirror v⊥"]])])]),
  );

  let method = model.get("method");
  let result = qrSteps(A, method);
  let step = Math.min(model.get("step"), result.steps.length - 1);

  function paint(message) {
    const st = result.steps[step];
    const last = step === result.steps.length - 1;
    select.value = method;
    range.max = String(result.steps.length - 1);
    range.value = String(step);
    range.setAttribute("aria-valuetext", `step ${step} of ${result.steps.length - 1}`);
    stepText.textContent = `${step} / ${result.steps.length - 1}`;
    clearNode(readout);
    const label = last ? "R" : method === "householder" ? "current matrix" : "R so far";
    const table = h("table", { class: "cw-matrix" }, st.matrix.map((row, i) => h("tr", {}, row.map((x, j) => {
      const known = !Number.isNaN(x);
      const rounded = known ? Math.round(x * 1e6) / 1e6 + 0 : null;
      return h("td", { "data-field": `m${i}${j}`, "data-value": known ? String(rounded) : "None" }, known ? f4(rounded) : "·");
    }))));
    const orth = orthogonality(st.Q);
    readout.append(
      h("b", {}, ["step ", h("span", { "data-field": "step", "data-value": String(step) }, String(step)), ` of ${result.steps.length - 1}`]),
      `: `, h("span", { "data-field": "title", "data-value": st.title }, st.title), h("br"),
      h("span", { "data-field": "description", "data-value": st.description }, st.description), h("br"),
      `${label}:`, table,
      "‖QᵀQ − I‖_F of the q's so far = ",
      h("span", { "data-field": "orthogonality", "data-value": String(orth) }, orth.toExponential(1).replace(/e([+-])(\d)$/, "e$10$2")),
    );
    if (message) setStatus(status, message[0], message[1]);
    else setStatus(status, `${QR_NAMES[method]}: step ${step} of ${result.steps.length - 1}`, "ok");
    draw(st);
    plot.dataset.method = method;
    plot.dataset.matrix = JSON.stringify(A);
    plot.dataset.step = String(step);
    painted(root);
  }

  const colourOf = (name) => (name === "fg" ? C.fg : C[name]);
  const limitOf = (M) => 1.15 * Math.max(1, ...Array.from({ length: n }, (_, j) => norm(col(M, j))));
  let limit = limitOf(A);

  function project(p) {
    if (m === 2) return p;
    const az = (Number(azimuth.value) * Math.PI) / 180, el2 = (22 * Math.PI) / 180;
    const X = Math.cos(az) * p[0] - Math.sin(az) * p[1];
    const Y = Math.sin(az) * p[0] + Math.cos(az) * p[1];
    return [X, p[2] * Math.cos(el2) - Y * Math.sin(el2)];
  }

  function draw(st) {
    const L = m === 2 ? limit : 1.05 * limit;
    const svg = plotSvg("");
    if (m === 2) axes(svg);
    else {
      svg.appendChild(s("rect", { x: -1, y: -1, width: 2, height: 2, fill: "none", stroke: C.border, "vector-effect": "non-scaling-stroke" }));
      ["x₁", "x₂", "x₃"].forEach((name, i) => {
        const e = [0, 0, 0]; e[i] = limit;
        const ne = e.map((t) => -t);
        svg.appendChild(polyline([project(ne), project(e)], L, { stroke: C.grid, "stroke-width": 0.8 }));
        svgText(svg, project(e.map((t) => 1.05 * t)), L, name, C.fg2, 0.05);
      });
    }
    if (st.mirror) {
      const v = st.mirror;
      if (m === 2) {
        const d = [-v[1] * limit * 1.5, v[0] * limit * 1.5];
        svg.appendChild(polyline([[-d[0], -d[1]], d], L, { stroke: C.fg2, "stroke-width": 1.3, "stroke-dasharray": "7 5" }));
      } else {
        const helper = Math.abs(v[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
        const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
        let e1 = cross(v, helper); const n1 = norm(e1); e1 = e1.map((t) => t / n1);
        const e2 = cross(v, e1);
        const corner = (a, b) => project(e1.map((t, i) => limit * (a * t + b * e2[i])));
        const pts = [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)].map((p) => toView(p, L).join(",")).join(" ");
        svg.appendChild(s("polygon", { points: pts, fill: C.fg2, opacity: 0.18, stroke: C.fg2, "stroke-width": 1, "vector-effect": "non-scaling-stroke" }));
      }
    }
    for (const [a, b] of st.segments) {
      svg.appendChild(polyline([project(a), project(b)], L, { stroke: C.fg2, "stroke-width": 1.8, "stroke-dasharray": "1.5 4", "stroke-linecap": "round" }));
    }
    for (const [label, vec, colour, faded] of st.arrows) {
      const p = project(vec);
      arrow(svg, p, L, colourOf(colour), { opacity: faded ? 0.4 : 1 });
      svgText(svg, [p[0] * 1.07, p[1] * 1.07], L, label, colourOf(colour), 0.055).setAttribute("opacity", faded ? 0.5 : 1);
    }
    svg.setAttribute("aria-label", `Step ${step}: ${st.title}. ${st.description}`);
    clearNode(plot);
    plot.appendChild(svg);
  }

  function go(k) {
    step = Math.max(0, Math.min(k, result.steps.length - 1));
    paint(entryProblem().message);  // a refused entry stays flagged until it is fixed
    save(model, { step });
  }

  select.addEventListener("change", () => {
    const wanted = select.value;
    const attempt = qrSteps(A, wanted);
    if (attempt.error) {
      select.value = method;  // the menu keeps showing what the picture shows
      paint([`${QR_NAMES[wanted]} cannot run on this A: ${attempt.error}. Still showing ${QR_NAMES[method]}.`, "error"]);
      return;
    }
    method = wanted;
    result = attempt;
    step = 0;
    // boxes the old method refused may suit this one: then the picture takes them too
    const typed = entryProblem();
    if (!typed.message && JSON.stringify(typed.values) !== JSON.stringify(A)) {
      A = typed.values;
      limit = limitOf(A);
      result = typed.attempt;
      paint();
      save(model, { a: A, method, step });
      return;
    }
    paint(typed.message);
    save(model, { method, step });
  });
  // Typed entries: a bad entry, or an A the method on screen cannot factor (Gram–Schmidt
  // on dependent columns), is refused with a message; the picture keeps the last valid A.
  function readEntries() {
    const values = [], errors = [];
    boxes.forEach((row, i) => {
      values.push(row.map((box, j) => {
        const r = parseEntry(box.value, entryName(i, j));
        if (r.error) { errors.push(r.error); box.setAttribute("aria-invalid", "true"); }
        else box.removeAttribute("aria-invalid");
        return r.error ? NaN : r.value;
      }));
    });
    return { values, errors };
  }

  // What the boxes hold: an error message while they do not show the A on screen.
  function entryProblem() {
    const { values, errors } = readEntries();
    if (errors.length) return { message: [`${errors.join("; ")}. Still showing the last valid A.`, "error"] };
    const attempt = qrSteps(values, method);
    if (attempt.error) {
      return { message: [`${QR_NAMES[method]} cannot run on the A typed: ${attempt.error}. Still showing the last valid A.`, "error"] };
    }
    return { values, attempt };
  }

  function onEntry() {
    const { message, values, attempt } = entryProblem();
    if (message) { paint(message); return; }
    A = values;
    limit = limitOf(A);
    result = attempt;
    step = 0;
    paint();
    save(model, { a: A, step });
  }
  boxes.flat().forEach((box) => box.addEventListener("input", onEntry));

  range.addEventListener("input", () => go(Number(range.value)));
  next.addEventListener("click", () => go(step === result.steps.length - 1 ? 0 : step + 1));
  back.addEventListener("click", () => go(step - 1));
  azimuth.addEventListener("input", () => paint(entryProblem().message));
  const onModel = () => {
    if (echoed(model, ["a", "method", "step"])) return;
    const wanted = model.get("method"), k = model.get("step"), a = model.get("a");
    const sameA = JSON.stringify(a) === JSON.stringify(A);
    if (wanted === method && k === step && sameA) return;
    if (!Array.isArray(a) || a.length !== m || a.some((row) => !Array.isArray(row) || row.length !== n)) return;
    const attempt = wanted === method && sameA ? result : qrSteps(a, wanted);
    if (attempt.error) return;
    if (!sameA) {
      A = a.map((row) => row.slice());
      limit = limitOf(A);
      boxes.forEach((row, i) => row.forEach((box, j) => { box.value = String(A[i][j]); box.removeAttribute("aria-invalid"); }));
    }
    method = wanted; result = attempt;
    step = Math.max(0, Math.min(k, result.steps.length - 1));
    paint();
  };
  model.on("change:a", onModel);
  model.on("change:method", onModel);
  model.on("change:step", onModel);
  if (result.error) {  // cannot happen from Python (it checks first); be safe
    method = "householder";
    result = qrSteps(A, method);
    step = 0;
  }
  paint();
  return () => { model.off("change:a", onModel); model.off("change:method", onModel); model.off("change:step", onModel); };
}

export default { render };
