"""Search across records: the header's search box and its results page, grouped by record type."""
