from django.urls import reverse

from .views import beacon


class BeaconMiddleware:
    """Answers the statistics beacon before the rest of the middleware runs.

    Every page view sends one beacon, so it is the most frequent request of all. It needs no
    session, language, CSRF check (it is exempt: pages are cached without tokens), user,
    messages, frame or content-security headers (its answer is a few numbers of JSON), so it is
    answered here, right after the proxy, logging and security middleware, by the very view its
    URL maps to (stats.views.beacon: same checks, same answers).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        if self.path is None:
            self.path = reverse("stats:beacon")
        if request.path == self.path and request.method == "POST":
            return beacon(request)
        return self.get_response(request)
