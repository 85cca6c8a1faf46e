"""Certificates with a validity period, an expiry reminder and withdrawal; Editors and
Training managers may withdraw a certificate in the admin (courses.certificate_admin)."""

from django.db import migrations, models

WITHDRAW = ("courses", "coursecompletion", "change_coursecompletion")
GROUPS = ["Editors", "Training managers"]


def grant(apps, schema_editor):
    # On a fresh database, migrations run before post_migrate creates model permissions.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    app_label, model, codename = WITHDRAW
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": "Can change course completion"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_label, model, codename = WITHDRAW
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name__in=GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0007_completion_guidance_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="coursecompletion",
            name="expiry_reminded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry reminder sent"),
        ),
        migrations.AddField(
            model_name="coursecompletion",
            name="valid_until",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="certificate valid until"
            ),
        ),
        migrations.AddField(
            model_name="coursecompletion",
            name="withdrawal_reason",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="reason for withdrawal"
            ),
        ),
        migrations.AddField(
            model_name="coursecompletion",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="certificate withdrawn"),
        ),
        migrations.AddField(
            model_name="coursepage",
            name="certificate_validity_months",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Leave empty for certificates that do not expire.",
                null=True,
                verbose_name="certificate valid for (months)",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
