"""The demo content of the seed: the site's pages, the news and the directory.

The site owns its demo content; the plugin apps (`core`, `news`, `coops`) ship none.
"""

from home.demo import directory, news, site


def load(report=print):
    """Create what is missing (idempotent) and return the home page."""
    home = site.load(report)
    directory.load(home, report)
    news.load(home, report)
    return home
