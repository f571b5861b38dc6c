"""policebench: smart-policing maturity from planners' rubrics and city profiles."""

__version__ = "0.1.0"
