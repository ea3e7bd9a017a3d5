"""QR factorizations: Gram–Schmidt in three variants and Householder (notebook 06)."""

__all__: list[str] = []
