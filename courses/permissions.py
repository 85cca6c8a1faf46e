"""Who may see what in the courses. Every view asks these, on the server."""

TRAINERS = "Trainers"
TRAINING_MANAGERS = "Training managers"
FACILITATOR_PERMISSION = "courses.view_facilitator_material"
# Managers (and superusers) may open any learner's certificate, e.g. to answer a query.
VIEW_ANY_CERTIFICATE = "courses.view_coursecompletion"
# The admin's completion reports and their exports (CSV, Excel, xAPI): Editors and
# Training managers (courses/migrations/0004).
COMPLETION_REPORTS = "courses.view_completion_report"


def _active(user):
    return user.is_authenticated and user.is_active


def sees_facilitator_material(user):
    if not _active(user):
        return False
    return user.has_perm(FACILITATOR_PERMISSION) or user.groups.filter(name=TRAINERS).exists()


def may_view_certificate(user, completion):
    if not _active(user):
        return False
    return completion.user_id == user.pk or user.has_perm(VIEW_ANY_CERTIFICATE)


def is_trainer(user):
    """Trainers run training sessions. What they may see of one is decided by
    `courses.training_sessions.training_sessions_of`: only the sessions they lead."""
    return _active(user) and user.groups.filter(name=TRAINERS).exists()


def sees_completion_reports(user):
    return _active(user) and user.has_perm(COMPLETION_REPORTS)
