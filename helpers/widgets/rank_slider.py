"""The rank slider of notebook 05: a rank-k image beside the original, with live readouts."""

__all__: list[str] = []
