"""Shared pieces of the admin reports (guidance, search and courses)."""

from django.urls import path


def report_urls(route, view_class, name):
    """The two URLs every Wagtail ReportView needs: the page and its filtered results."""
    return [
        path(route, view_class.as_view(), name=name),
        path(f"{route}results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]
