"""Admin integration of the courses: the completion report in the Reports menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from courses import reports


@hooks.register("register_admin_urls")
def register_course_report_urls():
    return [
        path(
            "course-reports/",
            include((reports.urlpatterns, "courses_reports"), namespace="courses_reports"),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_completion_report_menu_item():
    return reports.CompletionReportMenuItem(
        _("Course completions"),
        reverse("courses_reports:completions"),
        name="course-completions",
        icon_name="tick-inverse",
        order=1500,
    )
