"""International returns: UNODC Individual Drug Seizures rows, the ARQ annual supply summary
and the ASEAN Drug Monitoring Report half-year summary, as CSV and XLSX.

Our vocabularies are mapped to theirs by the files in `data/` (mappings.py reads them).
"""
