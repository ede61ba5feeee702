"""The Qt user interface, a thin layer over the core.

This package (with ``interview_prep.app``, the entry point) is the only place that imports
PySide6. Views read from the core (catalog, store) and call it for changes; the core never
calls back into views.
"""
