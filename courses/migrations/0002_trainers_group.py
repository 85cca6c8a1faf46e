"""The Trainers group, allowed to see facilitator material."""

from django.db import migrations

TRAINERS = "Trainers"


def facilitator_permission(apps):
    # On a fresh database, migrations run before post_migrate creates model permissions.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="courses", model="coursepage"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_facilitator_material",
        defaults={"name": "Can view facilitator material"},
    )
    return permission


def add_trainers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    trainers, _created = Group.objects.get_or_create(name=TRAINERS)
    trainers.permissions.add(facilitator_permission(apps))


def remove_trainers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRAINERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_trainers, remove_trainers)]
