"""The Gram–Schmidt / Householder stepper of notebook 06."""

__all__: list[str] = []
