"""What the directory page's routes render: the search page and its three exports.

`CoopIndexPage` inherits `DirectoryRoutesMixin`; nothing here imports the page types, so
modules depend one way (models.pages → views → queries, exports → filters, fields).
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from coops import exports
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
