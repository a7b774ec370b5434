"""Prevention campaigns: organisers, partners, places, audiences and messages."""
