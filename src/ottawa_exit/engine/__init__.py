"""The engine: exit clauses as a pure date rule (no I/O, no CLI words)."""
