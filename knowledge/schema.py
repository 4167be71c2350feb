"""The shape of one knowledge-base entry.

The knowledge base is data an operator edits by hand, so the schema is
strict (unknown fields are typos, not extensions) and every text field
must say something: an empty answer is worse than none.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
AudienceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Centre(str, Enum):
    """The seven centres of the 一有七中心 standard."""

    convenience = "convenience"  # 便民服务中心
    governance = "governance"  # 综治服务中心
    culture = "culture"  # 文体活动中心
    health = "health"  # 卫生服务中心
    eldercare = "eldercare"  # 老年人日间照料中心
    children = "children"  # 儿童服务中心
    volunteer = "volunteer"  # 志愿服务中心


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Where(Strict):
    centre: Centre
    window: NonEmpty  # e.g. "一楼便民服务大厅 3号窗口"
    hours: NonEmpty  # when it is served, in words a resident reads


class Online(Strict):
    available: bool
    how: NonEmpty  # the app / mini-program / site, or why it cannot be done online


class Service(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    kind: Literal["approval", "convenience"]
    name: NonEmpty  # the official title, as in the catalogue
    aliases: list[NonEmpty] = Field(min_length=1)  # colloquial names
    keywords: list[NonEmpty] = Field(min_length=1)
    examples: list[NonEmpty] = Field(min_length=4)  # questions as residents write them
    summary: NonEmpty  # one sentence: what this is for
    eligibility: NonEmpty
    materials: list[NonEmpty] = Field(min_length=1)
    steps: list[NonEmpty] = Field(min_length=1)
    time_limit: NonEmpty
    fee: NonEmpty
    where: Where
    online: Online
    bookable: bool  # can be booked as an appointment at the centre
    home_visit: bool  # a home visit (预约上门) is possible
    # who it is for (ids of knowledge/audiences.yaml): 老年人能办哪些事 lists the services tagged elderly
    audiences: list[AudienceId] = Field(default_factory=list)
    notes: list[NonEmpty] = Field(default_factory=list)
