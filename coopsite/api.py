"""The public read API (Wagtail API v2), mounted at /api/v2/; v3 is Wagtail's own router.

Apps depend on the endpoint names registered here; see docs/api.md. The pages endpoint is
the plugin's (`core.api.viewsets`) with the site's Dutch search filter in place of Wagtail's.
"""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter

from core.api.viewsets import DocumentsAPIViewSet, ImagesAPIViewSet, PagesAPIViewSet
from search.api import DutchSearchFilter


class SitePagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        DutchSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SitePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
