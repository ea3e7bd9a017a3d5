// The rank slider's kernel-free view (notebook 05), for the static site and decks.
// In JupyterLab the slider runs in the kernel (rank_slider.py: ImageSVD rebuilds
// each rank and a PixelView paints it). On a static page tools/build_site.py and
// tools/build_slides.py embed the first K ranks of the factors (U·diag(σ) and Vᵀ,
// float32), the original pixels and every σ², and this module rebuilds rank k in
// the browser: moving by one rank adds or removes one rank-one term per channel.

function b64bytes(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function render({ model, el }) {
  injectStyle(el);
  const H = model.get("height"), W = model.get("width"), CH = model.get("channels");
  const K = model.get("ranks"), maxRank = model.get("max_rank");
  const us = new Float32Array(b64bytes(model.get("us")).buffer);  // (CH, H, K)
  const vt = new Float32Array(b64bytes(model.get("vt")).buffer);  // (CH, K, W)
  const original = b64bytes(model.get("original"));  // (H, W, CH) uint8
  const energy = model.get("cumulative_energy");  // length max_rank
  const acc = new Float64Array(CH * H * W);  // the rank-`have` approximation, per channel
  let have = 0;

  const root = h("div", { class: "course-w course-rank-slider" });
  el.appendChild(root);
  keepKeys(root);
  const canvas = h("canvas", { class: "course-rank-image", width: W, height: H, role: "img", style: "max-width:100%;height:auto;display:block" });
  const orig = h("canvas", { class: "course-rank-original", width: W, height: H, role: "img", "aria-label": "original image", style: "max-width:100%;height:auto;display:block" });
  const range = h("input", { type: "range", min: 1, max: K, step: 1, class: "course-rank-k", "aria-label": "rank k", style: "width:min(100%,480px)" });
  const readout = h("div", { class: "cw-readout course-rank-readout" });
  const status = statusNode("course-rank-status");
  const column = (title, node) => h("div", { style: "flex:1 1 0;min-width:0;max-width:48%" }, [h("b", { text: title }), node]);
  root.append(
    h("div", { style: "display:flex;gap:1em;align-items:flex-start" }, [column("rank-k approximation", canvas), column("original", orig)]),
    h("div", { class: "cw-row" }, [h("label", {}, ["rank k ", range])]), readout, status,
  );

  const ctx = canvas.getContext("2d");
  const octx = orig.getContext("2d");
  const image = ctx.createImageData(W, H);
  const oimage = octx.createImageData(W, H);
  for (let p = 0, o = 0; p < H * W; p++, o += 4) {
    for (let c = 0; c < 3; c++) oimage.data[o + c] = original[p * CH + (CH === 3 ? c : 0)];
    oimage.data[o + 3] = 255;
  }
  octx.putImageData(oimage, 0, 0);

  function addRank(j, sign) {  // acc += sign · (U·σ)[:, j] ⊗ Vᵀ[j, :] in every channel
    for (let c = 0; c < CH; c++) {
      const base = c * H * W;
      for (let i = 0; i < H; i++) {
        const u = sign * us[(c * H + i) * K + j];
        const row = base + i * W;
        const v0 = (c * K + j) * W;
        for (let x = 0; x < W; x++) acc[row + x] += u * vt[v0 + x];
      }
    }
  }

  function draw(k) {
    if (Math.abs(k - have) > k) { acc.fill(0); have = 0; }
    while (have < k) addRank(have++, 1);
    while (have > k) addRank(--have, -1);
    let sse = 0;
    const d = image.data;
    for (let p = 0, o = 0; p < H * W; p++, o += 4) {
      for (let c = 0; c < CH; c++) {
        const x = acc[c * H * W + p];
        const pix = Math.floor(Math.min(255.5, Math.max(0.5, x + 0.5)));  // ImageSVD's rounding
        const e = pix - original[p * CH + c];
        sse += e * e;
        if (CH === 3) d[o + c] = pix;
        else d[o] = d[o + 1] = d[o + 2] = pix;
      }
      d[o + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    canvas.setAttribute("aria-label", `rank-${k} approximation`);
    const storage = CH * k * (H + W + 1);
    const ratio = (CH * H * W) / storage;
    const psnr = sse === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sse / (H * W * CH)));
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
    canvas.dataset.frame = String(Number(canvas.dataset.frame || 0) + 1);
    canvas.dataset.k = String(k);
    painted(root);
  }

  range.value = String(Math.min(model.get("k"), K));
  range.addEventListener("input", () => { draw(Number(range.value)); save(model, { k: Number(range.value) }); });
  setStatus(status, `On this page the slider goes up to rank ${K} (the factors of the first ${K} ranks are stored in the page as float32); run the notebook in JupyterLab for every rank up to ${maxRank}.`, "info");
  draw(Number(range.value));
}

export default { render };
