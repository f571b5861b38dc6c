"""The results commands hand to renderers: a place's report and comparisons, as plain data."""
