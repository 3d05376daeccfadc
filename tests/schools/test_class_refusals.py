"""A class is refused with a Danish message, never a 500: a duplicate of one that exists, or a
deletion while it is still in use."""

from django.urls import reverse

from tests.headspace.factories import TalkFactory
from trivsel.schools.models import SchoolClass


def test_a_duplicate_class_is_a_danish_form_error_not_a_500(client_for, coordinator, class_a):
    response = client_for(coordinator).post(
        reverse("schools:class_create", args=[class_a.school_id]),
        {
            "school_year": class_a.school_year_id,
            "grade": class_a.grade,
            "letter": class_a.letter,
            "pupil_count": 20,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert SchoolClass.objects.filter(school=class_a.school).count() == 1


def test_deleting_a_class_still_in_use_is_refused_with_a_danish_message(
    client_for, coordinator, class_a
):
    TalkFactory(school_class=class_a)
    response = client_for(coordinator).post(
        reverse("schools:class_delete", args=[class_a.pk]), follow=True
    )
    assert response.status_code == 200
    assert "kan ikke slettes" in response.content.decode()
    assert SchoolClass.objects.filter(pk=class_a.pk).exists()
