"""The endpoint browsers report Content-Security-Policy violations to."""

import logging

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import jsonbody
from ..schemas import CspReportBody

logger = logging.getLogger("trivsel.csp")

CSP_REPORT_MAX_BYTES = 20_000


@csrf_exempt
@require_POST
def csp_report(request):
    """Collects Content-Security-Policy violation reports: one log line per violation (the browser
    tests collect these lines and fail on them). Takes the classic ``report-uri`` body and the
    Reporting API's list (``schemas.CspReportBody``); anything else is logged as it came, cut
    short, and answered 400 (413 when too large)."""
    try:
        body = jsonbody.parse(request, CspReportBody, max_bytes=CSP_REPORT_MAX_BYTES)
    except jsonbody.JsonBodyError as error:
        logger.warning(
            "CSP violation: ? blocked ? on %s (unreadable report)",
            error.body[:500].decode("utf-8", "replace"),
        )
        return error.response()
    if isinstance(body, list):
        violations = [item.body for item in body if item.body is not None]
    else:
        violations = [body.csp_report]
    for report in violations:
        logger.warning(
            "CSP violation: %s blocked %s on %s (%s:%s)",
            report.effective_directive or report.violated_directive or "?",
            report.blocked_uri or "?",
            report.document_uri or "?",
            report.source_file or "",
            "" if report.line_number is None else report.line_number,
        )
    return HttpResponse(status=204)
