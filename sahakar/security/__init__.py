"""Sign-in hardening: passwords, lockout, session lifetimes, TOTP MFA, API tokens, headers.

This app owns how a person (or a program) proves who they are and how long that proof lasts;
what they may then see is decided by core.permissions.
"""
