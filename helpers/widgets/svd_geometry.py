"""The SVD geometry stepper of notebook 03: Vᵀ, then Σ, then U acting on the unit circle."""

__all__: list[str] = []
