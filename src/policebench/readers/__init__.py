"""Readers: a planner's files turned into documents with positions (YAML, questionnaire CSV)."""
