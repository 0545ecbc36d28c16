"""What a page tells search engines and social media: its description and its image."""

from django import template

from home import social, structured_data

register = template.Library()

#: Where each page type keeps its text summary and its image, in order of preference.
DESCRIPTION_FIELDS = ("search_description", "intro", "hero_intro", "subtitle")
IMAGE_FIELDS = ("image", "hero_image", "logo")


@register.simple_tag
def page_description(page):
    """The search description, else the intro (or the home page's hero text); '' if none."""
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, "")
        if value:
            return " ".join(str(value).split())
    return ""


@register.simple_tag
def share_image(page):
    """The page's own image for og:image (its image, hero image or logo), or None."""
    for name in IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None and not isinstance(image, str):
            return image
    return None


@register.simple_tag(takes_context=True)
def social_card_url(context, page, site_name=""):
    """The absolute URL of the page's generated social card (for a page without an image).

    A preview of a page that was never saved has no id and so no card yet: no URL.
    """
    if page.pk is None:
        return ""
    return context["request"].build_absolute_uri(social.card_path(page, site_name))


@register.simple_tag(takes_context=True)
def site_structured_data(context, page):
    """The home page's schema.org graph: WebSite with SearchAction, and the Organization."""
    return structured_data.home_page(page, context.get("request"))
