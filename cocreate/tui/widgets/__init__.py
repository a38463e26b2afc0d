"""Reusable widgets of the terminal app."""

__all__: list[str] = []
