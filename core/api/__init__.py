"""The plugin's Wagtail API v2 layer, one module per concern.

- `viewsets`: the pages, images and documents endpoints a site registers on its router.
- `filters`: the page types' own query parameters (each type's `api_filterset`, see
  `core.filters`) and Wagtail's field filter without them.
- `querysets`: a listing's queries joined and prefetched, so its query count is fixed.
- `fields`: serializer fields the endpoints add (image renditions).

The page types' own serializer fields live in their app's `api.py` (`coops.api`, `news.api`).
"""
