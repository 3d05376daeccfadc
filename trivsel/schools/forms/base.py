"""The base of every app's model forms."""

from crispy_forms.helper import FormHelper
from django import forms


class PortalForm(forms.ModelForm):
    """Model forms render through crispy; the <form> tag and buttons come from the template."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> carries the token

    # Fields the view sets on the instance (not in the form) that uniqueness rules and
    # constraints must still see: without this Django skips a UniqueConstraint naming such a
    # field, and a duplicate reaches the database as a 500.
    instance_fields: tuple[str, ...] = ()

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - set(self.instance_fields)
