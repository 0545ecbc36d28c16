"""How a host site mounts the plugin's API: both versions, nothing from coopsite."""

from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter

from core.api.v3 import api as api_v3
from core.api.viewsets import DocumentsAPIViewSet, ImagesAPIViewSet, PagesAPIViewSet

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", PagesAPIViewSet)
api_v2.register_endpoint("images", ImagesAPIViewSet)
api_v2.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    path("", include("coops.urls")),
    path("", include(wagtail_urls)),
]
