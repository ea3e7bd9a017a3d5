"""The course's map: every notebook, its title and what it builds on.

Notebook 00 draws the map from this table, and the tests check that every
file named here exists and every link between notebooks resolves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["NOTEBOOKS", "NOTEBOOK_DIR", "Notebook", "draw_map", "notebook"]

#: The repository's ``notebooks/`` folder, found relative to this package.
NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


@dataclass(frozen=True)
class Notebook:
    """One notebook of the course.

    Attributes
    ----------
    number : int
        Position in the reading order, 0 or more.
    file : str
        File name inside ``notebooks/``: ``NN_topic.ipynb`` with ``NN`` the number.
    title : str
        Short title.
    title_zh : str
        The title in Chinese.
    requires : tuple of int
        Numbers of the notebooks to read first, each smaller than ``number``.
        Each is linked in the first sentence of the notebook's *Prerequisites*
        paragraph, and together with their own prerequisites they are the
        notebooks that sentence links to (``tests/test_course.py`` checks it).
    minutes : int or None
        A suggested lecture length in minutes (an estimate, not a measurement).
    reading : str
        The anchor reading: textbook lectures or sections, or the paper.

    Raises
    ------
    TypeError, ValueError
        If a field has the wrong type or value; the message names the field.
    """

    number: int
    file: str
    title: str
    title_zh: str
    requires: tuple[int, ...] = ()
    minutes: int | None = None
    reading: str = ""

    def __post_init__(self) -> None:
        _check_index(self.number, "number")
        for name in ("file", "title", "title_zh", "reading"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a str, got {type(getattr(self, name)).__name__}")
        if not (self.file.startswith(f"{self.number:02d}_") and self.file.endswith(".ipynb")):
            raise ValueError(
                f"file must be '{self.number:02d}_<topic>.ipynb' for notebook {self.number}, "
                f"got {self.file!r}"
            )
        if "/" in self.file or "\\" in self.file:
            raise ValueError(f"file must be a bare file name, got {self.file!r}")
        if not isinstance(self.requires, tuple):
            raise TypeError(
                f"requires must be a tuple of ints, got {type(self.requires).__name__}"
            )
        for req in self.requires:
            _check_index(req, "requires")
            if req >= self.number:
                raise ValueError(
                    f"requires must name earlier notebooks than {self.number}, got {req}"
                )
        if len(set(self.requires)) != len(self.requires):
            raise ValueError(f"requires must not repeat a notebook, got {self.requires}")
        if self.minutes is not None:
            _check_index(self.minutes, "minutes")
            if self.minutes == 0:
                raise ValueError("minutes must be positive, got 0")

    @property
    def path(self) -> Path:
        """Absolute path of the notebook file."""
        return NOTEBOOK_DIR / self.file


def _check_index(value, name: str) -> None:
    """Refuse anything but a non-negative int (not a bool, not a float equal to an int)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {value}")


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook(
        0,
        "00_start_here.ipynb",
        "Start here",
        "从这里开始",
        (),
        15,
        "T&B Lecture 13 (floating point)",
    ),
    Notebook(
        1,
        "01_eigendecomposition.ipynb",
        "Eigendecomposition",
        "特征值分解",
        (0,),
        60,
        "Strang §6.1–6.2; T&B Lectures 24–25, 27",
    ),
    Notebook(
        2,
        "02_spectral_theorem.ipynb",
        "The spectral theorem",
        "谱定理",
        (1,),
        75,
        "Strang §6.4–6.5; T&B Lectures 24–25; Golub & Van Loan §7.2, §8.1",
    ),
    Notebook(
        3,
        "03_svd.ipynb",
        "The SVD",
        "奇异值分解",
        (2,),
        90,
        "T&B Lectures 4–5, 31; Strang §7.1–7.2",
    ),
    Notebook(
        4,
        "04_worked_svd_3x2.ipynb",
        "A 3×2 SVD by hand",
        "手算 3×2 SVD",
        (3,),
        45,
        "T&B Lecture 4; Strang §7.2",
    ),
    Notebook(
        5,
        "05_low_rank_approximation.ipynb",
        "Low-rank approximation",
        "低秩近似",
        (3, 4),
        75,
        "T&B Lecture 5; Strang §7.1",
    ),
    Notebook(
        6,
        "06_qr_gram_schmidt.ipynb",
        "QR and Gram–Schmidt",
        "QR 分解与格拉姆-施密特",
        (0,),
        90,
        "T&B Lectures 7–8, 10–11; Strang §4.4",
    ),
    Notebook(
        7,
        "07_lu_cholesky.ipynb",
        "LU and Cholesky",
        "LU 分解与 Cholesky 分解",
        (6,),
        75,
        "T&B Lectures 20–21, 23; Strang §2.6",
    ),
    Notebook(
        8,
        "08_randomized_svd.ipynb",
        "Randomized SVD",
        "随机化 SVD",
        (5, 6),
        50,
        "Halko, Martinsson & Tropp (2011)",
    ),
    Notebook(
        9,
        "09_pca.ipynb",
        "PCA",
        "主成分分析",
        (5,),
        60,
        "Strang §7.3",
    ),
    Notebook(
        10,
        "10_lora.ipynb",
        "LoRA",
        "低秩适配 LoRA",
        (5,),
        90,
        "Hu et al. (2021)",
    ),
    Notebook(
        11,
        "11_low_rank_beyond_svd.ipynb",
        "Low rank beyond the SVD",
        "SVD 之外的低秩方法",
        (5, 9, 10),
        90,
        "Candès & Recht (2009); Lee & Seung (1999)",
    ),
)


def notebook(number: int) -> Notebook:
    """Return the notebook with the given number.

    Parameters
    ----------
    number : int
        0 to 11.

    Returns
    -------
    Notebook

    Raises
    ------
    TypeError
        If ``number`` is not an int.
    ValueError
        If there is no notebook with that number.
    """
    if isinstance(number, bool) or not isinstance(number, (int, np.integer)):
        raise TypeError(f"number must be an int, got {type(number).__name__}")
    for nb in NOTEBOOKS:
        if nb.number == number:
            return nb
    raise ValueError(f"number must be one of {[nb.number for nb in NOTEBOOKS]}, got {number!r}")


#: Where each notebook sits on the map: (column, row).
_MAP_POSITIONS = {
    0: (0.0, 1.5),
    1: (1.2, 2.6),
    2: (2.4, 2.6),
    3: (3.5, 2.6),
    4: (4.7, 3.6),
    5: (4.7, 1.6),
    6: (1.2, 0.4),
    7: (2.4, -0.5),
    8: (6.0, 0.4),
    9: (6.0, 1.6),
    10: (6.0, 3.6),
    11: (7.1, 2.6),
}


def draw_map(ax=None):
    """Draw the notebooks as boxes with an arrow from each prerequisite.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The axes with the map.

    Raises
    ------
    TypeError
        If ``ax`` is neither None nor a matplotlib Axes.

    Notes
    -----
    The boxes carry English titles only: matplotlib's default font has no
    Chinese glyphs, and the course installs no extra fonts. The Chinese
    titles are in :data:`NOTEBOOKS` and in notebook 00's table.
    """
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    from .plotting import COLORS

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    if ax is None:
        _, ax = plt.subplots(figsize=(13, 4.6))
    groups = {
        "eigenvalues": ((1, 2), COLORS["sky"]),
        "SVD and low rank": ((3, 4, 5, 8, 9, 10, 11), COLORS["orange"]),
        "triangular factorizations": ((6, 7), COLORS["green"]),
        "start": ((0,), COLORS["purple"]),
    }
    colour_of = {n: colour for members, colour in groups.values() for n in members}
    boxes = {}
    for nb in NOTEBOOKS:
        x, y = _MAP_POSITIONS[nb.number]
        boxes[nb.number] = ax.text(
            x,
            y,
            f"{nb.number:02d}\n{nb.title}",
            ha="center",
            va="center",
            fontsize=10,
            zorder=3,
            bbox={
                "boxstyle": "round,pad=0.4",
                "facecolor": colour_of[nb.number],
                "alpha": 0.45,
                "edgecolor": COLORS["black"],  # the theme's text colour (light on dark)
            },
        )
    for nb in NOTEBOOKS:
        for req in nb.requires:
            ax.annotate(
                "",
                xy=(0.5, 0.5),
                xycoords=boxes[nb.number],
                xytext=(0.5, 0.5),
                textcoords=boxes[req],
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": COLORS["grey"],
                    "lw": 1.3,
                    "shrinkA": 2,
                    "shrinkB": 2,
                    "patchA": boxes[req].get_bbox_patch(),
                    "patchB": boxes[nb.number].get_bbox_patch(),
                    "connectionstyle": "arc3,rad=0.0",
                },
                zorder=2,
            )
    for label, (_, colour) in groups.items():
        ax.scatter([], [], s=120, marker="s", color=colour, alpha=0.5, label=label)
    # 10 pt stays above 9 px on screen when JupyterLab scales the 13-in map down
    ax.legend(loc="lower left", frameon=False, fontsize=10)
    ax.set_xlim(-0.6, 8.0)
    ax.set_ylim(-1.0, 4.2)
    ax.set_axis_off()
    ax.set_title("The course map: read along the arrows")
    return ax
