# The task queue's app is loaded with Django, so every `.delay()` and `send_task` uses it.
from portal.celery import app as celery_app

__all__ = ["celery_app"]
