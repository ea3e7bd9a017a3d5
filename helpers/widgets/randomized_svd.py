"""The randomized SVD explorer of notebook 08: choose k, p, q and the spectrum.

A model plus a thin view, as every course widget:

- :class:`RandomizedSVDModel` (the model the tests and the browser test read)
  holds two ``60 × 40`` matrices ``A = UΣVᵀ`` with the same seeded singular
  vectors and a **fast** (``σⱼ = 0.7^(j−1)``) or **slow** (``σⱼ = 1/√j``)
  spectrum, and a few seeded Gaussian test matrices. For a target rank ``k``,
  oversampling ``p`` and ``q`` power iterations it runs the range finder on each
  draw (re-orthonormalized after every product, Halko et al.'s Algorithm 4.4,
  or plain powers ``(AAᵀ)^q AΩ`` with one QR at the end) and reports the mean
  spectral error ``‖(I − QQᵀ)A‖₂`` against ``σₖ₊₁`` and against the bound of
  Halko et al.'s Corollary 10.10, the bound notebook 08 states (Theorem 10.6 at
  ``q = 0``);
- :class:`RandomizedSVDWidget` is the view, an anywidget whose ES module
  (``randomized_svd.js`` beside this file) receives the matrices and the test
  matrices once and runs the same arithmetic in the browser, so it also works
  with no kernel (static site, decks);
- :func:`randomized_svd_widget` makes the widget.

Where the computation is well conditioned (re-orthonormalized, or plain powers
before ``(σⱼ/σ₁)^(2q+1)`` reaches ε for ``j ≤ k + p``) the view's numbers equal
the model's to round-off. Past that point plain powers lose directions below
rounding error: both show a large error, but its digits are rounding noise and
differ between numpy and JavaScript.

DOM contract (what ``tests/browser/widget_checks_rsvd.py`` relies on)
--------------------------------------------------------------------
- ``.course-rsvd``: the root; ``data-paints`` counts redraws, ``data-update-ms``
  the last redraw's duration (the arithmetic included).
- ``select.course-rsvd-spectrum`` (options ``fast``, ``slow``).
- ``input.course-rsvd-k``, ``input.course-rsvd-p``, ``input.course-rsvd-q``
  (range sliders: k from 1 to 20, p from 0 to 15, q from 0 to 6) and
  ``input.course-rsvd-k-text``, ``-p-text``, ``-q-text`` (typed values;
  ``aria-invalid="true"`` on a bad entry, which leaves the last valid setting).
- ``button.course-rsvd-mode`` (``aria-pressed`` true when re-orthonormalizing;
  its text says which).
- ``.course-rsvd-readout``: spans ``[data-field=spectrum|k|p|q|reorthonormalize|
  ell|sigma_k1|mean_error|min_error|max_error|ratio|bound|bound_ratio|j_lost]``
  whose ``data-value`` is the full number (``bound``, ``bound_ratio``: ``null``
  when the bound does not apply; ``j_lost``: ``null`` when no direction up to
  ℓ is lost), equal to :meth:`RandomizedSVDModel.readout`'s to round-off.
- ``.course-rsvd-status`` (``role="status"``): ``data-kind`` ``ok``, ``info``,
  ``warning`` or ``error``; text :meth:`RandomizedSVDModel.message` unless a
  typed value is bad.
- ``svg.course-rsvd-plot``: the spectrum (``circle.course-rsvd-sigma``, one per
  σⱼ), ``line.course-rsvd-error`` at the mean error, ``line.course-rsvd-bound``
  at the bound (absent when it does not apply), on a log scale.
"""

from __future__ import annotations

import anywidget
import numpy as np
import traitlets

from ..validation import as_flag, as_rank
from .common import StaticState, widget_esm

__all__ = ["RSVD_LIMITS", "RSVD_SPECTRA", "RandomizedSVDModel", "RandomizedSVDWidget",
           "randomized_svd_widget"]  # fmt: skip

#: The spectra the reader picks from: name → description.
RSVD_SPECTRA = {"fast": "σⱼ = 0.7^(j−1)", "slow": "σⱼ = 1/√j"}
#: The ranges of the controls: name → (lowest, highest).
RSVD_LIMITS = {"k": (1, 20), "p": (0, 15), "q": (0, 6)}

_M, _N, _DRAWS, _SEED = 60, 40, 5, 8
_ELL_MAX = RSVD_LIMITS["k"][1] + RSVD_LIMITS["p"][1]


def _spectrum(name: str) -> np.ndarray:
    j = np.arange(1, _N + 1, dtype=float)
    return 0.7 ** (j - 1) if name == "fast" else 1.0 / np.sqrt(j)


def _as_spectrum(name) -> str:
    if not isinstance(name, str):
        raise TypeError(f"spectrum must be a str, one of {list(RSVD_SPECTRA)}, got {name!r}")
    if name not in RSVD_SPECTRA:
        raise ValueError(f"spectrum must be one of {list(RSVD_SPECTRA)}, got {name!r}")
    return name


def _orth(Y: np.ndarray) -> np.ndarray:
    """Orthonormal columns spanning Y's (Householder QR; the view: two-pass MGS, same span)."""
    return np.linalg.qr(Y)[0]


def corollary_10_10(sigma, k: int, p: int, q: int):
    """The bound on E‖(I − P_Z)A‖₂ of Halko et al. (2011), Corollary 10.10 (None if k, p < 2)."""
    if k < 2 or p < 2:
        return None
    e = 2 * q + 1
    lead = (1 + np.sqrt(k / (p - 1))) * sigma[k] ** e
    tail = np.e * np.sqrt(k + p) / p * np.sqrt(np.sum(sigma[k:] ** (2 * e)))
    return float((lead + tail) ** (1 / e))


class RandomizedSVDModel:
    """Two seeded 60 × 40 test matrices and five Gaussian draws for the range finder.

    Examples
    --------
    >>> model = RandomizedSVDModel()
    >>> r = model.readout("fast", 10, 5, 1, True)
    >>> r["ell"], r["mean_error"] < r["bound"]
    (15, True)
    """

    def __init__(self):
        rng = np.random.default_rng(_SEED)
        U = np.linalg.qr(rng.standard_normal((_M, _N)))[0]
        V = np.linalg.qr(rng.standard_normal((_N, _N)))[0]
        self._sigma = {name: _spectrum(name) for name in RSVD_SPECTRA}
        self._A = {name: (U * s) @ V.T for name, s in self._sigma.items()}
        self._omegas = rng.standard_normal((_DRAWS, _N, _ELL_MAX))
        for arr in (*self._A.values(), *self._sigma.values(), self._omegas):
            arr.setflags(write=False)

    def matrix(self, spectrum: str) -> np.ndarray:
        """A new copy of the 60 × 40 matrix with that spectrum."""
        return self._A[_as_spectrum(spectrum)].copy()

    def sigma(self, spectrum: str) -> np.ndarray:
        """A new copy of its singular values."""
        return self._sigma[_as_spectrum(spectrum)].copy()

    @property
    def omegas(self) -> np.ndarray:
        """A copy of the test matrices, shape (5, 40, 35); a draw uses its first k + p columns."""
        return self._omegas.copy()

    def _settings(self, spectrum, k, p, q, reorthonormalize):
        return (
            _as_spectrum(spectrum),
            as_rank(k, "k", low=RSVD_LIMITS["k"][0], high=RSVD_LIMITS["k"][1]),
            as_rank(p, "p", low=RSVD_LIMITS["p"][0], high=RSVD_LIMITS["p"][1]),
            as_rank(q, "q", low=RSVD_LIMITS["q"][0], high=RSVD_LIMITS["q"][1]),
            as_flag(reorthonormalize, "reorthonormalize"),
        )

    def errors(self, spectrum, k, p, q, reorthonormalize=True) -> np.ndarray:
        """``‖(I − QQᵀ)A‖₂`` for each draw."""
        spectrum, k, p, q, reo = self._settings(spectrum, k, p, q, reorthonormalize)
        A, out = self._A[spectrum], []
        for Omega in self._omegas:
            Y = A @ Omega[:, : k + p]
            if reo:
                Q = _orth(Y)
                for _ in range(q):
                    Q = _orth(A @ _orth(A.T @ Q))
            else:
                for _ in range(q):
                    Y = A @ (A.T @ Y)
                Q = _orth(Y)
            R = A - Q @ (Q.T @ A)
            out.append(float(np.sqrt(max(np.linalg.eigvalsh(R.T @ R)[-1], 0.0))))
        return np.array(out)

    def readout(self, spectrum, k, p, q, reorthonormalize=True) -> dict:
        """What the widget shows for these settings (see the DOM contract)."""
        spectrum, k, p, q, reo = self._settings(spectrum, k, p, q, reorthonormalize)
        err = self.errors(spectrum, k, p, q, reo)
        s = self._sigma[spectrum]
        bound = corollary_10_10(s, k, p, q)
        ratio = (s / s[0]) ** (2 * q + 1)
        lost = np.flatnonzero(ratio[: k + p] < np.finfo(float).eps)
        mean = float(err.mean())
        return {
            "spectrum": spectrum,
            "k": k,
            "p": p,
            "q": q,
            "reorthonormalize": reo,
            "ell": k + p,
            "sigma_k1": float(s[k]),
            "mean_error": mean,
            "min_error": float(err.min()),
            "max_error": float(err.max()),
            "ratio": mean / float(s[k]),
            "bound": bound,
            "bound_ratio": None if bound is None else bound / float(s[k]),
            "j_lost": None if reo or lost.size == 0 else int(lost[0]) + 1,
        }

    def message(self, spectrum, k, p, q, reorthonormalize=True) -> tuple[str, str]:
        """The status line and its level."""
        r = self.readout(spectrum, k, p, q, reorthonormalize)
        if r["j_lost"] is not None:
            return (
                f"Plain powers: (σⱼ/σ₁)^(2q+1) < ε from j = {r['j_lost']} on, so those "
                "directions drop below rounding error before the final QR, and the error "
                "is rounding noise. Re-orthonormalize",
                "warning",
            )
        if r["bound"] is None:
            return (
                "The bound of Corollary 10.10 needs k ≥ 2 and p ≥ 2 (at p = 1 its factor "
                "is infinite); the measured error is still shown",
                "info",
            )
        return (
            f"Mean error {r['ratio']:.3g} σₖ₊₁ over 5 draws, below the bound "
            f"{r['bound_ratio']:.3g} σₖ₊₁ (ℓ = {r['ell']} columns can beat the best "
            "rank-k error σₖ₊₁)",
            "ok",
        )


_MODEL = None


def _model() -> RandomizedSVDModel:
    global _MODEL
    if _MODEL is None:
        _MODEL = RandomizedSVDModel()
    return _MODEL


class RandomizedSVDWidget(StaticState, anywidget.AnyWidget):
    """The view (``randomized_svd.js``): matrices, test matrices (sent once), settings."""

    static_kind = "randomized_svd"
    _esm = widget_esm("randomized_svd")
    matrices = traitlets.Dict().tag(sync=True)
    sigmas = traitlets.Dict().tag(sync=True)
    omegas = traitlets.List().tag(sync=True)
    spectrum = traitlets.Unicode("slow").tag(sync=True)
    k = traitlets.Int(10).tag(sync=True)
    p = traitlets.Int(5).tag(sync=True)
    q = traitlets.Int(0).tag(sync=True)
    reorthonormalize = traitlets.Bool(True).tag(sync=True)

    @traitlets.validate("spectrum")
    def _valid_spectrum(self, proposal):
        return _as_spectrum(proposal["value"])

    @traitlets.validate("k", "p", "q")
    def _valid_count(self, proposal):
        name = proposal["trait"].name
        low, high = RSVD_LIMITS[name]
        return as_rank(proposal["value"], name, low=low, high=high)

    def readout(self) -> dict:
        """What the view shows (see :meth:`RandomizedSVDModel.readout`)."""
        return _model().readout(self.spectrum, self.k, self.p, self.q, self.reorthonormalize)

    def static_state(self) -> dict:
        keys = ("matrices", "sigmas", "omegas", "spectrum", "k", "p", "q", "reorthonormalize")
        return {key: getattr(self, key) for key in keys}


def randomized_svd_widget(spectrum="slow", k=10, p=5, q=0, reorthonormalize=True):
    """Choose k, p, q and the spectrum; see the range finder's error against σₖ₊₁ and the bound.

    Parameters
    ----------
    spectrum : {"fast", "slow"}, optional
    k, p, q : int, optional
        Target rank (1–20), oversampling (0–15), power iterations (0–6).
    reorthonormalize : bool, optional
        QR after every product (True) or plain powers with one QR at the end.

    Returns
    -------
    RandomizedSVDWidget
        Nothing is printed when it is created.

    Examples
    --------
    >>> w = randomized_svd_widget(k=4, p=2)
    >>> w.readout()["ell"]
    6
    """
    model = _model()
    settings = model._settings(spectrum, k, p, q, reorthonormalize)
    names = list(RSVD_SPECTRA)
    return RandomizedSVDWidget(
        matrices={name: model.matrix(name).tolist() for name in names},
        sigmas={name: model.sigma(name).tolist() for name in names},
        omegas=model.omegas.tolist(),
        spectrum=settings[0],
        k=settings[1],
        p=settings[2],
        q=settings[3],
        reorthonormalize=settings[4],
    )
