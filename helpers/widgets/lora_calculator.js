// The LoRA calculator's view (notebook 10). Python model: calculate() in
// lora_calculator.py (from helpers.lora); the kernel sends each model's matrix
// shapes and parameter total once, and this file does the counting, so the
// widget also lives with no kernel. Every count is an exact integer below 2⁵³
// and every ratio the same IEEE operation as in Python, so the numbers equal
// calculate()'s exactly.

const LORA_FIELDS = ["trainable", "total", "percent", "adapter_mb", "full_ft_gb", "lora_ft_gb"];
const MB_ = 1e6, GB_ = 1e9;

function loraCalculate(cfg, rank, targets, mem) {
  if (!targets.length) {
    return { error: `targets must name at least one matrix; valid targets for ${cfg.name}: ${cfg.targets.join(", ")}` };
  }
  const shapes = targets.map((t) => cfg.shapes[t]);
  const high = Math.min(...shapes.map((sh) => Math.min(sh[0], sh[1])));
  if (!(rank >= 1 && rank <= high)) {
    return { error: `rank must be an integer from 1 to ${high} for targets ${targets.join(", ")} of ${cfg.name} (the smallest adapted matrix has a side of ${high}), got ${rank}` };
  }
  const trainable = cfg.n_layers * shapes.reduce((sum, [o, i]) => sum + rank * (o + i), 0);
  const total = cfg.total;
  return {
    trainable, total,
    percent: (100 * trainable) / total,
    adapter_mb: (trainable * mem.weight_bytes) / MB_,
    full_ft_gb: (total * mem.trained_bytes) / GB_,
    lora_ft_gb: (total * mem.weight_bytes + trainable * mem.trained_bytes) / GB_,
  };
}

function sig(x, digits) {  // like Python's "{:.4g}"
  if (x === 0) return "0";
  const e = Math.floor(Math.log10(Math.abs(x)));
  if (e < -4 || e >= digits) return x.toExponential(digits - 1).replace(/\.?0+e/, "e").replace(/e([+-])(\d)$/, "e$10$2");
  return String(Number(x.toPrecision(digits)));
}

function render({ model, el }) {
  injectStyle(el);
  const root = h("div", { class: "course-w course-lora-calculator" });
  el.appendChild(root);
  keepKeys(root);
  const models = model.get("models");
  const mem = model.get("memory");
  const maxRank = model.get("max_rank");
  const select = h("select", { class: "course-lora-model", "aria-label": "model" },
    Object.keys(models).map((name) => h("option", { value: name, text: name })));
  const range = h("input", { type: "range", min: 1, max: maxRank, step: 1, class: "course-lora-rank", "aria-label": "rank r" });
  const rankText = h("input", { type: "text", inputmode: "numeric", class: "course-lora-rank-text", "aria-label": "rank r value", style: "width:4.5em" });
  const boxes = {};
  const targetRow = h("div", { class: "cw-row", role: "group", "aria-label": "targets" }, [h("span", { text: "targets:" })]);
  for (const name of model.get("target_names")) {
    const box = h("input", { type: "checkbox", class: `course-lora-target-${name}` });
    boxes[name] = box;
    targetRow.appendChild(h("label", { class: `course-lora-label-${name}`, style: "margin-right:0.6em" }, [box, ` ${name}`]));
  }
  const readout = h("div", { class: "cw-readout course-lora-readout", "aria-live": "polite" });
  const status = statusNode("course-lora-status");
  root.append(
    h("div", { class: "cw-row" }, [h("b", { text: "LoRA calculator" })]),
    h("div", { class: "cw-row" }, [h("label", {}, ["model ", select]), h("label", {}, ["rank r ", range, " ", rankText])]),
    targetRow, readout, status,
    h("details", {}, [h("summary", { text: "Assumptions" }),
      h("ul", {}, model.get("assumptions").map((t) => h("li", { text: t })))]),
  );

  // The state on screen: always a valid one (the error stays in the status line).
  let state = { model: model.get("model"), rank: model.get("rank"), targets: model.get("targets").slice() };

  function span(field, value, text) {
    return h("span", { "data-field": field, "data-value": String(value) }, text);
  }

  function table(r) {
    const rows = [
      ["LoRA trainable parameters", "trainable", r.trainable.toLocaleString("en-US"), "r·(d_in + d_out) per adapted matrix, per block; biases, norms and heads frozen"],
      ["model parameters", "total", r.total.toLocaleString("en-US"), "counted from the architecture (see ModelConfig.counted)"],
      ["trainable share", "percent", `${sig(r.percent, 4)} %`, "100 · trainable / model parameters"],
      ["adapter file", "adapter_mb", `${r.adapter_mb.toFixed(2)} MB`, `${mem.weight_bytes} bytes per number; 1 MB = 10⁶ bytes`],
      ["full fine-tuning memory", "full_ft_gb", `${r.full_ft_gb.toFixed(1)} GB`, `every weight trained: ${mem.trained_bytes} bytes each; activations excluded`],
      ["LoRA fine-tuning memory", "lora_ft_gb", `${r.lora_ft_gb.toFixed(2)} GB`, `frozen weights ${mem.weight_bytes} bytes each; adapters ${mem.trained_bytes} bytes each; activations excluded`],
    ];
    return h("table", { class: "course-lora-table" }, rows.map(([label, field, text, note]) =>
      h("tr", {}, [h("td", { text: label }), h("td", { style: "text-align:right;font-weight:600;padding:0 0.8em" }, [span(field, r[field], text)]),
        h("td", { class: "cw-muted", style: "font-size:90%", text: note })])));
  }

  function show(message, kind) {
    const cfg = models[state.model];
    select.value = state.model;
    range.value = String(state.rank);
    for (const [name, box] of Object.entries(boxes)) {
      const valid = cfg.targets.includes(name);
      box.disabled = !valid;
      box.checked = valid && state.targets.includes(name);
      box.parentElement.classList.toggle("cw-muted", !valid);
      box.parentElement.title = valid ? "" : `${cfg.name} has no ${name} matrix`;
    }
    const r = loraCalculate(cfg, state.rank, state.targets, mem);
    clearNode(readout);
    readout.appendChild(table(r));
    if (message) setStatus(status, message, kind);
    else setStatus(status, `${cfg.name}: r = ${state.rank} on ${state.targets.join(", ")} (valid targets: ${cfg.targets.join(", ")})`, "ok");
    readout.dataset.state = JSON.stringify(state);
    painted(root);
  }

  function commit(next, message, kind) {
    state = next;
    rankText.value = String(state.rank);
    rankText.setAttribute("aria-invalid", "false");
    show(message, kind);
    save(model, { model: state.model, rank: state.rank, targets: state.targets });
  }

  function tryState(next, typed) {
    const cfg = models[next.model];
    const r = loraCalculate(cfg, next.rank, next.targets, mem);
    if (r.error) {
      if (typed) rankText.setAttribute("aria-invalid", "true");
      show(`${r.error}. The numbers show the last valid choice.`, "error");
      return false;
    }
    commit(next);
    return true;
  }

  select.addEventListener("change", () => {
    const cfg = models[select.value];
    const dropped = state.targets.filter((t) => !cfg.targets.includes(t));
    let targets = state.targets.filter((t) => cfg.targets.includes(t));
    const notes = [];
    if (dropped.length) notes.push(`${cfg.name} has no ${dropped.join(", ")} matrix: unticked`);
    if (!targets.length) {
      targets = cfg.targets.filter((t) => t === "q" || t === "v");
      notes.push(`no target was left, so ${targets.join(" and ")} (the LoRA paper's choice) are ticked`);
    }
    const high = Math.min(...targets.map((t) => Math.min(...cfg.shapes[t])));
    let rank = state.rank;
    if (rank > high) {
      notes.push(`rank ${rank} is above ${high}, the smallest side of these matrices of ${cfg.name}: the rank is now ${high}`);
      rank = high;
    }
    if (notes.length) commit({ model: cfg.name, rank, targets }, `${notes.join("; ")}.`, "warning");
    else tryState({ model: cfg.name, rank, targets }, false);
  });
  range.addEventListener("input", () => {
    rankText.value = range.value;
    tryState({ ...state, rank: Number(range.value) }, false);
  });
  rankText.addEventListener("input", () => {
    const t = rankText.value.trim();
    let error = null;
    if (t === "") error = "rank r is empty: type a whole number";
    else if (!/^[+-]?\d+$/.test(t)) error = `rank r: “${t.slice(0, 20)}” is not a whole number`;
    else if (Number(t) < 1) error = `rank r = ${t} is below 1`;
    else if (Number(t) > maxRank) error = `rank r = ${t} is above this calculator's largest rank, ${maxRank} (lora_calculator(max_rank=…) raises it)`;
    if (error) {
      rankText.setAttribute("aria-invalid", "true");
      show(`${error}. The numbers show r = ${state.rank}.`, "error");
      return;
    }
    range.value = t;
    tryState({ ...state, rank: Number(t) }, true);
  });
  for (const [name, box] of Object.entries(boxes)) {
    box.addEventListener("change", () => {
      const targets = model.get("target_names").filter((t) => (t === name ? box.checked : state.targets.includes(t)));
      tryState({ ...state, targets }, false);  // on an error the boxes show the last valid choice
    });
  }
  const onModel = () => {
    if (echoed(model, ["model", "rank", "targets"])) return;
    const next = { model: model.get("model"), rank: model.get("rank"), targets: model.get("targets").slice() };
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    if (!loraCalculate(models[next.model], next.rank, next.targets, mem).error) commit(next);
  };
  for (const k of ["model", "rank", "targets"]) model.on(`change:${k}`, onModel);
  rankText.value = String(state.rank);
  show();
  return () => { for (const k of ["model", "rank", "targets"]) model.off(`change:${k}`, onModel); };
}

export default { render };
