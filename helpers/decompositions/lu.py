"""LU with partial pivoting, triangular solves and Cholesky (notebook 07)."""

__all__: list[str] = []
