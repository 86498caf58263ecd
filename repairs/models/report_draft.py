"""A report in progress: the answers a person has given so far, kept on the server.

A description may be 2,000 characters in any script, far more than a cookie holds, and
a draft kept here survives a phone that drops its connection between two steps.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, JSONType, utcnow


class ReportDraft(Base):
    __tablename__ = "report_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random, held in the browser's session; the draft also names whose it is.
    token: Mapped[str] = mapped_column(String(43), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # The member of staff raising it on the person's behalf; None for the person's own.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
