"""Projections: timelines with knowledge dated to the as-of day, what-ifs and the out-of-sample backtest."""
