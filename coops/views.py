"""What the directory's pages render: the search page and its exports, an entry's profile.

`CoopIndexPage` inherits `DirectoryRoutesMixin`; nothing here imports the page types, so
modules depend one way (models.pages → views → queries, exports → filters, fields).
"""

from django.http import JsonResponse

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from coops import exports, murmurations
from coops.queries import DirectorySearch
from core.http_cache import conditional_get


class DirectoryRoutesMixin(RoutablePageMixin):
    """/cooperaties/ (search, filters, map) and export/csv/, export/json/, export/geojson/."""

    @path("")
    def directory(self, request):
        search = DirectorySearch(self, request.GET)
        return self.render(request, context_overrides={"directory": search.results(request)})

    @path("export/csv/", name="export_csv")
    @conditional_get
    def export_csv(self, request):
        return exports.csv_response(self, request.GET, request)

    @path("export/json/", name="export_json")
    @conditional_get
    def export_json(self, request):
        return exports.json_response(self, request.GET, request)

    @path("export/geojson/", name="export_geojson")
    @conditional_get
    def export_geojson(self, request):
        return exports.geojson_response(self, request.GET, request)


class CoopRoutesMixin(RoutablePageMixin):
    """An entry's page and its Murmurations profile at `<entry>/murmurations.json`.

    Wagtail's page URLs have no dots, so `coops.urls` hands `…/murmurations.json` to Wagtail's
    serve view as `…/murmurations.json/`; the page's own routing (live, view restrictions)
    then applies to the profile as to the page.
    """

    @path("")
    def entry(self, request):
        return self.render(request)

    @path(f"{murmurations.PROFILE_FILENAME}/", name="murmurations")
    def murmurations_profile(self, request):
        return JsonResponse(
            murmurations.profile(self, request), json_dumps_params={"ensure_ascii": False}
        )

    def murmurations_url(self, request=None):
        """The profile's full URL (what an index is told)."""
        return self.get_full_url(request) + murmurations.PROFILE_FILENAME

    def murmurations_path(self):
        """The profile's URL on this site, for the page's links."""
        return self.get_url() + murmurations.PROFILE_FILENAME
