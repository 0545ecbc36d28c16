"""The plugin's own signal for bulk writes that bypass Wagtail's per-page publish.

`pages_published` is sent once per batch by code that publishes many pages at once without
`Page.publish()` (coops/bulk.py, import_coops), with ``sender`` the page model and ``pages``
the live pages of the batch, inside the batch's transaction. It stands in for Wagtail's
``page_published`` for whoever must hear about every published page: the CDN purge
(core/cache/purge.py), the webhooks (core/webhooks/events.py) and the Murmurations index
(coops/signals.py). A listener enqueues its work with core.tasks.after_commit (nothing happens
when the batch rolls back) and costs a fixed number of queries per batch, not per page.
"""

from django.dispatch import Signal

pages_published = Signal()
