"""Khmer formats: Django's `km` gives the separators ("." for thousands, "," for decimals,
as CLDR has them) but no grouping, so 2927.43 came out as "2927,43". Numbers are grouped by
three on every page, as in English ("2.927,43")."""

NUMBER_GROUPING = 3
