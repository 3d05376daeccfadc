"""The second step of a password login (a one-time code) and enrolment of an authenticator app;
the single sign-on entry points, which answer 404 while SSO is not configured."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from django_otp import devices_for_user
from mozilla_django_oidc import views as oidc_views

from . import login, otp


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Engangskode"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text=gettext_lazy("6 cifre fra din godkendelsesapp, eller en af dine backupkoder."),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip().replace(" ", "").lower()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def verify_second_factor(user, token: str):
    """``(device, wait)``: the device that accepted ``token``, or None and whether the refusal was
    django-otp's throttling after a failed attempt (then the code may well be right: wait, retry)."""
    throttled = False
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(token):
                return device, False
    return None, throttled


class OtpVerifyView(LoginRequiredMixin, FormView):
    form_class = TokenForm
    template_name = "security/otp_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not login.has_device(request.user):
            return redirect(f"{_url('security:otp_enrol')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            next=_next_url(self.request), demo_code=otp.demo_totp_code(self.request.user), **kwargs
        )

    def form_valid(self, form):
        device, throttled = verify_second_factor(self.request.user, form.cleaned_data["token"])
        if device is None:
            form.add_error(
                "token",
                _(
                    "Vent et par sekunder, og prøv igen (efter et forkert forsøg skal der gå lidt tid)."
                )
                if throttled
                else _("Koden er forkert eller brugt. Prøv igen."),
            )
            return self.form_invalid(form)
        login.second_factor_passed(self.request, device)
        return redirect(_next_url(self.request))


class OtpEnrolView(LoginRequiredMixin, FormView):
    """Scan the QR code with an authenticator app, type the code it shows: the app is enrolled and
    ten backup codes are shown once."""

    form_class = TokenForm
    template_name = "security/otp_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # someone with a device must first verify before replacing it
        if login.has_device(request.user) and not login.is_strong(request):
            return redirect(f"{_url('security:otp_verify')}?{request.GET.urlencode()}")
        self.device = otp.totp_device_unconfirmed(user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        svg = otp.qr_svg(self.device.config_url, _("QR-kode til godkendelsesappen"))
        return super().get_context_data(
            qr_svg=mark_safe(svg),  # segno's own markup, no user input
            secret=self.device.config_url.split("secret=")[1].split("&")[0],
            next=_next_url(self.request),
            **kwargs,
        )

    def form_valid(self, form):
        codes = otp.totp_device_confirm(device=self.device, token=form.cleaned_data["token"])
        if codes is None:
            form.add_error("token", _("Koden passer ikke. Tjek uret på telefonen og prøv igen."))
            return self.form_invalid(form)
        self.device.refresh_from_db()
        login.second_factor_passed(self.request, self.device)
        messages.success(self.request, _("Godkendelsesappen er tilknyttet din bruger."))
        return self.render_to_response(
            self.get_context_data(form=form, backup_codes=codes, done=True)
        )


def _url(name):
    return reverse(name)


class _SsoOnly:
    def dispatch(self, request, *args, **kwargs):
        if not settings.SSO_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SsoStartView(_SsoOnly, oidc_views.OIDCAuthenticationRequestView):
    def __init__(self, **kwargs):
        if settings.SSO_ENABLED:  # the parent reads the provider's settings here
            super().__init__(**kwargs)
        else:
            View.__init__(self, **kwargs)


class SsoCallbackView(_SsoOnly, oidc_views.OIDCAuthenticationCallbackView):
    pass
