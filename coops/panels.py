"""Admin panels of the directory's pages."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

#: The snippet's size; partners may change it in their copy.
EMBED_HEIGHT = 480


class EmbedSnippetPanel(Panel):
    """The `<iframe>` code editors copy for a municipality's or partner's site (coops.embed)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Insluiten op een andere website"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "coops/panels/embed_snippet.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            url = page.full_url if page.pk and page.live else None
            context["embed_url"] = url and url + page.reverse_subpage("embed")
            context["height"] = EMBED_HEIGHT
            return context
