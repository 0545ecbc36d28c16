from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    """Liveness check without database work; also the benchmark's ceiling view."""
    return HttpResponse("ok", content_type="text/plain")
