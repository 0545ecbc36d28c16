"""The demo content of the seed: the site's pages, the news and the directory.

The site owns its demo content; the plugin apps (`core`, `news`, `coops`) ship none.
"""

from home.demo import directory, news, site


def load(report=print, site_url=None):
    """Create what is missing (idempotent) and return the home page.

    `site_url`: the address the site is served on (`make run` passes HOST and PORT)."""
    home = site.load(report, site_url)
    directory.load(home, report)
    news.load(home, report)
    return home
