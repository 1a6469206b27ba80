"""Desktop GUI (PySide6); arrives with the UI issue."""
