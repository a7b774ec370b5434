"""Case files: defendants and seizures from investigation through prosecutor and court."""
