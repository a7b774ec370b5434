"""Synthetic demo data and demo users, at several sizes: `manage.py demo --size small`.

- sizes.py: how many records each size holds (tiny for tests, small, national, large).
- generate.py: builds the records (builders.py) and bulk-inserts them year by year in one
  transaction; reference numbers (references.py) and kg equivalents are set as save() would.
- arrests.py, cases.py, campaigns.py: arrests of a share of the persons with their custody
  clocks (deadlines as arrests.services computes them) and outcomes, a few custodies open
  now (due soon, overdue); case files at every stage from the referred arrests; prevention
  campaigns in every province with their audiences.
- places.py, people.py, drugs.py, seasons.py: what makes the data look real: provinces,
  border posts and ports, Khmer and foreign names, substances and quantities by setting,
  festivals. Every person is a random combination of common names, never a real person.
- users.py: one sign-in per role, all with the password `DEMO_PASSWORD`.
- reset.py: demo records are those created by the inactive `demo.generator` account; that
  is how `--reset` and the "already loaded" check find them.

Bulk-inserted demo records get no per-record audit entries; the load itself is one entry.
"""
