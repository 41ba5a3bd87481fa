"""Monthly Rekapitulasi, semester evaluation and city-wide scorecards (not built yet), and
the demo seed (`manage.py seed_demo`), which sits here because reports may read every app."""
