"""Validation: documents to checked models, every problem a planner can act on, all at once.

``build`` turns model errors into planner messages (the message table); ``rubric_checks``
and ``build.check_profile`` check what a model alone cannot refuse; ``forms`` reads values
typed another way. Imports nothing from analysis, report, render or the command line.
"""
