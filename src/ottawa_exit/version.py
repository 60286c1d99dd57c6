__version__ = "0.3.0"
DATA_REVIEWED = "2026-11-28"  # the date the built-in rules were last checked against the public record
