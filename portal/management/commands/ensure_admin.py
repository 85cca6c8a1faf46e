import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists and print its login. The password is "
        "generated once and kept in var/admin-login (readable by this user only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default="admin", help="Login name of the account (default: admin)."
        )
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/admin/",
            help="Admin address to print beside the login.",
        )

    def handle(self, *args, username, url, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "ensure_admin is for the embedded default; use createsuperuser in production."
            )
        login_file = settings.VAR_DIR / "admin-login"
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        password = login_file.read_text().strip() if login_file.exists() else None
        if user is None or password is None or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = user_model.objects.create_superuser(username, "admin@example.org", password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            login_file.write_text(password + "\n")
            login_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(f"Admin login: {url}  user: {username}  password: {password}")
        )
