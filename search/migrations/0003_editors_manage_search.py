"""Editors manage the synonyms and their picks; reviewers may look at them.

The analytics reports ("Can view search query") are given to no group here: an
administrator grants them in Settings > Groups.
"""

from django.db import migrations

from foundation.roles import EDITORS, REVIEWERS

ACTIONS = {EDITORS: ("add", "change", "delete", "view"), REVIEWERS: ("view",)}
MODELS = {"synonym": "synonym", "editorspick": "editors' pick"}


def _permission(apps, model, action):
    # On a fresh database, migrations run before post_migrate creates model permissions.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="search", model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {MODELS[model]}"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in ACTIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *[_permission(apps, model, action) for model in MODELS for action in actions]
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ACTIONS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="search", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_editors_picks_and_analytics"),
        ("portal", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
