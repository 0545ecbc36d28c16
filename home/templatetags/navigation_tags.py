from django import template

from wagtail.models import Page, Site

from core import content_cache

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The site root's live, public children that editors marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = menu_items(site) if site is not None else []
    current_path = getattr(context.get("page"), "url_path", "") or ""
    entries = []
    for item in items:
        if item.url_path == current_path:
            state = "page"
        elif current_path.startswith(item.url_path):
            state = "true"
        else:
            state = ""
        entries.append((item, state))
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
        return list(pages.only("id", "title", "url_path"))

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
