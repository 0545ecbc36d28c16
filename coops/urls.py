"""URLs the directory needs beside Wagtail's page routing; include them before `wagtail.urls`."""

import re

from django.urls import re_path

from wagtail import views as wagtail_views

from coops.murmurations import PROFILE_FILENAME


def serve_profile(request, path):
    """`<entry>/murmurations.json` through Wagtail's routing, as the entry's route."""
    return wagtail_views.serve(request, f"{path}{PROFILE_FILENAME}/")


urlpatterns = [
    re_path(
        rf"^(?P<path>(?:[\w\-]+/)+){re.escape(PROFILE_FILENAME)}$",
        serve_profile,
        name="coops_murmurations_profile",
    ),
]
