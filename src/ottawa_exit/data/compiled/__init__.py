"""Generated copies of the built-in rules files."""
