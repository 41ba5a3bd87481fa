"""Settings of the bench's gunicorn: the production settings with the floor's URLconf."""

from config.settings import *  # noqa: F403 - the portal's settings, one URLconf changed

ROOT_URLCONF = "tests.bench.floor"
