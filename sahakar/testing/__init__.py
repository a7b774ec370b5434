"""Test helpers shared by every app: persona users and record factories."""
