"""The LoRA calculator of notebook 10: trainable parameters, adapter size and memory."""

__all__: list[str] = []
