"""Randomized SVD after Halko, Martinsson and Tropp (2011) (notebook 08)."""

__all__: list[str] = []
