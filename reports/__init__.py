"""Monthly Rekapitulasi, semester evaluation and city-wide scorecards (not built yet)."""
