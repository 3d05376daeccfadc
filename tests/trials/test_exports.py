"""Export of the (filtered) trial-action list to CSV and Excel through the shared helper."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.trials.factories import TrialActionFactory


def test_the_csv_export_holds_the_filtered_list_in_danish(
    client_for, leader_a, action_a, action_b, school_a
):
    TrialActionFactory(school=school_a, title="Evalueret søvnuge", evaluated=True)
    response = client_for(leader_a).get(
        reverse("trials:trialaction_list") + "?status=evaluated&format=csv"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('proevehandlinger.csv"')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Skole;Titel;Temaer;Klassetrin")
    assert len(lines) == 2
    assert "Valhøj Skole;Evalueret søvnuge;Søvn og digital adfærd;Udskoling (7.–9.)" in lines[1]
    assert "Evalueret;" in lines[1] and "Videreføres" in lines[1] and "15-06-2023" in lines[1]


def test_the_excel_export_has_typed_cells_and_only_rows_the_user_may_read(
    client_for, staff_a, action_a, action_b
):
    response = client_for(staff_a).get(reverse("trials:trialaction_list") + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Skole", "Titel")
    assert [r[1] for r in rows[1:]] == ["Søvnuge på Valhøj"]  # not school B's
    assert rows[1][4] == "7.A"
    assert rows[1][5].date().isoformat() == "2023-02-01"


def test_an_unknown_export_format_is_refused_in_danish(client_for, leader_a):
    response = client_for(leader_a).get(reverse("trials:trialaction_list") + "?format=pdf")
    assert response.status_code == 400
    assert "Ukendt eksportformat" in response.content.decode()
