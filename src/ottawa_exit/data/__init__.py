"""Rules data: one TOML file per state (and, in compiled/, their generated Python copies)."""
