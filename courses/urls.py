"""Learner accounts, "My learning", certificates and the trainers' pages, under each
language prefix.

Enrolling and recording progress are routes of the course and lesson pages themselves
(`courses.models.pages`), so they follow the pages' translated addresses and privacy.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from courses.views import accounts, certificates, credentials, learning, training

app_name = "courses"

account_urls = [
    path("accounts/register/", accounts.register, name="register"),
    path("accounts/register/done/", accounts.register_done, name="register_done"),
    path("accounts/verify/resend/", accounts.resend_verification, name="resend_verification"),
    path("accounts/verify/<str:token>/", accounts.verify_email, name="verify_email"),
    path("accounts/login/", accounts.LearnerLoginView.as_view(), name="login"),
    path("accounts/logout/", accounts.LearnerLogoutView.as_view(), name="logout"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/my-data.json", accounts.export_data, name="export_data"),
    path("accounts/delete/", accounts.delete, name="delete_account"),
    path("accounts/deleted/", accounts.account_deleted, name="account_deleted"),
    path(
        "accounts/password-reset/",
        accounts.LearnerPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="courses/accounts/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="courses/accounts/password_reset_confirm.html",
            success_url=reverse_lazy("courses:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="courses/accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

learning_urls = [
    path("learning/", learning.my_learning, name="my_learning"),
    path("learning/join/", learning.join, name="join"),
    path("learning/certificates/<str:code>/", certificates.certificate, name="certificate"),
    path(
        "learning/certificates/<str:code>/pdf/",
        certificates.certificate_download,
        name="certificate_pdf",
    ),
    path(
        "learning/certificates/<str:code>/credential.json",
        credentials.download,
        name="certificate_credential",
    ),
    path("certificates/verify/", certificates.verify, name="verify"),
    path("certificates/verify/file/", credentials.verify_file, name="verify_credential_file"),
    path("certificates/verify/<str:code>/", certificates.verify, name="verify_certificate"),
]

training_urls = [
    path("training/", training.index, name="training"),
    path("training/new/", training.create, name="training_session_create"),
    path("training/request/", training.trainer_request, name="trainer_request"),
    path("training/<int:pk>/", training.dashboard, name="training_session"),
    path("training/<int:pk>/edit/", training.edit, name="training_session_edit"),
    path("training/<int:pk>/participants.csv", training.export_csv, name="training_session_csv"),
    path("training/<int:pk>/record/", training.record_completion, name="training_session_record"),
]

urlpatterns = account_urls + learning_urls + training_urls

# Outside the language prefixes: addresses written into every credential, which must not
# change with the reader's language.
credential_urls = [
    path("credentials/issuer.json", credentials.issuer, name="credential_issuer"),
    path("credentials/keys/<str:kid>.json", credentials.key, name="credential_key"),
    path("api/credentials/verify", credentials.api_verify, name="credential_verify_api"),
]
