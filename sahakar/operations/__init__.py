"""Joint operations (raids, inspection sweeps, checkpoints) and their venue inspections."""
