"""Views of the courses: learner accounts, learning actions and certificates."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse_lazy

# The sign-in page under the reader's language prefix (settings.LOGIN_URL has none).
learner_login_required = login_required(login_url=reverse_lazy("courses:login"))
