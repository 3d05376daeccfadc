"""The CSP report endpoint: one log line per violation, whatever format the browser posts."""

import json
import logging


def post(client, payload, content_type):
    return client.post("/csp-rapport/", data=payload, content_type=content_type)


def test_it_logs_a_classic_report_uri_report(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://portal.example/konto/login/",
            "effective-directive": "style-src-attr",
            "blocked-uri": "inline",
            "line-number": 5,
        }
    }
    with caplog.at_level(logging.WARNING, logger="trivsel.csp"):
        response = post(client, json.dumps(report), "application/csp-report")

    assert response.status_code == 204
    assert [r.getMessage() for r in caplog.records] == [
        "CSP violation: style-src-attr blocked inline on https://portal.example/konto/login/ (:5)"
    ]


def test_it_logs_every_violation_of_a_reporting_api_batch(client, caplog):
    batch = [
        {
            "type": "csp-violation",
            "body": {
                "effectiveDirective": "script-src-elem",
                "blockedURL": "inline",
                "documentURL": "https://p/",
            },
        },
        {
            "type": "csp-violation",
            "body": {
                "effectiveDirective": "img-src",
                "blockedURL": "https://cdn/x.png",
                "documentURL": "https://p/",
            },
        },
    ]
    with caplog.at_level(logging.WARNING, logger="trivsel.csp"):
        post(client, json.dumps(batch), "application/reports+json")

    assert len(caplog.records) == 2
    assert "img-src blocked https://cdn/x.png" in caplog.records[1].getMessage()


def test_it_logs_a_body_it_does_not_understand_and_answers_400_json(client, caplog):
    with caplog.at_level(logging.WARNING, logger="trivsel.csp"):
        response = post(client, "not json", "text/plain")

    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert "not json" in caplog.records[0].getMessage()


def test_a_report_of_the_wrong_shape_is_400_json_naming_the_field(client, caplog):
    report = {"csp-report": {"document-uri": ["en", "liste"], "line-number": "fem"}}
    with caplog.at_level(logging.WARNING, logger="trivsel.csp"):
        response = post(client, json.dumps(report), "application/csp-report")

    assert response.status_code == 400
    named = " ".join(response.json()["errors"])  # each path as the report spells it
    assert "csp-report.document-uri" in named and "csp-report.line-number" in named


def test_a_report_too_large_is_413_json(client):
    body = json.dumps({"csp-report": {"document-uri": "x" * 30_000}})
    response = post(client, body, "application/csp-report")
    assert response.status_code == 413
    assert response.json()["status"] == "too_large"


def test_it_accepts_posts_only(client):
    assert client.get("/csp-rapport/").status_code == 405
