"""Logs never show a resident's phone number or a token."""

from __future__ import annotations

import logging

from bot.logs import MaskingFilter, mask


def test_phone_numbers_tokens_and_passwords_are_masked():
    line = mask(
        "user 13812345678 token 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0 "
        "url postgresql://bot:s3cret@db/bot https://api/x?access_token=ABC&y=1"
    )
    assert "13812345678" not in line and "138****5678" in line
    assert "AAHdqTcv" not in line
    assert "s3cret" not in line
    assert "access_token=ABC" not in line
    spaced = mask("call +8613812345678 or 138 1234 5678 or 138-1234-5678 or +86 139 8765 4321")
    assert not any(digits in spaced for digits in ("1234 5678", "1234-5678", "13812345678", "8765 4321")), spaced
    assert spaced.count("138****5678") == 3 and "139****4321" in spaced
    assert mask("8613812345678 0086 13812345678 138 12345678") == "138****5678 138****5678 138****5678"
    assert mask("身份证11010519491231002X丢了") == "身份证110105********002X丢了"


def test_the_filter_masks_arguments_and_configured_secrets(caplog):
    logger = logging.getLogger("test.masking")
    logger.addFilter(MaskingFilter(secrets=("wechat-secret-value",)))
    with caplog.at_level(logging.INFO, logger="test.masking"):
        logger.info("phone %s secret %s", "13900001111", "wechat-secret-value")
    assert "13900001111" not in caplog.text and "wechat-secret-value" not in caplog.text
