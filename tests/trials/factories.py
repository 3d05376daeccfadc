"""Factories of the trials app; a trial action's classes and staff stay at its own school."""

from datetime import date, time

import factory

from initiatives.trials.models import (
    Attachment,
    ProgrammeItem,
    RolloutPlan,
    Status,
    Theme,
    ThemeDay,
    TrialAction,
)
from tests.factories import SchoolFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = "Søvn og digital adfærd"
    description = "Fokus på søvn og skærmvaner blandt de ældste elever."
    grade_bands = factory.LazyFunction(lambda: ["udskoling"])


class TrialActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrialAction
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Søvnuge i udskolingen {n}")
    grade_bands = factory.LazyFunction(lambda: ["udskoling"])
    start = date(2023, 2, 1)
    end = date(2023, 5, 31)
    aim = "Bedre søvn og færre skærmtimer om aftenen."
    activities = "Søvndagbog, forældremøde, mobilfri time før sengetid."
    status = Status.RUNNING

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory()])

    class Params:
        evaluated = factory.Trait(
            status=Status.EVALUATED,
            learned="Eleverne tog godt imod søvndagbogen.",
            effect_pupils=4,
            effect_pupils_text="Flere elever fortæller, at de er mere udhvilede.",
            effect_class=3,
            effect_class_text="Roligere morgener i klassen.",
            continuation="Vi fortsætter i 8. årgang næste år.",
            decision="continue",
            evaluated_at=date(2023, 6, 15),
        )


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    trial_action = factory.SubFactory(TrialActionFactory)
    file = factory.django.FileField(filename="evaluering.pdf", data=b"%PDF-1.4\n% test\n")
    name = "evaluering.pdf"
    size = 16


class ThemeDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeDay

    title = "Temadag for skoleledelser"
    date = date(2023, 4, 27)
    place = "Rødovre Rådhus"


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    theme_day = factory.SubFactory(ThemeDayFactory)
    starts_at = time(9, 0)
    ends_at = time(9, 30)
    title = "Velkomst"


class RolloutPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RolloutPlan

    theme_day = factory.SubFactory(ThemeDayFactory)
    school = factory.SubFactory(SchoolFactory)
    how = "Vi starter i 7. årgang efter efterårsferien."
    responsible = "Afdelingslederen for udskolingen"
    deadline = date(2023, 10, 31)
