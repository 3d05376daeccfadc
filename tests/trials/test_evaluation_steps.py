"""The evaluation in steps: a leader saves a draft with what is written so far, marks the action
evaluated only when every field is filled, and cannot evaluate an action that has not started."""

from datetime import date

import pytest
from django.urls import reverse

from initiatives.trials import services
from initiatives.trials.models import EVALUATION_FIELDS, Decision, Status
from tests.trials.factories import TrialActionFactory
from trivsel.schools import versioning


def evaluate_url(action) -> str:
    return reverse("trials:trialaction_evaluate", args=[action.pk])


def version(action) -> int:
    action.refresh_from_db()
    return action.lock_version


def test_a_draft_keeps_a_partial_evaluation_without_marking_the_action_evaluated(
    client_for, leader_a, action_a
):
    client = client_for(leader_a)
    draft = {
        "learned": "Søvndagbogen virker.",
        "effect_pupils": "4",
        "action": "kladde",
        versioning.FIELD: version(action_a),
    }
    response = client.post(evaluate_url(action_a), draft, follow=True)
    assert "Kladden til evalueringen" in response.content.decode()
    action_a.refresh_from_db()
    assert action_a.status == Status.RUNNING and action_a.evaluated_at is None
    assert (action_a.learned, action_a.effect_pupils, action_a.decision) == (
        "Søvndagbogen virker.",
        4,
        "",
    )
    page = client.get(action_a.get_absolute_url()).content.decode()
    assert "Der er gemt en kladde til evalueringen." in page and "Fortsæt evalueringen" in page
    form = client.get(evaluate_url(action_a)).context["form"]
    assert form.initial["learned"] == "Søvndagbogen virker."


def test_marking_evaluated_names_every_field_still_missing(client_for, leader_a, action_a):
    data = {"learned": "Søvndagbogen virker.", "action": "evaluer"}
    data[versioning.FIELD] = version(action_a)
    response = client_for(leader_a).post(evaluate_url(action_a), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == set(EVALUATION_FIELDS) - {"learned"}
    assert errors["decision"] == ["Skal udfyldes for at evaluere."]
    action_a.refresh_from_db()
    assert action_a.status == Status.RUNNING and action_a.learned == ""


def test_an_action_that_has_not_started_cannot_be_evaluated(
    client_for, leader_a, school_a, frozen_at
):
    frozen_at(date(2023, 1, 10))
    action = TrialActionFactory(school=school_a, start=date(2023, 2, 1), end=date(2023, 5, 31))
    client = client_for(leader_a)
    response = client.get(evaluate_url(action), follow=True)
    text = response.content.decode()
    assert "Prøvehandlingen starter først 1. februar 2023." in text
    assert response.redirect_chain[-1][0] == action.get_absolute_url()
    assert "Kan evalueres fra 1. februar 2023" in text
    assert evaluate_url(action) not in text
    posted = client.post(evaluate_url(action), {"learned": "For tidligt.", "action": "kladde"})
    assert posted.status_code == 302
    action.refresh_from_db()
    assert action.learned == ""
    with pytest.raises(services.ValidationError, match="starter først"):
        services.trial_action_evaluate(trial_action=action, learned="x", complete=False)


def test_a_drafts_decision_does_not_count_as_continuing(client_for, coordinator, action_a):
    services.trial_action_evaluate(
        trial_action=action_a, decision=Decision.CONTINUE, complete=False
    )
    action_a.refresh_from_db()
    assert action_a.status == Status.RUNNING and action_a.decision == Decision.CONTINUE
    coverage = client_for(coordinator).get(reverse("trials:coverage")).context["coverage"]
    assert coverage["totals"][0]["continuing"] == 0
