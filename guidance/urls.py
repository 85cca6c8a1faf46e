"""Reader-facing routes of the guidance library, served under each language prefix."""

from django.urls import path

from guidance import feeds
from guidance.offline import views as offline

app_name = "guidance"

urlpatterns = [
    path("feeds/guidance.rss", feeds.LatestGuidanceFeed(), name="feed_rss"),
    path("feeds/guidance.atom", feeds.LatestGuidanceAtomFeed(), name="feed_atom"),
    path("offline/<slug:key>.zip", offline.download_pack, name="offline_pack"),
]
