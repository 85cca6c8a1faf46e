from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("alerts/", views.subscribe, name="subscribe"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
