"""Who may see what in the courses. Every view asks these, on the server."""

TRAINERS = "Trainers"
FACILITATOR_PERMISSION = "courses.view_facilitator_material"
# Managers (and superusers) may open any learner's certificate, e.g. to answer a query.
VIEW_ANY_CERTIFICATE = "courses.view_coursecompletion"


def sees_facilitator_material(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(FACILITATOR_PERMISSION) or user.groups.filter(name=TRAINERS).exists()


def may_view_certificate(user, completion):
    if not user.is_authenticated or not user.is_active:
        return False
    return completion.user_id == user.pk or user.has_perm(VIEW_ANY_CERTIFICATE)
