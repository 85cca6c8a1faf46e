"""The task queue: Celery, with Redis as its broker (REDIS_URL, database 1).

Run a worker with `make worker` or, in production,
`celery -A portal worker --beat --loglevel=INFO` (one process with --beat; more
without it). Each app keeps its tasks in its own `tasks.py`. Without a broker, tasks
run at once in the process that queues them (CELERY_TASK_ALWAYS_EAGER).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
