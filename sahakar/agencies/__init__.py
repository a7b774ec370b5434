"""The stakeholders that cooperate: police, Anti-Drug Department, customs, ministries, courts."""
