"""Verifiable custody reports: a PDF of an exhibit's (or a case's) chain of custody, signed
with the deployment's Ed25519 key, that anyone can check online or offline.

keys.py holds the signing key; canonical.py the event list that is hashed; token.py the signed
token carried by the QR code; document.py renders and signs the PDF; verify.py checks a token or
a file against the key and the record.
"""
