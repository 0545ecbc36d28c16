from wagtail import hooks

from home import structured_data
from home.dashboard import (
    DirectoryAttentionPanel,
    TeamRecentEditsPanel,
    UpcomingConferencesPanel,
    conference_page_model,
)
from home.lockouts import LockoutViewSet


@hooks.register("construct_homepage_panels")
def add_editor_dashboard_panels(request, panels):
    if conference_page_model() is not None:
        panels.append(UpcomingConferencesPanel())
    panels.append(DirectoryAttentionPanel())
    panels.append(TeamRecentEditsPanel())


# The site's part of the news plugin's NewsArticle and Event JSON-LD (publisher, logo, image).
hooks.register("structured_data", structured_data.amend)


@hooks.register("register_admin_viewset")
def register_lockouts():
    return LockoutViewSet()
