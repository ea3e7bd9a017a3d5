// The recommender explorer's view (notebook 11): rank and λ controls over a grid
// precomputed in Python. Every move is a table lookup drawn here, so the view
// answers at once and keeps working without a kernel. The DOM contract the
// browser test relies on is documented in recommender.py.

const SVG = "http://www.w3.org/2000/svg";
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"];

function node(tag, attrs = {}, text = null, ns = null) {
    const el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== null) el.textContent = text;
    return el;
}

function fmt(x, digits = 3) {
    return Number(x).toFixed(digits);
}

function fmtLambda(x) {
    return Number(x).toString();
}

let counter = 0;

function render({ model, el }) {
    const uid = `course-rec-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
    const root = node("div", { class: "course-recommender" });
    root.style.fontFamily = "sans-serif";
    root.style.fontSize = "14px";
    el.appendChild(root);

    const controls = node("div", { class: "course-rec-controls" });
    controls.style.display = "flex";
    controls.style.gap = "2em";
    controls.style.flexWrap = "wrap";
    root.appendChild(controls);

    function slider(cls, label) {
        const wrap = node("div");
        const id = `${uid}-${cls}`;
        const lab = node("label", { for: id }, label);
        lab.style.marginRight = "0.5em";
        const input = node("input", { type: "range", id, class: cls, step: 1, min: 0 });
        input.setAttribute("aria-label", label);
        const shown = node("output", { for: id, class: `${cls}-value` });
        shown.style.marginLeft = "0.5em";
        shown.style.fontWeight = "bold";
        const text = node("input", { type: "text", class: `${cls}-text`, inputmode: "decimal",
            size: 5, "aria-label": `${label}, typed (a grid value; Enter to apply)` });
        text.style.marginLeft = "0.8em";
        wrap.append(lab, input, shown, text);
        controls.appendChild(wrap);
        return { input, shown, text };
    }

    const rank = slider("course-rec-rank", "Rank");
    const lam = slider("course-rec-lambda", "λ (regularization)");

    const readout = node("div", { class: "course-rec-readout", "aria-live": "polite" });
    readout.style.margin = "0.6em 0";
    root.appendChild(readout);

    const message = node("div", { class: "course-rec-message", role: "status" });
    root.appendChild(message);
    // A focus ring and an error colour with a WCAG contrast of at least 3:1 and 4.5:1
    // in the light and the dark JupyterLab themes (#D55E00 was 3.9:1 on white).
    root.appendChild(node("style", {}, `
.course-recommender :focus-visible { outline: 3px solid #0072B2; outline-offset: 1px; }
.course-recommender .course-rec-message { color: #B23C00; }
body[data-jp-theme-light=false] .course-recommender :focus-visible { outline-color: #56B4E9; }
body[data-jp-theme-light=false] .course-recommender .course-rec-message { color: #FF8A5B; }`));

    const body = node("div");
    body.style.display = "flex";
    body.style.gap = "1.5em";
    body.style.flexWrap = "wrap";
    body.style.alignItems = "flex-start";
    root.appendChild(body);

    const W = 430, H = 270, left = 52, right = 12, top = 14, bottom = 40;
    const svg = node("svg", {
        class: "course-rec-chart", width: W, height: H, viewBox: `0 0 ${W} ${H}`,
        role: "img", "aria-label": "Held-out RMSE against rank, one line per λ",
    }, null, SVG);
    body.appendChild(svg);

    const listBox = node("div");
    const listTitle = node("div", { class: "course-rec-top-title" });
    listTitle.style.fontWeight = "bold";
    const list = node("ol", { class: "course-rec-top" });
    list.style.margin = "0.3em 0";
    listBox.append(listTitle, list);
    body.appendChild(listBox);

    function grid() {
        return model.get("grid") || {};
    }

    function drawChart(g, ri, li) {
        while (svg.firstChild) svg.removeChild(svg.firstChild);
        const ranks = g.ranks, lams = g.lams, test = g.rmse_test;
        const values = test.flat().concat(Object.values(g.baselines || {}));
        let lo = Math.min(...values), hi = Math.max(...values);
        const pad = 0.05 * (hi - lo || 1);
        lo -= pad; hi += pad;
        const x = (i) => left + (ranks.length === 1 ? 0.5 : i / (ranks.length - 1)) * (W - left - right);
        const y = (v) => top + (1 - (v - lo) / (hi - lo)) * (H - top - bottom);
        const axes = node("g", { class: "course-rec-axes" }, null, SVG);
        axes.appendChild(node("line", { x1: left, y1: H - bottom, x2: W - right, y2: H - bottom, stroke: "#444" }, null, SVG));
        axes.appendChild(node("line", { x1: left, y1: top, x2: left, y2: H - bottom, stroke: "#444" }, null, SVG));
        ranks.forEach((r, i) => {
            axes.appendChild(node("text", { x: x(i), y: H - bottom + 15, "text-anchor": "middle", "font-size": 11 }, String(r), SVG));
        });
        axes.appendChild(node("text", { x: (left + W - right) / 2, y: H - 6, "text-anchor": "middle", "font-size": 12 }, "rank", SVG));
        for (let t = 0; t <= 4; t++) {
            const v = lo + (t / 4) * (hi - lo);
            axes.appendChild(node("text", { x: left - 5, y: y(v) + 4, "text-anchor": "end", "font-size": 10 }, fmt(v, 2), SVG));
        }
        axes.appendChild(node("text", { x: 12, y: (top + H - bottom) / 2, "font-size": 12, "text-anchor": "middle",
            transform: `rotate(-90 12 ${(top + H - bottom) / 2})` }, "held-out RMSE", SVG));
        svg.appendChild(axes);
        Object.entries(g.baselines || {}).forEach(([name, v]) => {
            svg.appendChild(node("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), stroke: "#888",
                "stroke-dasharray": "4 3", class: "course-rec-baseline" }, null, SVG));
            svg.appendChild(node("text", { x: W - right, y: y(v) - 3, "text-anchor": "end", "font-size": 10, fill: "#555" }, name, SVG));
        });
        lams.forEach((l, j) => {
            const pts = ranks.map((_, i) => `${x(i)},${y(test[i][j])}`).join(" ");
            const colour = COLOURS[j % COLOURS.length];
            svg.appendChild(node("polyline", { points: pts, fill: "none", stroke: colour,
                "stroke-width": j === li ? 3 : 1.5, class: "course-rec-line", "data-lambda": l }, null, SVG));
            svg.appendChild(node("text", { x: x(ranks.length - 1) - 4, y: y(test[ranks.length - 1][j]) - 5,
                "text-anchor": "end", "font-size": 10, fill: colour }, `λ=${fmtLambda(l)}`, SVG));
        });
        svg.appendChild(node("circle", { cx: x(ri), cy: y(test[ri][li]), r: 6, fill: "none",
            stroke: "#000", "stroke-width": 2, class: "course-rec-current",
            "data-rank": ranks[ri], "data-lambda": lams[li] }, null, SVG));
    }

    function field(name, value, text) {
        const span = node("span", { "data-field": name, "data-value": String(value) }, text);
        span.style.fontWeight = "bold";
        return span;
    }

    function showError(text) {
        // the picture, the sliders and the readout all keep the last valid grid point
        message.textContent = text;
        root.dataset.state = "error";
    }

    function update() {
        const t0 = performance.now();
        const g = grid();
        if (!g.ranks || !g.lams) return;
        rank.input.max = g.ranks.length - 1;
        lam.input.max = g.lams.length - 1;
        const ri = model.get("rank_index"), li = model.get("lam_index");
        if (!(Number.isInteger(ri) && ri >= 0 && ri < g.ranks.length &&
              Number.isInteger(li) && li >= 0 && li < g.lams.length)) {
            showError(`No precomputed result for rank index ${ri} and λ index ${li}: ` +
                `the grid has ranks ${g.ranks.join(", ")} and λ ${g.lams.map(fmtLambda).join(", ")}.`);
            return;
        }
        message.textContent = "";
        root.dataset.state = "ok";
        for (const box of [rank.text, lam.text]) box.removeAttribute("aria-invalid");
        rank.input.value = ri;
        lam.input.value = li;
        const r = g.ranks[ri], l = g.lams[li];
        rank.shown.textContent = String(r);
        lam.shown.textContent = fmtLambda(l);
        rank.input.setAttribute("aria-valuetext", String(r));
        lam.input.setAttribute("aria-valuetext", fmtLambda(l));
        if (document.activeElement !== rank.text) rank.text.value = String(r);
        if (document.activeElement !== lam.text) lam.text.value = fmtLambda(l);
        const te = g.rmse_test[ri][li], tr = g.rmse_train[ri][li];
        readout.replaceChildren(
            "Rank ", field("rank", r, String(r)), ", λ = ", field("lambda", l, fmtLambda(l)),
            ": held-out RMSE ", field("rmse_test", te, fmt(te)),
            " (training RMSE ", field("rmse_train", tr, fmt(tr)), ")."
        );
        listTitle.textContent = `Top ${g.top[ri][li].length} for user ${g.user_id} (movies not in their training ratings)`;
        list.replaceChildren(...g.top[ri][li].map((item, k) => {
            const held = g.held_out[String(item)];
            const li_ = node("li", { "data-item": item, "data-score": g.scores[ri][li][k] },
                `${g.titles[String(item)]}: predicted ${fmt(g.scores[ri][li][k], 2)}` +
                (held === undefined ? "" : ` (held out: rated ${held})`));
            return li_;
        }));
        drawChart(g, ri, li);
        root.dataset.updateMs = (performance.now() - t0).toFixed(2);
    }

    function moved(which, input) {
        const value = Number(input.value);
        model.set(which, value);
        try {
            model.save_changes();  // reaches the kernel when there is one
        } catch (err) {
            // no kernel (static page): the view still works from the grid
        }
        update();
    }

    // A typed value must be one of the grid's values (nothing else was computed).
    function typed(which, box, values, what) {
        const raw = String(box.value).trim().replace("−", "-");
        let error = null, index = -1;
        if (raw === "") {
            error = `${what} is empty: type one of ${values.map(fmtLambda).join(", ")}`;
        } else if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
            error = `${what}: “${raw.slice(0, 20)}” is not a number`;
        } else {
            const x = Number(raw);
            index = values.findIndex((v) => Math.abs(v - x) <= 1e-12 * Math.abs(v));
            if (!Number.isFinite(x)) error = `${what} = ${raw} is beyond the largest float`;
            else if (index < 0) error = `${what} = ${raw} is not on the grid: ` +
                `choose one of ${values.map(fmtLambda).join(", ")}`;
        }
        if (error !== null) {
            box.setAttribute("aria-invalid", "true");
            showError(error);
            return;
        }
        box.value = fmtLambda(values[index]);
        model.set(which, index);
        try {
            model.save_changes();
        } catch (err) {
            // no kernel
        }
        update();
    }

    const onRank = () => moved("rank_index", rank.input);
    const onLam = () => moved("lam_index", lam.input);
    rank.input.addEventListener("input", onRank);
    lam.input.addEventListener("input", onLam);
    const onRankText = () => typed("rank_index", rank.text, grid().ranks || [], "Rank");
    const onLamText = () => typed("lam_index", lam.text, grid().lams || [], "λ");
    for (const [box, handler] of [[rank.text, onRankText], [lam.text, onLamText]]) {
        box.addEventListener("change", handler);
        box.addEventListener("keydown", (e) => { if (e.key === "Enter") handler(); });
    }
    // keys pressed in the controls stay there: a slide deck would turn arrows into slide changes
    root.addEventListener("keydown", (e) => {
        if (e.target !== root && /^(INPUT|SELECT|BUTTON|TEXTAREA)$/.test(e.target.tagName)) e.stopPropagation();
    });
    model.on("change:rank_index", update);
    model.on("change:lam_index", update);
    model.on("change:grid", update);
    update();
    return () => {
        model.off("change:rank_index", update);
        model.off("change:lam_index", update);
        model.off("change:grid", update);
    };
}

export default { render };
