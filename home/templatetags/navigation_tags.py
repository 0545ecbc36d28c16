from django import template
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from core.cache import values as content_cache
from news.models import NewsIndexPage

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The site root's live, public children that editors marked "show in menus", and
    the agenda right after the news index it belongs to (a route, not a page of its own)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = menu_items(site) if site is not None else []
    current_path = getattr(context.get("page"), "url_path", "") or ""
    request_path = getattr(request, "path", "")
    entries = []
    for item in items:
        url = item.get_url(request=request)
        agenda_url = f"{url}agenda/" if url and item.specific_class is NewsIndexPage else None
        if item.url_path == current_path and request_path != agenda_url:
            state = "page"
        elif current_path.startswith(item.url_path):
            state = "true"
        else:
            state = ""
        entries.append({"url": url, "title": item.title, "state": state})
        if agenda_url:
            state = "page" if request_path == agenda_url else ""
            entries.append({"url": agenda_url, "title": _("Agenda"), "state": state})
    return {"request": request, "entries": entries}


@register.inclusion_tag("components/section_links.html", takes_context=True)
def main_sections(context):
    """The menu's pages as large links (the 404 page's way back into the site)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return {"request": request, "items": menu_items(site) if site is not None else []}


def menu_items(site):
    """The menu's pages, cached per site until the content changes (publish, move, …)."""

    def compute():
        pages = Page.objects.child_of(site.root_page).live().public().in_menu()
        return list(pages.only("id", "title", "url_path", "content_type"))

    return content_cache.get_or_compute(compute, "main-menu", site.pk)


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Ancestors from the home page down to (not including) the current page."""
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}

    def compute():
        ancestors = Page.objects.ancestor_of(page).filter(depth__gte=2)
        return list(ancestors.only("id", "title", "url_path"))

    ancestors = content_cache.get_or_compute(compute, "breadcrumbs", page.pk)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
