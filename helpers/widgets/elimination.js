// The Gaussian-elimination stepper's view (notebook 07). Python model:
// EliminationStepper in elimination.py; this file computes the same steps in the
// browser, operation by operation and in the same floating-point order, so the
// widget also lives with no kernel and shows the model's numbers bit for bit.

const ELIM_LIMIT = 1e150;
const esub = (i) => String(i + 1).split("").map((d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)]).join("");
const copyM = (M) => M.map((row) => row.slice());

// ‖PA − L̃W‖∞ / ‖A‖∞, unknown (NaN) entries of L read as 0: the loops of _residual.
function elimResidual(A, perm, L, W) {
  const n = A.length;
  let normA = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row = row + Math.abs(A[i][j]);
    normA = Math.max(normA, row);
  }
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) if (!Number.isNaN(L[i][t])) s = s + L[i][t] * W[t][j];
      row = row + Math.abs(A[perm[i]][j] - s);
    }
    worst = Math.max(worst, row);
  }
  return worst / normA;
}

// The checks of EliminationStepper.__init__: an error text, or null.
function elimInvalid(A) {
  const n = A.length;
  if (n < 2 || n > 4 || A.some((row) => row.length !== n)) return `A must be square, 2×2 to 4×4`;
  let largest = 0;
  for (const row of A) for (const x of row) largest = Math.max(largest, Math.abs(x));
  if (largest === 0) return "A is the zero matrix: there is nothing to eliminate";
  if (largest > ELIM_LIMIT) {
    return `A has an entry of modulus ${fmt(largest)}, beyond ±1e150: a product of two entries could overflow`;
  }
  return null;
}

// A port of EliminationStepper._run: {steps, failure}.
function elimSteps(A, pivoting) {
  const n = A.length;
  const W = copyM(A);
  const L = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : j > i ? 0 : NaN)));
  const perm = Array.from({ length: n }, (_, i) => i);
  let scale = 0;
  for (const row of W) for (const x of row) scale = Math.max(scale, Math.abs(x));
  let largest = scale;
  const mode = pivoting ? "with partial pivoting" : "without pivoting";
  const steps = [];
  let failure = null;
  const snap = (kind, k, title, description, pivotRow = null, pivot = null, mult = []) => steps.push({
    kind, column: k, title, description, W: copyM(W), L: copyM(L), perm: perm.slice(),
    pivotRow, pivot, multipliers: mult.slice(), growth: largest / scale,
    residual: elimResidual(A, perm, L, W),
  });
  snap("start", null, "the matrix A",
    `A is ${n}×${n}; elimination ${mode} runs over ${n - 1} column(s), two steps each: choose the pivot, then eliminate below it.`);
  for (let k = 0; k < n - 1; k++) {
    const c = k + 1;
    let pivot;
    if (pivoting) {
      let p = k;
      for (let i = k + 1; i < n; i++) if (Math.abs(W[i][k]) > Math.abs(W[p][k])) p = i;
      let text;
      if (W[p][k] === 0) text = `column ${c}: every candidate is 0, so there is nothing to eliminate`;
      else {
        text = `column ${c}: the largest |w_i${c}| for i ≥ ${c} is ${fmt(Math.abs(W[p][k]))}, in row ${p + 1}; `;
        text += p !== k ? `swap rows ${c} and ${p + 1}.` : "no swap needed.";
      }
      if (p !== k) {
        [W[k], W[p]] = [W[p], W[k]];
        for (let j = 0; j < k; j++) [L[k][j], L[p][j]] = [L[p][j], L[k][j]];
        [perm[k], perm[p]] = [perm[p], perm[k]];
      }
      pivot = W[k][k];
      snap("pivot", k, `column ${c}: choose the pivot`, text, p, pivot);
    } else {
      pivot = W[k][k];
      let below = false;
      for (let i = k + 1; i < n; i++) if (W[i][k] !== 0) below = true;
      if (pivot === 0 && below) {
        failure = `zero pivot at column ${c} with nonzero entries below it: elimination without row exchanges stops here. Turn partial pivoting on.`;
        snap("breakdown", k, `column ${c}: zero pivot`,
          `column ${c}: the pivot w${esub(k)}${esub(k)} = 0, but entries below it are not: without a row exchange nothing can eliminate them.`, k, pivot);
        return { steps, failure };
      }
      const text = pivot === 0
        ? `column ${c}: every candidate is 0, so there is nothing to eliminate`
        : `column ${c}: the pivot is w${esub(k)}${esub(k)} = ${fmt(pivot)} (no row exchanges).`;
      snap("pivot", k, `column ${c}: the pivot`, text, k, pivot);
    }
    if (pivot === 0) {
      for (let i = k + 1; i < n; i++) L[i][k] = 0;
      snap("eliminate", k, `column ${c}: nothing to eliminate`,
        `column ${c} is zero on and below the diagonal: u${esub(k)}${esub(k)} = 0 and ℓ_i${c} = 0.`, null, pivot);
      continue;
    }
    const mult = [];
    for (let i = k + 1; i < n; i++) mult.push(W[i][k] / pivot);
    const update = [];
    let finite = mult.every(Number.isFinite);
    for (let i = k + 1; i < n; i++) {
      const row = [];
      for (let j = k + 1; j < n; j++) {
        const x = W[i][j] - mult[i - k - 1] * W[k][j];
        if (!Number.isFinite(x)) finite = false;
        row.push(x);
      }
      update.push(row);
    }
    if (!finite) {
      failure = `overflow at column ${c}: a multiplier or an updated entry is beyond the largest float (the pivot ${fmt(pivot)} is too small). Turn partial pivoting on.`;
      return { steps, failure };
    }
    let blockMax = 0;
    for (let i = k + 1; i < n; i++) {
      L[i][k] = mult[i - k - 1];
      for (let j = k + 1; j < n; j++) {
        W[i][j] = update[i - k - 1][j - k - 1];
        blockMax = Math.max(blockMax, Math.abs(W[i][j]));
      }
      W[i][k] = 0;
    }
    largest = Math.max(largest, blockMax);
    const shown = mult.map((x, t) => `ℓ${esub(k + 1 + t)}${esub(k)} = ${fmt(x)}`).join(", ");
    snap("eliminate", k, `column ${c}: eliminate below the pivot`,
      `multipliers ℓ_i${c} = w_i${c} / ${fmt(pivot)}: ${shown}; row i ← row i − ℓ_i${c} × row ${c}.`, null, pivot, mult);
  }
  return { steps, failure };
}

// EliminationStepper.status: [text, kind].
function elimStatus(result, pivoting, k) {
  const last = result.steps[result.steps.length - 1];
  if (result.failure) return [result.failure, "error"];
  const n = last.W.length;
  for (let j = 0; j < n; j++) {
    if (last.W[j][j] === 0) {
      return [`A is singular: u${esub(j)}${esub(j)} = 0. PA = LU still holds, but Ax = b has no unique solution.`, "warning"];
    }
  }
  if (last.residual > 1e-8) {
    return [`ρ = ${fmt(last.growth)}, and ‖PA − LU‖∞/‖A‖∞ = ${fmt(last.residual)}: the computed L and U are the factors of a different matrix. Turn partial pivoting on.`, "warning"];
  }
  const mode = pivoting ? "partial pivoting" : "no pivoting";
  return [`${mode}: step ${k} of ${result.steps.length - 1}; at the end ρ = ${fmt(last.growth)}, ‖PA − LU‖∞/‖A‖∞ = ${fmt(last.residual)}`, "ok"];
}

const numText = (x) => (x === null || x === undefined || Number.isNaN(x) ? "None" : String(x + 0));

function render({ model, el }) {
  injectStyle(el);
  const root = h("div", { class: "course-w course-elim-stepper" });
  el.appendChild(root);
  keepKeys(root);
  const presets = model.get("presets") || [];
  const size = h("select", { class: "course-elim-size", "aria-label": "size" },
    [2, 3, 4].map((m) => h("option", { value: String(m), text: `${m}×${m}` })));
  const preset = h("select", { class: "course-elim-preset", "aria-label": "preset" },
    [h("option", { value: "", text: "(choose a preset)" }),
      ...presets.map(([name], i) => h("option", { value: String(i), text: name }))]);
  const pivotBox = h("input", { type: "checkbox", class: "course-elim-pivoting", "aria-label": "partial pivoting" });
  const range = h("input", { type: "range", min: 0, step: 1, class: "course-elim-step", "aria-label": "step" });
  const stepText = h("span", { class: "course-elim-step-text", "aria-hidden": "true" });
  const back = h("button", { type: "button", class: "course-elim-back" }, "◂ back");
  const next = h("button", { type: "button", class: "course-elim-next" }, "next ▸");
  const grid = h("table", { class: "course-elim-entries" });
  const plot = h("div", { class: "cw-plot course-elim-plot", style: "aspect-ratio:auto;width:min(100%,560px)" });
  // The readout: the step in words (a live region), and L and W as tables in a closed
  // disclosure (the picture shows the same entries; a screen reader opens it to read
  // them, and they are not announced at every step). It stays open once opened.
  const said = h("div", { "aria-live": "polite" });
  const tables = h("div", { class: "course-elim-tables" });
  const readout = h("div", { class: "cw-readout course-elim-readout" }, [said,
    h("details", {}, [h("summary", {}, "L and the current matrix as tables"), tables])]);
  const status = statusNode("course-elim-status");
  root.append(
    h("div", { class: "cw-row" }, [h("label", {}, ["size ", size]), h("label", {}, ["preset ", preset]),
      h("label", {}, [pivotBox, " partial pivoting"])]),
    h("div", { class: "cw-row" }, [h("span", { class: "cw-muted" }, "A ="), grid]),
    h("div", { class: "cw-row" }, [h("label", {}, ["step ", range]), stepText, back, next]),
    h("div", { class: "cw-main" }, [plot, h("div", { class: "cw-side" }, [status, readout,
      legend([[C.orange, "solid", "orange frame: the pivot"], [C.fg2, "dashed", "dashed: the candidates for the pivot"],
        [C.green, "solid", "green frame: the multipliers just entered in L"],
        [C.blue, "solid", "shade: log₁₀|entry| (blue ≥ 0, vermillion < 0); · not known yet"]])])]),
  );

  let A = model.get("a").map((row) => row.map(Number));
  let pivoting = !!model.get("pivoting");
  let result = elimSteps(A, pivoting);
  let step = Math.max(0, Math.min(model.get("step"), result.steps.length - 1));
  let entryError = null;
  let boxes = [];

  function buildGrid() {
    clearNode(grid);
    const n = A.length;
    boxes = A.map((row, i) => row.map((x, j) => h("input", {
      type: "text", class: `course-elim-a${i + 1}${j + 1}`, "aria-label": `a${i + 1}${j + 1}`,
      value: String(x), "aria-invalid": "false", style: "width:5.5em",
    })));
    boxes.forEach((row) => grid.appendChild(h("tr", {}, row.map((b) => h("td", {}, [b])))));
    boxes.flat().forEach((b) => b.addEventListener("input", onEntry));
    size.value = String(n);
  }

  function cellText(x) {
    return Number.isNaN(x) ? "·" : fmt(x, 2);
  }

  function draw(st) {
    const n = A.length;
    const left = 0.9, gap = 1.3, top = 0.9;
    const width = left + 2 * n + gap + 0.2, height = top + n + 0.2;
    const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", style: "height:auto" });
    const last = step === result.steps.length - 1 && !result.failure;
    let logScale = 0;
    for (const row of A) for (const x of row) logScale = Math.max(logScale, Math.abs(x));
    logScale = Math.log10(logScale);
    const panel = (M, x0, label, isL) => {
      const t = s("text", { x: x0, y: top - 0.3, "font-size": 0.32, fill: C.fg });
      t.textContent = label;
      svg.appendChild(t);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        const x = M[i][j];
        let fill = "none", opacity = 0;
        if (!Number.isNaN(x) && x !== 0) {
          fill = x > 0 ? C.blue : C.vermillion;
          opacity = Math.max(0.08, Math.min(0.9, 0.12 + 0.08 * (Math.log10(Math.abs(x)) - logScale + 4)));
        }
        svg.appendChild(s("rect", { x: x0 + j, y: top + i, width: 1, height: 1, fill, "fill-opacity": opacity,
          stroke: C.grid, "stroke-width": 0.02 }));
        const label = cellText(x);
        const txt = s("text", { x: x0 + j + 0.5, y: top + i + 0.58, "font-size": Math.min(0.22, 1.35 / label.length), "text-anchor": "middle",
          fill: Number.isNaN(x) ? C.fg2 : C.fg, "font-family": "var(--jp-code-font-family, monospace)" });
        txt.textContent = label;
        svg.appendChild(txt);
      }
      const frame = (i, j, colour, dash) => svg.appendChild(s("rect", { x: x0 + j + 0.04, y: top + i + 0.04, width: 0.92,
        height: 0.92, fill: "none", stroke: colour, "stroke-width": 0.07, "stroke-dasharray": dash }));
      const k = st.column;
      if (k === null) return;
      if (isL) {
        if (st.kind === "eliminate") for (let i = k + 1; i < n; i++) frame(i, k, C.green, null);
        return;
      }
      if (st.kind === "pivot" && pivoting) for (let i = k + 1; i < n; i++) frame(i, k, C.fg2, "0.12 0.08");
      frame(k, k, st.kind === "breakdown" ? C.vermillion : C.orange, null);
    };
    for (let i = 0; i < n; i++) {
      const t = s("text", { x: left + n + gap - 0.12, y: top + i + 0.6, "font-size": 0.2, "text-anchor": "end", fill: C.fg2 });
      t.textContent = `r${st.perm[i] + 1}`;
      svg.appendChild(t);
    }
    panel(st.L, left - 0.6, last ? "L" : "L so far", true);
    panel(st.W, left + n + gap - 0.6 + 0.6, last ? "U" : "current matrix", false);
    svg.setAttribute("aria-label", `Step ${step}: ${st.title}. ${st.description} Growth factor so far ${fmt(st.growth)}.`);
    plot.style.width = `min(100%, ${130 * n + 90}px)`;
    clearNode(plot);
    plot.appendChild(svg);
  }

  function matrixTable(M, letter, caption) {
    return h("table", { class: "cw-matrix" }, [h("caption", {}, caption), ...M.map((row, i) => h("tr", {}, row.map((x, j) =>
      h("td", { "data-field": `${letter}${i}${j}`, "data-value": numText(x) }, Number.isNaN(x) ? "·" : fmt(x)))))]);
  }

  function paint() {
    const st = result.steps[step];
    const total = result.steps.length;
    const last = step === total - 1 && !result.failure;
    pivotBox.checked = pivoting;
    range.max = String(total - 1);
    range.value = String(step);
    range.setAttribute("aria-valuetext", `step ${step} of ${total - 1}: ${st.title}`);
    stepText.textContent = `${step} / ${total - 1}`;
    const field = (name, value, text) => h("span", { "data-field": name, "data-value": value }, text === undefined ? value : text);
    clearNode(said);
    said.append(
      h("b", {}, ["step ", field("step", String(step)), " of ", field("steps", String(total), String(total - 1))]),
      ": ", field("title", st.title), field("kind", st.kind, ""), h("br"),
      field("description", st.description), h("br"),
      "column ", field("column", st.column === null ? "None" : String(st.column + 1), st.column === null ? "–" : String(st.column + 1)),
      ", pivot row ", field("pivot_row", st.pivotRow === null ? "None" : String(st.pivotRow + 1), st.pivotRow === null ? "–" : String(st.pivotRow + 1)),
      ", pivot ", field("pivot", numText(st.pivot), st.pivot === null ? "–" : fmt(st.pivot)), h("br"),
      "multipliers ", field("multipliers", JSON.stringify(st.multipliers), st.multipliers.length ? st.multipliers.map((x) => fmt(x)).join(", ") : "–"), h("br"),
      "growth factor so far ρ = ", field("growth", numText(st.growth), fmt(st.growth)),
      ", ‖PA − L·W‖∞/‖A‖∞ = ", field("residual", numText(st.residual), fmt(st.residual)), h("br"),
      "rows of A in order: ", field("perm", JSON.stringify(st.perm.map((p) => p + 1)), st.perm.map((p) => p + 1).join(", ")),
    );
    clearNode(tables);
    tables.append(matrixTable(st.L, "l", last ? "L" : "L so far (· unknown)"),
      matrixTable(st.W, "w", last ? "U" : "current matrix W"));
    if (entryError) setStatus(status, entryError, "error");
    else {
      const [text, kind] = elimStatus(result, pivoting, step);
      setStatus(status, text, kind);
    }
    draw(st);
    plot.dataset.matrix = JSON.stringify(A);
    plot.dataset.pivoting = String(pivoting);
    plot.dataset.step = String(step);
    painted(root);
  }

  function go(k) {
    step = Math.max(0, Math.min(k, result.steps.length - 1));
    paint();
    save(model, { step });
  }

  function use(newA, newPivoting, keepStep) {
    A = newA;
    pivoting = newPivoting;
    result = elimSteps(A, pivoting);
    step = keepStep ? Math.max(0, Math.min(step, result.steps.length - 1)) : 0;
  }

  function onEntry() {
    const n = boxes.length;
    const values = [];
    let first = null;
    for (let i = 0; i < n; i++) {
      const row = [];
      for (let j = 0; j < n; j++) {
        const box = boxes[i][j];
        const label = `a${esub(i)}${esub(j)}`;
        const r = parseEntry(box.value, label);
        let error = r.error || null;
        if (!error && Math.abs(r.value) > ELIM_LIMIT) {
          error = `${label} = ${fmt(r.value)} is outside ±1e150 (a product of two entries could overflow)`;
        }
        box.setAttribute("aria-invalid", error ? "true" : "false");
        if (error && !first) first = error;
        row.push(error ? NaN : r.value);
      }
      values.push(row);
    }
    preset.value = "";
    if (first) {
      entryError = `${first}. Still showing the last valid A.`;
      paint();
      return;
    }
    const invalid = elimInvalid(values);
    if (invalid) {
      entryError = `${invalid}. Still showing the last valid A.`;
      paint();
      return;
    }
    entryError = null;
    use(values, pivoting, true);
    paint();
    save(model, { a: A, step });
  }

  size.addEventListener("change", () => {
    const m = Number(size.value);
    const newA = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) =>
      (i < A.length && j < A.length ? A[i][j] : i === j ? 1 : 0)));
    const invalid = elimInvalid(newA);
    if (invalid) {
      size.value = String(A.length);  // the menu keeps showing the size on screen
      entryError = null;
      paint();
      setStatus(status, `${invalid}: cannot shrink to ${m}×${m}. Still showing the ${A.length}×${A.length} A.`, "error");
      return;
    }
    entryError = null;
    preset.value = "";
    use(newA, pivoting, false);
    buildGrid();
    paint();
    save(model, { a: A, step });
  });
  preset.addEventListener("change", () => {
    if (preset.value === "") return;
    const rows = presets[Number(preset.value)][1].map((row) => row.map(Number));
    entryError = null;
    use(rows, pivoting, false);
    buildGrid();
    paint();
    save(model, { a: A, step });
  });
  pivotBox.addEventListener("change", () => {
    use(A, pivotBox.checked, true);
    paint();
    save(model, { pivoting, step });
  });
  range.addEventListener("input", () => go(Number(range.value)));
  next.addEventListener("click", () => go(step === result.steps.length - 1 ? 0 : step + 1));
  back.addEventListener("click", () => go(step - 1));

  const keys = ["a", "pivoting", "step"];
  const onModel = () => {
    if (typeof echoed === "function" && echoed(model, keys)) return;
    const newA = model.get("a").map((row) => row.map(Number));
    const newPivoting = !!model.get("pivoting");
    const k = model.get("step");
    if (JSON.stringify(newA) === JSON.stringify(A) && newPivoting === pivoting && k === step) return;
    if (elimInvalid(newA)) return;  // the kernel validates first; be safe
    const sameA = JSON.stringify(newA) === JSON.stringify(A);
    use(newA, newPivoting, true);
    step = Math.max(0, Math.min(k, result.steps.length - 1));
    if (!sameA) { entryError = null; buildGrid(); }
    paint();
  };
  keys.forEach((k) => model.on(`change:${k}`, onModel));
  buildGrid();
  paint();
  return () => keys.forEach((k) => model.off(`change:${k}`, onModel));
}

export default { render };
