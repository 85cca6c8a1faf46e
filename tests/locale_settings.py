"""Settings for the locale test: makemessages writes into a scratch copy of locale/."""

import os

from portal.settings import *  # noqa: F403

LOCALE_PATHS = [os.environ["PORTAL_SCRATCH_LOCALE"]]
