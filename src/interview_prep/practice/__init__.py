"""Practising: mock-interview sessions, their plan and timing, and what they produce.

``plan`` chooses the questions and their time limits, ``engine`` runs a session against an
injectable ``clock``, ``recorder`` is the one interface through which a session's progress
reaches storage, and ``summary`` sums a finished session up. No Qt here: the session screen
only renders the engine's state and calls its methods.
"""
