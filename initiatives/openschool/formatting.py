"""Danish money for Åben Skole's messages and e-mails; its own module so the services and the
tasks that send the e-mails can both use it without importing each other."""

from __future__ import annotations

from decimal import Decimal


def kr(amount: Decimal | int | None) -> str:
    """Danish money: 250.000 kr., 1.234,50 kr."""
    value = Decimal(amount or 0)
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return (text[:-3] if text.endswith(",00") else text) + " kr."
