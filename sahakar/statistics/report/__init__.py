"""The monthly national report: the month's key figures compared with the month before and the
same month a year earlier, the provincial and custody-compliance tables and their charts, as a
PDF in Khmer or English.

- months.py: which months may be reported (not a future one; the current one is provisional).
- changes.py: a figure against a base (absolute and percent change, "n/a" on a zero base).
- build.py: gathers the figures through statistics.figures, as a user (or EVERYTHING) sees them.
- charts.py: bar charts as data (labels, values, bar lengths) drawn by the PDF template.
- document.py: the PDF, rendered in the requested language.
"""
