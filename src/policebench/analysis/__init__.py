"""Pure analyses over models and scorecards: gaps, roadmap, compare, trend, sensitivity."""
