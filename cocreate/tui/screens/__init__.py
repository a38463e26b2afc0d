"""One screen class per workshop phase, plus the help screen and the forms."""

__all__: list[str] = []
