"""The Telegram channel: python-telegram-bot as the transport only.

Updates arrive by webhook or polling and become neutral `Inbound` messages;
replies go back as HTML text with inline keyboards; pushes are drained from
the outbox by `TelegramSender` within Telegram's limits.
"""

import os

# Read RetryAfter.retry_after as a timedelta, PTB's coming default, without deprecation noise.
os.environ.setdefault("PTB_TIMEDELTA", "1")
