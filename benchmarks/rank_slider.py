"""Benchmark: what the rank slider (notebook 05) costs the kernel; its moves run in the browser.

Usage::

    .venv/bin/python benchmarks/rank_slider.py [--repeats 10] [--naive-repeats 3] [--threads N]

Image: ``data/grace_hopper.jpg``, 600 × 512 RGB, as notebook 05 shows it.

The widget (:class:`helpers.widgets.rank_slider.RankSlider`) sends the factors
of every rank to the browser once, and ``rank_slider.js`` computes each move
there (``benchmarks/browser_latency.py`` measures key press → painted frame).
So the kernel's work is:

- ``ImageSVD`` set-up: the SVD of the three channels and the stored partial
  sums (once per notebook; the slider reuses the model);
- building the widget: the factors as float32 bytes and the trait state
  (``rank_slider(model)``);
- the comm message that carries them: the state split into JSON and binary
  buffers as ipywidgets sends it (``_remove_buffers``), and its size;
- the display bundle: ``_repr_mimebundle_``, which also stores the original as
  a PNG for the static site and decks;
- a move: the front end's ``{"k": …}`` applied with ``set_state`` (validation,
  no rebuild).

For scale, the *naive* move computes the SVD again, rebuilds rank k and
redraws a matplotlib figure as PNG (an ``interact`` cell with the inline
backend). Timings are medians in one process; the load average is printed
because other processes on a small machine move these figures.

Targets (issue 17): building the widget ≤ 100 ms, the message ≤ 10 MB (a
JupyterLab websocket carries it in one piece), a move in the kernel ≤ 1 ms.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from ipywidgets.widgets.widget import _remove_buffers
from threadpoolctl import threadpool_info, threadpool_limits

from helpers.images import ImageSVD, load_image, to_uint8
from helpers.widgets import rank_slider

TARGET_BUILD_MS = 100.0
TARGET_MESSAGE_MB = 10.0
TARGET_MOVE_MS = 1.0


def timed(function, repeats: int) -> tuple[list[float], object]:
    """Milliseconds of each of ``repeats`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(1000 * (time.perf_counter() - start))
    return times, result


def naive_move(pixels: np.ndarray, k: int) -> bytes:
    """Recompute the SVD, rebuild rank k and redraw a matplotlib figure as PNG."""
    stack = np.moveaxis(pixels, 2, 0).astype(np.float64)
    U, s, Vt = np.linalg.svd(stack, full_matrices=False)
    approx = (U[:, :, :k] * s[:, None, :k]) @ Vt[:, :k, :]
    frame = np.moveaxis(np.clip(np.rint(approx), 0, 255).astype(np.uint8), 0, 2)
    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.imshow(frame)
    ax.set_title(f"rank {k}")
    ax.set_axis_off()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def blas_summary() -> str:
    pools = [
        f"{p.get('internal_api')} {p.get('version')} ({p.get('num_threads')} threads)"
        for p in threadpool_info()
        if p.get("user_api") == "blas"
    ]
    return "; ".join(pools) or "unknown"


def message(widget) -> tuple[int, int]:
    """The comm message of the widget's state: bytes of JSON and of binary buffers."""
    state, _, buffers = _remove_buffers(widget.get_state())
    return len(json.dumps(state).encode()), sum(len(b) for b in buffers)


def run(repeats: int, naive_repeats: int) -> bool:
    pixels = to_uint8(load_image("grace_hopper", mode="RGB"))
    start = time.perf_counter()
    model = ImageSVD(pixels)
    setup_s = time.perf_counter() - start

    print(f"rank slider benchmark: {pixels.shape[0]}×{pixels.shape[1]} RGB (grace_hopper)")
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs, "
        f"BLAS: {blas_summary()}"
    )
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")

    rank_slider(model, k=20)  # warm-up (imports, the ES module's text)
    build, widget = timed(lambda: rank_slider(model, k=20), repeats)
    sizes = widget.payload_bytes
    serialise, (json_bytes, binary_bytes) = timed(lambda: message(widget), repeats)
    bundle, data = timed(lambda: widget._repr_mimebundle_()[0], repeats)
    bundle_bytes = len(json.dumps(data).encode())
    ranks = [3, 4] * (50 * repeats)
    moves, _ = timed(lambda: widget.set_state({"k": ranks.pop()}), len(ranks))
    naive, _ = timed(lambda: naive_move(pixels, 20), naive_repeats)

    mb = 1e6
    med = statistics.median
    rows = [
        ("ImageSVD set-up (3 SVDs + partial sums), once", f"{setup_s * 1000:.0f} ms"),
        ("build the widget: rank_slider(model), median", f"{med(build):.1f} ms"),
        ("  U·diag(σ) sent, float32 (channels × H × max_rank)", f"{sizes['us'] / mb:.2f} MB"),
        ("  Vᵀ sent, float32 (channels × max_rank × W)", f"{sizes['vt'] / mb:.2f} MB"),
        ("  original pixels sent, uint8", f"{sizes['original'] / mb:.2f} MB"),
        ("state → comm message (JSON + buffers), median", f"{med(serialise):.1f} ms"),
        ("  message: JSON part", f"{json_bytes / 1e3:.1f} kB"),
        ("  message: binary buffers", f"{binary_bytes / mb:.2f} MB"),
        ("display bundle (+ PNG for static pages), median", f"{med(bundle):.1f} ms"),
        ("  bundle size (JSON)", f"{bundle_bytes / mb:.2f} MB"),
        ("a move in the kernel: set_state({'k': …}), median", f"{med(moves):.3f} ms"),
        ("naive move (SVD + matplotlib PNG), median", f"{med(naive):.0f} ms"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>10}")
    print(f"\nload average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    total_mb = (json_bytes + binary_bytes) / mb
    checks = [
        (f"build ≤ {TARGET_BUILD_MS:.0f} ms", med(build) <= TARGET_BUILD_MS),
        (f"message ≤ {TARGET_MESSAGE_MB:.0f} MB ({total_mb:.2f})", total_mb <= TARGET_MESSAGE_MB),
        (f"move in the kernel ≤ {TARGET_MOVE_MS:.0f} ms", med(moves) <= TARGET_MOVE_MS),
    ]
    for text, met in checks:
        print(f"target {text}: {'met' if met else 'NOT met'}")
    ok = all(met for _, met in checks)
    print(f"all targets met: {ok}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10, help="builds timed (default 10)")
    parser.add_argument(
        "--naive-repeats", type=int, default=3, help="naive moves (default 3; each is slow)"
    )
    parser.add_argument(
        "--threads", type=int, default=None, help="limit BLAS threads (default: library default)"
    )
    args = parser.parse_args()
    if args.threads is None:
        ok = run(args.repeats, args.naive_repeats)
    else:
        with threadpool_limits(limits=args.threads, user_api="blas"):
            ok = run(args.repeats, args.naive_repeats)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
