"""The offline outbox's entry as the sync API accepts it: one declared schema, strict types, no
unknown fields (``trivsel.schools.jsonbody``). It checks the shape; ``ActivityForm`` and the
service check the content (known school, class of that school, CPR guard) with the same Danish
messages as the tablet's form. A new field (e.g. a record's version) is one more line here."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field

from trivsel.schools.jsonbody import IsoDate, IsoTime, Schema

MAX_FOLLOW_UPS = 10
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]  # a primary key: PostgreSQL's bigint


class FollowUpEntry(Schema):
    what: str
    who: str = ""
    due: IsoDate | None = None


class ActivityEntry(Schema):
    uuid: UUID
    school: Id | None = None
    school_class: Id | None = None
    date: IsoDate | None = None
    start_time: IsoTime | None = None
    duration_minutes: int | None = None
    kind: str = ""
    status: str = ""
    participants: list[str] = []
    observation: str = ""
    tags: list[Id] = []
    shared_with_leadership: bool = False
    follow_ups: Annotated[list[FollowUpEntry], Field(max_length=MAX_FOLLOW_UPS)] = []
    version: Id | None = None  # an update of a synced activity: the version it was edited from

    def form_data(self) -> dict:
        """What ``ActivityForm`` reads: the same keys, empty text for no value."""
        data = self.model_dump(exclude={"uuid", "follow_ups", "version"})
        data = {key: "" if value is None else value for key, value in data.items()}
        data["client_uuid"] = str(self.uuid)
        return data
