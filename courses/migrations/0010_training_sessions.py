"""Cohorts are called training sessions everywhere users look; the code says so too.

Renames the two models and their `cohort` fields; the tables and rows stay as they are.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_recertification"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="cohort", name="cohort_ends_after_it_starts"),
        migrations.RemoveConstraint(
            model_name="cohortinvitation", name="one_invitation_per_address"
        ),
        migrations.RenameModel("Cohort", "TrainingSession"),
        migrations.RenameModel("CohortInvitation", "TrainingSessionInvitation"),
        migrations.RenameField("enrolment", "cohort", "training_session"),
        migrations.RenameField("trainingsessioninvitation", "cohort", "training_session"),
        migrations.AlterField(
            model_name="trainingsession",
            name="course",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="training_sessions",
                to="courses.coursepage",
                verbose_name="course",
            ),
        ),
        migrations.AlterField(
            model_name="trainingsession",
            name="trainer",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="training_sessions_led",
                to=settings.AUTH_USER_MODEL,
                verbose_name="trainer",
            ),
        ),
        migrations.AddConstraint(
            model_name="trainingsession",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="training_session_ends_after_it_starts",
            ),
        ),
        migrations.AddConstraint(
            model_name="trainingsessioninvitation",
            constraint=models.UniqueConstraint(
                fields=("training_session", "email"), name="one_invitation_per_address"
            ),
        ),
    ]
