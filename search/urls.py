from django.urls import path

from search import analytics, views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
    path("search/click/", analytics.click, name="click"),
]
