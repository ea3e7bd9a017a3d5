"""The 2×2 matrix explorer of notebook 01: a matrix acting on the plane."""

__all__: list[str] = []
