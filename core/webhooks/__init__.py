"""Signed webhooks: apps that keep a copy hear about a page being published, unpublished or
deleted instead of polling.

- `models`: subscriptions (URL, secret, events, page types), edited by administrators in the
  admin ("Webhooks"), and the delivery log.
- `events`: Wagtail's signals turn into deliveries, only for live and public pages, after commit.
- `signing`: the HMAC-SHA256 signature (documented in the README with a receiver).
- `tasks`: sending a delivery, retried with backoff by `core.tasks.background`.
"""
