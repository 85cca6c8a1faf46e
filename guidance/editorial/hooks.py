"""Admin hooks of the editorial tools: the two library reports in the Reports menu."""

from guidance.editorial import reports
from portal.reports import register_reports

register_reports(
    "library-reports/",
    "guidance_editorial",
    reports.urlpatterns,
    [reports.DueForReviewView, reports.TranslationStatusView],
    shown_to=reports.can_see_library_reports,
)
