// The rank slider's view (notebook 05), the same module in JupyterLab, on the static
// site and in the decks. It gets the factors once: U·diag(σ) of shape (CH, H, K) and
// Vᵀ of shape (CH, K, W) as little-endian float32, the original pixels (H, W, CH) as
// uint8 and the cumulative energy. In JupyterLab they arrive as binary traits
// (DataView, K = every rank: rank_slider.py's RankSlider); on a static page as base64
// text embedded at build time (K = the first STATIC_RANKS ranks: static_page_state).
// Each move is computed here, with no kernel: the rank-`have` sum A_have is kept per
// channel in float64, and reaching rank k adds or removes rank-one terms by the
// cheapest route (from the rank on screen, up from 0, or down from full rank, whose
// sum is the original photo to rounding). The kernel only learns the new k (save).
// rank_slider.py's _BrowserSum is this arithmetic in numpy, operation for operation.

function rsBytes(value, name) {
  // base64 text (static page), DataView (anywidget binary trait) or ArrayBuffer
  if (typeof value === "string") {
    const bin = atob(value);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  if (value instanceof DataView || ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new Error(`${name} is missing (got ${value === null ? "null" : typeof value})`);
}

function rsFloat32(bytes) {
  // a Float32Array needs a 4-byte aligned start: copy when the buffer's is not
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Float32Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 4));
}

function rsIsRank(x, top) {
  return Number.isInteger(x) && x >= 1 && x <= top;
}

// Read and check the model's state once; a message naming what is wrong, or the data.
function rsState(model) {
  const H = model.get("height"), W = model.get("width"), CH = model.get("channels");
  const K = model.get("ranks"), maxRank = model.get("max_rank");
  if (!(Number.isInteger(H) && H >= 1 && Number.isInteger(W) && W >= 1)) {
    return { error: `the image size ${H}×${W} is not a size in pixels` };
  }
  if (CH !== 1 && CH !== 3) return { error: `channels = ${CH}: expected 1 or 3` };
  if (maxRank !== Math.min(H, W)) return { error: `max_rank = ${maxRank}: expected min(H, W) = ${Math.min(H, W)}` };
  if (!rsIsRank(K, maxRank)) return { error: `ranks = ${K}: expected an integer from 1 to ${maxRank}` };
  let us, vt, original;
  try {
    us = rsFloat32(rsBytes(model.get("us"), "us"));
    vt = rsFloat32(rsBytes(model.get("vt"), "vt"));
    original = rsBytes(model.get("original"), "original");
  } catch (e) {
    return { error: e.message };
  }
  if (us.length !== CH * H * K) return { error: `us holds ${us.length} numbers: expected ${CH}·${H}·${K} = ${CH * H * K}` };
  if (vt.length !== CH * K * W) return { error: `vt holds ${vt.length} numbers: expected ${CH}·${K}·${W} = ${CH * K * W}` };
  if (original.length !== H * W * CH) return { error: `original holds ${original.length} bytes: expected ${H * W * CH}` };
  for (const [name, a] of [["us", us], ["vt", vt]]) {
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i])) return { error: `${name} has a non-finite number (${a[i]}) at position ${i}` };
    }
  }
  const energy = model.get("cumulative_energy");
  if (!Array.isArray(energy) || energy.length !== maxRank || !energy.every((e) => Number.isFinite(e) && e >= 0 && e <= 1)) {
    return { error: `cumulative_energy must be ${maxRank} numbers in [0, 1]` };
  }
  return { H, W, CH, K, maxRank, us, vt, original, energy };
}

function render({ model, el }) {
  injectStyle(el);
  const root = h("div", { class: "course-w course-rank-slider" });
  el.appendChild(root);
  keepKeys(root);
  const st = rsState(model);
  const ok = !st.error;
  const H = ok ? st.H : 1, W = ok ? st.W : 1, K = ok ? st.K : 1;
  const canvas = h("canvas", { class: "course-rank-image", width: W, height: H, role: "img", "aria-label": "rank-k approximation", style: "max-width:100%;height:auto;display:block" });
  const orig = h("canvas", { class: "course-rank-original", width: W, height: H, role: "img", "aria-label": "original image", style: "max-width:100%;height:auto;display:block" });
  const range = h("input", { type: "range", min: 1, max: K, step: 1, class: "course-rank-k", "aria-label": "rank k", style: "flex:1 1 auto;width:auto;min-width:8em" });
  const readout = h("div", { class: "cw-readout course-rank-readout", "aria-live": "polite", "aria-atomic": "true" });
  const status = statusNode("course-rank-status");
  const column = (title, node) => h("div", { style: "flex:1 1 0;min-width:0;max-width:48%" }, [h("b", { text: title }), node]);
  root.append(
    h("div", { style: "display:flex;gap:1em;align-items:flex-start" }, [column("rank-k approximation", canvas), column("original", orig)]),
    h("div", { class: "cw-row" }, [h("label", { style: "display:flex;align-items:center;gap:0.5em;flex:1 1 auto;max-width:36em" }, ["rank k", range])]),
    readout, status,
  );
  if (!ok) {
    range.disabled = true;
    setStatus(status, `The rank slider cannot draw: ${st.error}. Run the cell again to rebuild it.`, "error");
    return () => {};
  }
  const { CH, maxRank, us, vt, original, energy } = st;
  const N = H * W;
  const acc = new Float64Array(CH * N);  // A_have per channel: acc[c·N + i·W + x]
  let have = -1;  // the rank acc holds (-1: nothing yet)
  let shown = 0;  // the rank on the canvas
  const page = Math.max(1, Math.round(K / 10));  // PageUp / PageDown

  const ctx = canvas.getContext("2d");
  const octx = orig.getContext("2d");
  const image = ctx.createImageData(W, H);
  const oimage = octx.createImageData(W, H);
  for (let p = 0, o = 0; p < N; p++, o += 4) {
    for (let c = 0; c < 3; c++) oimage.data[o + c] = original[p * CH + (CH === 3 ? c : 0)];
    oimage.data[o + 3] = 255;
  }
  octx.putImageData(oimage, 0, 0);

  // acc += sign · (U·σ)[:, j] ⊗ Vᵀ[j, :] in every channel: one rank-one term.
  function addRank(j, sign) {
    for (let c = 0; c < CH; c++) {
      const v0 = (c * K + j) * W;
      for (let i = 0; i < H; i++) {
        const u = sign * us[(c * H + i) * K + j];
        const row = c * N + i * W;
        for (let x = 0; x < W; x++) acc[row + x] += u * vt[v0 + x];
      }
    }
  }

  // Four terms in one pass over acc, ranks j, j + d, j + 2d, j + 3d (d = ±1), each
  // entry getting them in that order: the same sums as four addRank calls, bit for
  // bit, with a quarter of the memory traffic (about twice as fast in Chromium).
  function addFour(j, d, sign) {
    for (let c = 0; c < CH; c++) {
      const v0 = (c * K + j) * W, v1 = v0 + d * W, v2 = v1 + d * W, v3 = v2 + d * W;
      for (let i = 0; i < H; i++) {
        const u0 = (c * H + i) * K + j;
        const a = sign * us[u0], b = sign * us[u0 + d], e = sign * us[u0 + 2 * d], f = sign * us[u0 + 3 * d];
        const row = c * N + i * W;
        for (let x = 0; x < W; x++) {
          let t = acc[row + x];
          t += a * vt[v0 + x];
          t += b * vt[v1 + x];
          t += e * vt[v2 + x];
          t += f * vt[v3 + x];
          acc[row + x] = t;
        }
      }
    }
  }

  // acc from rank `have` to rank k: add ranks have … k − 1 in order, or remove
  // have − 1 … k in order.
  function walk(k) {
    while (k - have >= 4) { addFour(have, 1, 1); have += 4; }
    while (have < k) addRank(have++, 1);
    while (have - k >= 4) { addFour(have - 1, -1, -1); have -= 4; }
    while (have > k) addRank(--have, -1);
  }

  // The cheapest way to rank k: [route, rank-one terms to add or remove].
  function route(k) {
    const options = [];
    if (have >= 0) options.push(["current", Math.abs(k - have)]);
    options.push(["zero", k]);
    if (K === maxRank) options.push(["full", maxRank - k]);
    return options.reduce((best, o) => (o[1] < best[1] ? o : best));
  }

  function reach(k) {
    const [way, cost] = route(k);
    if (way === "zero") { acc.fill(0); have = 0; }
    if (way === "full") {  // A_maxRank is the original (to float32 rounding, < 1e-4)
      for (let c = 0; c < CH; c++) for (let p = 0; p < N; p++) acc[c * N + p] = original[p * CH + c];
      have = maxRank;
    }
    walk(k);
    return [way, cost];
  }

  function draw(k) {
    const start = performance.now();
    const [way, cost] = reach(k);
    let sse = 0;
    const d = image.data;
    for (let p = 0, o = 0; p < N; p++, o += 4) {
      for (let c = 0; c < CH; c++) {
        const x = acc[c * N + p];
        const pix = Math.floor(Math.min(255.5, Math.max(0.5, x + 0.5)));  // ImageSVD's rounding
        const e = pix - original[p * CH + c];
        sse += e * e;
        if (CH === 3) d[o + c] = pix;
        else d[o] = d[o + 1] = d[o + 2] = pix;
      }
      d[o + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    canvas.setAttribute("aria-label", `rank-${k} approximation of the original image`);
    const storage = CH * k * (H + W + 1);
    const ratio = (CH * N) / storage;
    // ImageSVD.readout's formula (helpers/images.py, _psnr_from_sse), peak 255
    const psnr = sse === 0 ? Infinity : 10 * Math.log10((255 * 255 * (CH * N)) / sse);
    const fields = [
      ["k", k, `rank k = ${k}`],
      ["storage", storage, `storage ${storage.toLocaleString("en-US")} numbers`],
      ["ratio", ratio, `ratio ${ratio.toFixed(2)}×`],
      ["energy", energy[k - 1], `energy kept ${(100 * energy[k - 1]).toFixed(2)} %`],
      ["psnr", psnr, Number.isFinite(psnr) ? `PSNR ${psnr.toFixed(2)} dB` : "PSNR ∞ dB (exact)"],
    ];
    clearNode(readout);
    fields.forEach(([field, value, text], i) => {
      if (i) readout.append(" · ");
      readout.append(h("span", { "data-field": field, "data-value": String(value) }, text));
    });
    range.setAttribute("aria-valuetext", `rank ${k} of ${K}`);
    shown = k;
    canvas.dataset.route = way;
    canvas.dataset.updates = String(cost);
    canvas.dataset.k = String(k);
    canvas.dataset.drawMs = (performance.now() - start).toFixed(1);  // for benchmarks only
    canvas.dataset.frame = String(Number(canvas.dataset.frame || 0) + 1);
    painted(root);
  }

  const note = model.get("note") || "";
  const info = K < maxRank
    ? `On this page the slider goes up to rank ${K} (the factors of the first ${K} ranks are stored in the page as float32); run the notebook in JupyterLab for every rank up to ${maxRank}.`
    : note;
  function clearError() {
    if (status.dataset.kind === "error") setStatus(status, info, "info");
  }

  function show(k, fromKernel) {
    if (!rsIsRank(k, K)) {
      const got = typeof k === "number" ? String(k) : JSON.stringify(k);
      setStatus(status, `rank k = ${got}${fromKernel ? " (from the kernel)" : ""} is not an integer from 1 to ${K}; the picture still shows rank ${shown}.`, "error");
      range.value = String(shown);
      return false;
    }
    clearError();
    range.value = String(k);
    if (k !== shown) draw(k);
    return true;
  }

  function onInput() {
    const k = Number(range.value);
    if (show(k, false)) save(model, { k });
  }
  range.addEventListener("input", onInput);
  range.addEventListener("keydown", (e) => {
    if (e.key !== "PageUp" && e.key !== "PageDown") return;
    e.preventDefault();  // the same step in every browser: a tenth of the range
    const k = Math.max(1, Math.min(K, shown + (e.key === "PageUp" ? page : -page)));
    if (k === shown) return;
    range.value = String(k);
    onInput();
  });
  const onModel = () => {
    if (echoed(model, ["k"])) return;
    show(model.get("k"), true);
  };
  model.on("change:k", onModel);

  setStatus(status, info, "info");
  const k0 = model.get("k");
  if (!show(rsIsRank(k0, K) ? k0 : Math.min(Math.max(1, Math.round(Number(k0)) || 1), K), false)) return () => {};
  if (!rsIsRank(k0, K)) show(k0, true);  // say what was wrong; the picture shows the nearest rank
  return () => model.off("change:k", onModel);
}

export default { render };
