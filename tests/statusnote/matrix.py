"""Status-note objects for the access matrix, made lazily on its ``world``. A note belongs to no
school, so the matrix's two sides are used for the two states that decide access: side «a» is a
FINAL note (leaders and consultants read it), side «b» a DRAFT (the coordinator's only)."""

from __future__ import annotations

from .factories import FinalNoteFactory, NoteDocumentFactory, StatusNoteFactory


def _notes(world):
    if not hasattr(world, "statusnote"):
        final = FinalNoteFactory(period=world.period, version=1)
        draft = StatusNoteFactory(period=world.period, version=2)
        world.statusnote = {
            "note_a": final,
            "note_b": draft,
            "document_a": NoteDocumentFactory(note=final),
            "document_b": NoteDocumentFactory(note=draft),
        }
    return world.statusnote


def note_pk(name):
    def args(world, side):
        return {"pk": _notes(world)[f"{name}_{side}"].pk}

    return args


def note_part(world, side):
    """A note and one of its parts (the part actions are POST-only)."""
    return {"pk": _notes(world)[f"note_{side}"].pk, "part": "trials"}
