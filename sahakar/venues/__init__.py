"""Places of interest (nightclubs, karaoke bars, ports, checkpoints) and their inspections."""
