"""The demo kabupaten (`manage.py seed_demo`): directory, people and complaints, each loaded
through the apps' own code. It stands on top of every app; nothing imports it."""
