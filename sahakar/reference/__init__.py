"""Reference data as data files per country, and the command that loads them."""
