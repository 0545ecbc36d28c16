from django.db import connection


class QueryCountMiddleware:
    """Adds `X-Query-Count` to each response. Only the benchmark settings use it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
            # Streaming and lazily rendered responses run their queries here too.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response["X-Query-Count"] = str(count)
        return response
