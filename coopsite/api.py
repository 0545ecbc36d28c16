"""The public read API (Wagtail API v2), mounted at /api/v2/.

Apps depend on the endpoint names registered here; see docs/api.md.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from core.api import DocumentsAPIViewSet, ImagesAPIViewSet
from search.api import SearchPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SearchPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
