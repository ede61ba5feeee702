"""The question bank: the question model, YAML bank files and markdown import.

Data flows one way: bank files are read by ``loader`` into ``model.Question`` objects, which
the rest of the app consumes; ``importer`` turns markdown documents into bank files.
"""
