from django import template

from core.templatetags.core_tags import json_ld_script

register = template.Library()


json_ld = register.simple_tag(json_ld_script, name="json_ld")


@register.simple_tag(takes_context=True)
def page_json_ld(context, page):
    """The page's own structured data (`page.structured_data(request)`) as JSON-LD."""
    return json_ld(page.structured_data(request=context.get("request")))
