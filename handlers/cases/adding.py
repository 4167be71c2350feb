"""A resident's words and photo added to their filed case (补充), the case's photo limit said, never silently applied.

The form takes nine photos; 补充 took any number. The service now refuses
a photo past the case's nine (`cases.case_photos_full`); words sent with
it (a caption) still go to the case, and the resident reads both.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.models import Case
from bot.services import cases
from bot.services.errors import InvalidInput
from handlers.cases.basics import rules_of

Photo = tuple[str, int | None]  # the platform's reference and the size in bytes, when known


async def add_to_case(ctx: Context, case_id: int, text: str | None, photo: Photo | None) -> tuple[Case, str | None]:
    """The case with the words and photo added, and what was refused (the photo past the limit), in words; else None.

    A photo alone past the limit is the service's refusal, answered as it is.
    """
    try:
        added = await cases.add_info(
            ctx.uow, ctx.person, case_id, rules_of(ctx),  # type: ignore[arg-type]
            text=text, photo_ref=photo[0] if photo else None, photo_size=photo[1] if photo else None,
        )  # fmt: skip
        return added, None
    except InvalidInput as refused:
        if refused.key != "cases.case_photos_full" or not (text or "").strip():
            raise
        said = ctx.t(refused.key, **refused.params)
    return await cases.add_info(ctx.uow, ctx.person, case_id, rules_of(ctx), text=text), said  # type: ignore[arg-type]
