"""Figures about the user's practice: per-topic and per-question mastery and the rest.

``mastery`` holds the documented formula, ``figures`` computes every figure from the attempt
log in one pass; neither touches Qt or SQLAlchemy (the store hands them plain rows).
"""
