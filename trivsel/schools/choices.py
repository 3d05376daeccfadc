"""A choice field's label for a value, as ``get_FOO_display()`` gives it, without its cost.

Django's generated ``get_FOO_display()`` makes the field's whole choice list hashable on every
call, which translates every lazy label of it; on a list page that was a few thousand gettext
calls. Here only the keys are hashed and only the label shown is translated.
"""

from __future__ import annotations

from django.utils.encoding import force_str


def choice_label(instance, field_name: str):
    """``instance.get_<field_name>_display()`` for a field with choices."""
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field.attname)
    try:
        label = dict(field.flatchoices).get(value, value)
    except TypeError:  # unhashable keys or value (JSON choices): Django's own way
        return instance._get_FIELD_display(field)
    return force_str(label, strings_only=True)
