"""The eight phase panes of the workshop screen, each module with its own .tcss."""
