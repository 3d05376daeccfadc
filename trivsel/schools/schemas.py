"""Request schemas of the shared views (``trivsel.schools.jsonbody``)."""

from __future__ import annotations

from pydantic import AliasChoices, ConfigDict, Field

from .jsonbody import Schema


class _Report(Schema):
    # A browser's report, not a person's input: browsers add fields over time (sample,
    # disposition, status-code …), so unknown ones are ignored — only these are read, typed.
    model_config = ConfigDict(strict=True, extra="ignore")


def _either(*names: str):
    return Field(None, validation_alias=AliasChoices(*names))


class CspViolation(_Report):
    """One violation, in the classic (kebab-case) or the Reporting API's (camelCase) names."""

    document_uri: str | None = _either("document-uri", "documentURL")
    blocked_uri: str | None = _either("blocked-uri", "blockedURL")
    effective_directive: str | None = _either("effective-directive", "effectiveDirective")
    violated_directive: str | None = _either("violated-directive")
    source_file: str | None = _either("source-file", "sourceFile")
    line_number: int | None = _either("line-number", "lineNumber")


class ClassicCspReport(_Report):
    """``report-uri``: ``{"csp-report": {...}}``."""

    csp_report: CspViolation = Field(validation_alias="csp-report")


class ReportingApiItem(_Report):
    """One entry of the Reporting API's batch: ``[{"type": "csp-violation", "body": {...}}]``."""

    type: str = ""
    body: CspViolation | None = None


CspReportBody = ClassicCspReport | list[ReportingApiItem]
