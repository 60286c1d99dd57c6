__version__ = "0.1.0"
DATA_REVIEWED = "2026-11-27"  # the date the built-in rules were last checked against the public record
