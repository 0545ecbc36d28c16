import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from coopsite import throttling, views
from coopsite.api import api_router
from core.api.v3 import api as api_v3
from core.cache.conditional import conditional_view

# A lost database connection is a 503 with Retry-After (coopsite/views.py).
handler500 = "coopsite.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/v3/", api_v3.urls),
    # Crawlers poll it: 304 while the content version is unchanged.
    path("sitemap.xml", conditional_view(sitemap), name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots_txt",
    ),
    path("health/", views.health, name="health"),
    path("health/ready/", views.readiness, name="readiness"),
    path("zoeken/", include("search.urls")),
    # Social cards, touch icons and the web app manifest (home/views.py).
    path("", include("home.urls")),
]

if settings.SERVE_MEDIA:
    # Uploads on this server's disk (the single-server default), with or without DEBUG.
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", views.media),
    ]

urlpatterns += [
    # A page's password form, counted and locked like a login (coopsite/throttling.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttling.page_password,
    ),
    # An entry's Murmurations profile (`<entry>/murmurations.json`, a route of the entry).
    path("", include("coops.urls")),
    # Wagtail serves every page of the tree; this must stay last.
    path("", include(wagtail_urls)),
]
