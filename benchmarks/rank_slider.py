"""Benchmark: one move of the rank slider (notebook 05), fast path against the naive way.

Usage::

    .venv/bin/python benchmarks/rank_slider.py [--moves 40] [--naive-repeats 3] [--threads N]

Image: the central 512 × 512 crop of ``data/grace_hopper.jpg``, RGB.

*Fast path* (what the widget does): set the slider's value, which runs the
widget's own callback: rebuild the rank-k image from the stored factors of
:class:`helpers.images.ImageSVD` (one batched product of rank at most 31 on
top of a stored partial sum), round to ``uint8``, hand the raw bytes to the
:class:`~helpers.widgets.pixel_view.PixelView` that paints them on a canvas
(lossless, no image file), compute the readouts (PSNR included) and write
them into the widgets. Moves alternate between ``k`` and ``k − 1`` so that no
cache helps.

*Naive path*: on every move, compute the SVD of the three channels again,
rebuild rank k, round to ``uint8`` and redraw a matplotlib figure
(``imshow`` + ``savefig`` to PNG, as an ``interact`` cell with the inline
backend does).

Columns: ``rebuild``, ``encode`` (the pixels to the bytes the widget sends)
and ``readout`` are the median costs of the three parts measured on their
own; ``fast med`` / ``fast p90`` the wall-clock median and 90th percentile of
a whole move through the widget; ``fast CPU`` the CPU time the process spent
per move (the work done, whatever else the machine runs); ``speed-up`` the
ratio of the naive and fast medians.

Targets (issue 5): median ≤ 10 ms per move at every k, and ≥ 30× faster than
the naive way. Timings are medians in one process; the machine's load average
is printed because other processes on a small machine move these figures.
``--threads 1`` limits BLAS everywhere (the naive SVD included); the fast
rebuild always runs its small product on one BLAS thread (see ``ImageSVD``).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from helpers.images import ImageSVD, load_image, to_uint8
from helpers.widgets import rank_slider
from helpers.widgets.pixel_view import as_pixels

RANKS = (5, 20, 50, 200)
TARGET_MS = 10.0
TARGET_SPEEDUP = 30.0


def crop_512() -> np.ndarray:
    rgb = to_uint8(load_image("grace_hopper", mode="RGB"))  # 600 × 512
    top = (rgb.shape[0] - 512) // 2
    return np.ascontiguousarray(rgb[top : top + 512, :512])


def percentile(values, q):
    return float(np.percentile(np.asarray(values), q))


def time_fast_moves(box, k: int, moves: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per move, alternating k and k − 1 (every move redraws)."""
    wall, cpu = [], []
    box.slider.value = k - 1
    for i in range(moves):
        target = k if i % 2 == 0 else k - 1
        start, start_cpu = time.perf_counter(), time.process_time()
        box.slider.value = target
        wall.append(1000 * (time.perf_counter() - start))
        cpu.append(1000 * (time.process_time() - start_cpu))
        assert box._state["shown"] == target
    return wall, cpu


def time_parts(model: ImageSVD, k: int, moves: int) -> dict[str, float]:
    """Median milliseconds of the three parts of a move, measured on their own."""
    parts = {"rebuild": [], "encode": [], "readout": []}
    for i in range(moves):
        target = k if i % 2 == 0 else k - 1
        start = time.perf_counter()
        pixels = model.reconstruct(target)
        middle = time.perf_counter()
        as_pixels(pixels).tobytes()  # what PixelView.show sends
        after_encode = time.perf_counter()
        model.readout(target)
        end = time.perf_counter()
        parts["rebuild"].append(1000 * (middle - start))
        parts["encode"].append(1000 * (after_encode - middle))
        parts["readout"].append(1000 * (end - after_encode))
    return {name: statistics.median(values) for name, values in parts.items()}


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


def time_naive_moves(pixels: np.ndarray, k: int, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        naive_move(pixels, k)
        times.append(1000 * (time.perf_counter() - start))
    return times


def blas_summary() -> str:
    pools = [
        f"{p.get('internal_api')} {p.get('version')} ({p.get('num_threads')} threads)"
        for p in threadpool_info()
        if p.get("user_api") == "blas"
    ]
    return "; ".join(pools) or "unknown"


def run(moves: int, naive_repeats: int) -> bool:
    pixels = crop_512()
    start = time.perf_counter()
    model = ImageSVD(pixels)
    setup_s = time.perf_counter() - start
    box = rank_slider(model, k=RANKS[0])

    print(f"rank slider benchmark: {pixels.shape[0]}×{pixels.shape[1]} RGB crop of grace_hopper")
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs, "
        f"BLAS: {blas_summary()}"
    )
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"one-off ImageSVD set-up (SVD of 3 channels + stored partial sums): {setup_s:.2f} s")
    print(f"fast path: {moves} moves per k; naive path: {naive_repeats} moves per k\n")

    header = (
        f"{'k':>4} | {'rebuild':>8} {'encode':>7} {'readout':>8} | "
        f"{'fast med':>9} {'fast p90':>9} {'fast CPU':>9} | {'naive med':>10} {'naive p90':>10} | "
        f"{'speed-up':>8} | lossless"
    )
    print(header)
    print("-" * len(header))
    medians, speedups, lossless_all = [], [], True
    for k in RANKS:
        time_fast_moves(box, k, 4)  # warm-up
        fast, fast_cpu = time_fast_moves(box, k, moves)
        parts = time_parts(model, k, moves)
        naive = time_naive_moves(pixels, k, naive_repeats)
        shown = box.children[0].children[0].children[1].pixels  # the rank-k PixelView
        lossless = bool(np.array_equal(shown, model.reconstruct(box.slider.value)))
        lossless_all &= lossless
        fast_median, naive_median = statistics.median(fast), statistics.median(naive)
        speedup = naive_median / fast_median
        medians.append(fast_median)
        speedups.append(speedup)
        print(
            f"{k:>4} | {parts['rebuild']:>6.2f}ms {parts['encode']:>5.2f}ms "
            f"{parts['readout']:>6.2f}ms | {fast_median:>7.2f}ms {percentile(fast, 90):>7.2f}ms "
            f"{statistics.median(fast_cpu):>7.2f}ms | "
            f"{naive_median:>8.1f}ms {percentile(naive, 90):>8.1f}ms | {speedup:>7.0f}× | "
            f"{lossless}"
        )
    print(f"\nload average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    met_time = max(medians) <= TARGET_MS
    met_speed = min(speedups) >= TARGET_SPEEDUP
    worst = max(medians)
    print(
        f"target median ≤ {TARGET_MS:.0f} ms per move at every k: {met_time} (worst {worst:.2f})"
    )
    print(
        f"target ≥ {TARGET_SPEEDUP:.0f}× faster than the naive way at every k: {met_speed} "
        f"(smallest {min(speedups):.0f}×)"
    )
    print(f"display lossless (bytes sent == ImageSVD.reconstruct(k)): {lossless_all}")
    ok = met_time and met_speed and lossless_all
    print(f"all targets met: {ok}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40, help="fast moves per k (default 40)")
    parser.add_argument(
        "--naive-repeats", type=int, default=3, help="naive moves per k (default 3; each is slow)"
    )
    parser.add_argument(
        "--threads", type=int, default=None, help="limit BLAS threads (default: library default)"
    )
    args = parser.parse_args()
    if args.threads is None:
        ok = run(args.moves, args.naive_repeats)
    else:
        with threadpool_limits(limits=args.threads, user_api="blas"):
            ok = run(args.moves, args.naive_repeats)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
