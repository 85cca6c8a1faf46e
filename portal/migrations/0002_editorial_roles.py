"""Editorial groups, their permissions and the "Review then publish" workflow.

Runs the same steps as foundation.roles.ensure_editorial_setup, on historical models.
On a fresh database there is no home page yet, so the page permissions and the workflow
assignment are made later by load_home; on an existing site they are made here.
"""

from django.db import migrations

from foundation.roles import apply_editorial_setup, remove_editorial_setup


def forwards(apps, schema_editor):
    HomePage = apps.get_model("portal", "HomePage")
    home_page_id = HomePage.objects.values_list("pk", flat=True).first()
    apply_editorial_setup(apps, home_page_id)


def backwards(apps, schema_editor):
    remove_editorial_setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("guidance", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
