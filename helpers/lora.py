"""LoRA: parameter accounting on real models and a LoRA layer in numpy (notebook 10)."""

__all__: list[str] = []
