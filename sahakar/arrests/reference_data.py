"""This app's reference data, loaded by `sahakar load_reference` from the country's folder."""

from pathlib import Path

from sahakar.reference.loader import LoadReport


def load(folder: Path, report: LoadReport) -> None:
    """Insert or update this app's reference rows from `folder` (see reference/loader.py)."""
