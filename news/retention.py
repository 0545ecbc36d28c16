"""Personal data that expires: purging a conference's sign-ups, and one person's data on request.

After a conference's retention period (ConferencePage.retention_ends) its registrations are
deleted (names, e-mail addresses, invoice details and the mail log with them) and replaced by
anonymous counts (RegistrationTally). An editor can also export or erase everything one
e-mail address left behind.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from news.models import ConferencePage, Registration, RegistrationTally
from news.registration import cancel

# What one person's export holds (their data as the form asked it, and what happened to it).
PERSONAL_FIELDS = (
    "name",
    "email",
    "organisation",
    "dietary",
    "remarks",
    "invoice_address",
    "invoice_email",
    "invoice_reference",
    "vat_number",
    "status",
    "created_at",
    "changed_at",
    "checked_in_at",
)


def due_for_purge(now=None):
    """Conferences whose retention period is over and that still have sign-ups."""
    now = now or timezone.now()
    with_signups = ConferencePage.objects.filter(registrations__isnull=False).distinct()
    return [c for c in with_signups if c.retention_ends() <= now]


def purge_conference(conference):
    """Replace the conference's registrations by anonymous counts; return how many went."""
    with transaction.atomic():
        registrations = Registration.objects.filter(conference=conference)
        checked_in = Count("pk", filter=Q(checked_in_at__isnull=False))
        tallies = [
            RegistrationTally(
                conference=conference, status=row["status"], count=row["n"], checked_in=row["c"]
            )
            for row in registrations.order_by()
            .values("status")
            .annotate(n=Count("pk"), c=checked_in)
        ]
        per_workshop = (
            registrations.filter(status=Registration.Status.CONFIRMED, workshops__isnull=False)
            .order_by()
            .values("workshops", "workshops__title")
            .annotate(n=Count("pk"), c=checked_in)
        )
        tallies += [
            RegistrationTally(
                conference=conference,
                workshop_id=row["workshops"],
                workshop_title=row["workshops__title"],
                status=Registration.Status.CONFIRMED,
                count=row["n"],
                checked_in=row["c"],
            )
            for row in per_workshop
        ]
        RegistrationTally.objects.bulk_create(tallies)
        deleted = registrations.count()
        registrations.delete()
    return deleted


def person_registrations(email):
    return (
        Registration.objects.filter(email__iexact=email.strip())
        .select_related("conference")
        .prefetch_related("workshops", "sent_mails")
        .order_by("created_at")
    )


def person_data(email):
    """Everything stored about `email`, as JSON-serialisable data (the export on request)."""
    return [
        {
            "conference": registration.conference.title,
            **{
                field: (value.isoformat() if hasattr(value, "isoformat") else value)
                for field in PERSONAL_FIELDS
                if (value := getattr(registration, field)) is not None
            },
            "workshops": [session.title for session in registration.workshops.all()],
            "mails": [
                {"key": mail.key, "sent_at": mail.sent_at.isoformat()}
                for mail in registration.sent_mails.all()
            ],
        }
        for registration in person_registrations(email)
    ]


def erase_person(email, now=None):
    """Erase all of `email`'s registrations; a place they held is offered to the next in line."""
    now = now or timezone.now()
    erased = 0
    for registration in person_registrations(email):
        if registration.is_active and now < registration.conference.end:
            # Erasing on request is possible after the cancellation deadline too.
            cancel(registration, now=now, any_time=True)
        registration.delete()
        erased += 1
    return erased
