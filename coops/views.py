"""What the directory's pages render: the search page and its exports, an entry's profile.

`CoopIndexPage` inherits `DirectoryRoutesMixin`; nothing here imports the page types, so
modules depend one way (models.pages → views → queries, exports → filters, fields).
"""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from coops import embed, exports, municipalities, murmurations, proposals
from coops.forms import EntryForm, ProposalForm
from coops.queries import DirectorySearch
from core.cache.conditional import conditional_get


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

    @re_path(r"^gemeente/(?P<code>[Gg][Mm]\d{4})/$", name="municipality_by_code")
    def municipality_by_code(self, request, code):
        municipality = municipalities.find(code=code.upper())
        if municipality is None:
            raise Http404
        return redirect(self.municipality_url(municipality.slug), permanent=True)

    @path("gemeente/<slug:slug>/", name="municipality")
    def municipality(self, request, slug):
        municipality = municipalities.find(slug=slug)
        if municipality is None:
            raise Http404
        context = municipalities.overview(self, municipality)
        context["geojson_url"] = (
            self.url + self.reverse_subpage("export_geojson") + f"?gemeente={municipality.code}"
        )
        return self.render(
            request, template="coops/municipality_page.html", context_overrides=context
        )

    @path("sociaal-aandeelhouderschap/", name="shareholdings")
    def shareholdings(self, request):
        context = {
            "shareholdings": municipalities.shareholdings(self),
            "geojson_url": self.url + self.reverse_subpage("shareholdings_geojson"),
        }
        return self.render(
            request, template="coops/shareholdings_page.html", context_overrides=context
        )

    @path("sociaal-aandeelhouderschap/geojson/", name="shareholdings_geojson")
    @conditional_get
    def shareholdings_geojson(self, request):
        collection = {
            "type": "FeatureCollection",
            "features": municipalities.shareholding_features(self, request),
        }
        return HttpResponse(
            json.dumps(collection, ensure_ascii=False),
            content_type="application/geo+json; charset=utf-8",
        )

    @path("embed/", name="embed")
    @embed.embeddable
    def embed(self, request):
        """The widget for other sites' iframes: list and map, no site chrome (coops.embed)."""
        return self.render(
            request,
            template="coops/embed.html",
            context_overrides=embed.context(self, request.GET),
        )

    def embed_url(self):
        return self.url + self.reverse_subpage("embed")

    @path("aanmelden/", name="propose")
    def propose(self, request):
        """ "Meld uw coöperatie aan": a draft for the moderators, never published by itself."""
        form = ProposalForm(self.entry_model(), request.POST or None)
        status = 200
        if request.method == "POST":
            thanks = self.url + self.reverse_subpage("propose") + "?verstuurd=1"
            if form.is_spam():
                return redirect(thanks)  # a bot learns nothing
            if proposals.rate_limited(request):
                form.add_error(None, proposals.RATE_LIMIT_MESSAGE)
                status = 429
            elif form.is_valid():
                proposals.create_proposal(self, form)
                return redirect(thanks)
        response = self.render(
            request,
            template="coops/propose_page.html",
            context_overrides={"form": form, "sent": request.GET.get("verstuurd") == "1"},
        )
        response.status_code = status
        return response

    def municipality_url(self, slug):
        return self.url + self.reverse_subpage("municipality", args=[slug])

    def get_sitemap_urls(self, request=None):
        """The directory, and each municipality page that has a live, public entry."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for slug, lastmod in municipalities.sitemap_entries(self):
            location = base + self.reverse_subpage("municipality", args=[slug])
            urls.append({"location": location, "lastmod": lastmod})
        return urls


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

    @path("wijziging-voorstellen/", name="propose_change")
    def propose_change(self, request):
        """Ask for a signed link (GET, POST) or use one (`?sleutel=`) to propose a change."""
        token = request.GET.get("sleutel") or request.POST.get("sleutel")
        context = {"token": token, "state": "ask"}
        status = 200
        if token:
            if not proposals.change_token_is_valid(token, self):
                context["state"] = "expired"
                status = 403
            else:
                form = EntryForm(type(self), request.POST or None, instance=self)
                context.update(state="edit", form=form)
                if request.method == "POST" and request.POST.get("bevestig"):
                    form = None
                    proposals.confirm_entry(self)
                    context["state"] = "confirmed"
                elif request.method == "POST" and form.is_valid():
                    proposals.propose_change(self, form)
                    context["state"] = "sent"
        elif request.method == "POST":
            if proposals.rate_limited(request):
                context["state"] = "limited"
                status = 429
            else:
                proposals.ask_for_change(self)
                context["state"] = "link_sent"
        response = self.render(
            request, template="coops/propose_change_page.html", context_overrides=context
        )
        response.status_code = status
        add_never_cache_headers(response)
        return response

    def murmurations_url(self, request=None):
        """The profile's full URL (what an index is told)."""
        return self.get_full_url(request) + murmurations.PROFILE_FILENAME

    def murmurations_path(self):
        """The profile's URL on this site, for the page's links."""
        return self.get_url() + murmurations.PROFILE_FILENAME
