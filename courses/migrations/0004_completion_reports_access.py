"""Who sees the course completion reports: Editors, and a new Training managers group.

Training managers use the admin for the reports only; they may also open any learner's
certificate, to answer a query about it. Trainers keep to their own training sessions,
on the reader-side training pages, and get nothing here.
"""

from django.db import migrations

EDITORS = "Editors"
TRAINING_MANAGERS = "Training managers"
REPORTS = ("courses", "coursecompletion", "view_completion_report")
ANY_CERTIFICATE = ("courses", "coursecompletion", "view_coursecompletion")
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")
NAMES = {
    "view_completion_report": "Can see the course completion reports and exports",
    "view_coursecompletion": "Can view course completion",
    "access_admin": "Can access Wagtail admin",
}


def _permission(apps, app_label, model, codename):
    # On a fresh database, migrations run before post_migrate creates model permissions.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": NAMES[codename]}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    reports = _permission(apps, *REPORTS)
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(reports)
    managers, _created = Group.objects.get_or_create(name=TRAINING_MANAGERS)
    managers.permissions.add(
        reports, _permission(apps, *ANY_CERTIFICATE), _permission(apps, *ACCESS_ADMIN)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=TRAINING_MANAGERS).delete()
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="courses", codename="view_completion_report"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_cohorts_and_recorded_completions"),
        ("portal", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
