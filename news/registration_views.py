"""The participant's own pages, reached through the signed links in the e-mails (no accounts).

/<conference>/aanmelding/?code=<token> shows a sign-up, changes it and cancels it;
/plaats/?code=<token> claims a place offered from the waiting list. The token is in the query:
Wagtail's page paths allow only letters, digits, - and _, and signatures have colons. A link
reaches only the registration it was signed for, and only of this conference; after the
conference it has expired (410). Every response is per visitor, so none may be cached.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from news.forms import ParticipantForm
from news.registration import (
    CancellationClosed,
    OfferNotAvailable,
    WorkshopFull,
    cancel,
    change,
    claim,
    manage_token,
    own_link,
    read_claim_token,
    read_manage_token,
)


def never_cached(view):
    def wrapper(*args, **kwargs):
        response = view(*args, **kwargs)
        add_never_cache_headers(response)
        return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


class RegistrationViews(RoutablePageMixin):
    """Routes of a ConferencePage for its participants' own links."""

    def _registration_or_404(self, registration_id):
        if registration_id is None:
            raise Http404
        registration = self.registrations.filter(pk=registration_id).first()
        if registration is None:
            raise Http404
        return registration

    def manage_url(self, registration):
        return own_link(self, "manage_registration", manage_token(registration))

    def _expired(self, request):
        response = self.render(request, template="news/registration_expired.html")
        response.status_code = 410
        return response

    @path("aanmelding/", name="manage_registration")
    @never_cached
    def manage_registration_view(self, request):
        token = request.GET.get("code", "")
        registration = self._registration_or_404(read_manage_token(token))
        now = timezone.now()
        if self.end < now:
            return self._expired(request)
        here = own_link(self, "manage_registration", token)
        form = None
        cancel_error = None
        current = [session.pk for session in registration.workshops.all()]
        if registration.is_active:
            form = ParticipantForm(
                initial=ParticipantForm.initial_for(registration),
                conference=self,
                current=current,
            )
        if request.method == "POST" and registration.is_active:
            if request.POST.get("action") == "cancel":
                try:
                    cancel(registration, now=now)
                except CancellationClosed:
                    cancel_error = True
                else:
                    return redirect(here + "&geannuleerd=1#status")
            else:
                form = ParticipantForm(request.POST, conference=self, current=current)
                if form.is_valid():
                    try:
                        change(registration, form.cleaned_data, form.chosen_workshops(), now=now)
                    except WorkshopFull as full:
                        form = ParticipantForm(
                            request.POST, conference=self, current=current, full=full.sessions
                        )
                        form.is_valid()
                    else:
                        return redirect(here + "&gewijzigd=1#status")
        return self.render(
            request,
            template="news/registration_manage.html",
            context_overrides={
                "registration": registration,
                "form": form,
                "can_cancel": registration.is_active and self.cancellation_possible(now),
                "cancel_error": cancel_error,
                "changed": request.GET.get("gewijzigd") == "1",
                "cancelled": request.GET.get("geannuleerd") == "1",
                "claimed": request.GET.get("geclaimd") == "1",
            },
        )

    @path("plaats/", name="claim_place")
    @never_cached
    def claim_place_view(self, request):
        """GET shows the offer (mail scanners follow links); only the button's POST claims."""
        read = read_claim_token(request.GET.get("code", ""))
        registration = self._registration_or_404(read and read[0])
        now = timezone.now()
        if self.end < now:
            return self._expired(request)
        standing = (
            registration.status == registration.Status.OFFERED
            and registration.offer_expires_at
            and registration.offer_expires_at > now
            and registration.offer_expires_at.timestamp() == read[1]
        )
        if request.method == "POST" and standing:
            try:
                claim(registration, read[1], now=now)
            except OfferNotAvailable:
                standing = False
            else:
                return redirect(self.manage_url(registration) + "&geclaimd=1#status")
        return self.render(
            request,
            template="news/registration_claim.html",
            context_overrides={
                "registration": registration,
                "standing": standing,
                "manage_url": self.manage_url(registration),
            },
        )
