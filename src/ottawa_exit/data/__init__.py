"""Rules data: one TOML file per state."""
