"""The SVD built from the eigendecomposition of AᵀA (notebooks 03, 04)."""

__all__: list[str] = []
