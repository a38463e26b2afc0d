"""The app's screens: the workshop screen with its phase panes, and the forms, help and
questions that open over it."""

__all__: list[str] = []
