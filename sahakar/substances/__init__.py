"""The substance vocabulary: schedules, forms, units and kilogram conversion factors."""
