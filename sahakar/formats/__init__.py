"""The project's own additions to Django's number and date formats, per language."""
