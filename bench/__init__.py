"""The benchmark suite: ``python -m bench`` runs every benchmark (see ``__main__``)."""
