"""Practising: mock-interview sessions, their plan and timing, and what they produce.

``plan`` chooses the questions and their time limits, ``engine`` runs a session against an
injectable ``clock``, ``autosave`` decides when a running session saves, ``recorder`` is the
one interface through which a session's progress reaches storage, and ``summary`` sums a
finished session up. No Qt here: the session screen only renders the engine's state, asks
the autosave policy, and calls their methods.
"""
