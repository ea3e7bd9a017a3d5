"""Eigenpairs: power iteration and the spectral decomposition by deflation (notebooks 01, 02)."""

__all__: list[str] = []
