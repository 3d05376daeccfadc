from datetime import date
from decimal import Decimal

import factory

from initiatives.openschool.models import Application, Offer, Programme, Status
from tests.factories import PartnerFactory, SchoolFactory, SchoolYearFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("school_year",)

    school_year = factory.SubFactory(SchoolYearFactory)
    budget = Decimal("100000")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    programme = factory.SubFactory(ProgrammeFactory)
    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Tilbud {n}")
    grade_bands = ["udskoling"]
    price = Decimal("2500")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application of a school (its classes come from the same school)."""

    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    school = factory.SubFactory(SchoolFactory)
    own_title = factory.Sequence(lambda n: f"Trivselsforløb {n}")
    amount = Decimal("20000")
    purpose = "Styrke fællesskabet i udskolingen."
    planned_start = date(2024, 2, 1)
    planned_end = date(2024, 3, 1)
    status = Status.SUBMITTED
