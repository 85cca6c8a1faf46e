"""An admin page with one upload form, the shape every import of the portal shares.

Who may use it is checked on the server for every request (`permitted`), its breadcrumbs
lead back to the page it is reached from, and it renders foundation/upload.html: what the
last upload did (the `upload_results` block), the form's errors, what to know about the
files (the `upload_help` block), then the form.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class UploadView(WagtailAdminTemplateMixin, FormView):
    header_icon = "upload"
    url_name = ""  # the admin URL the form is sent to
    parent_url_name = ""  # the page it is reached from, if any, and its label
    parent_label = ""
    submit_button_label = _("Import")
    submit_button_active_label = _("Importing…")

    def permitted(self, user):
        """Whether `user` may use this upload (a refusal is a 403, whatever the method)."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.permitted(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        parent = (
            [{"url": reverse(self.parent_url_name), "label": self.parent_label}]
            if self.parent_url_name
            else []
        )
        return self.breadcrumbs_items + parent + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse(self.url_name),
            media=context["form"].media,  # a chooser widget's scripts, for one
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_active_label,
        )
        return context
