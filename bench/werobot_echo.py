"""The baseline of bench/wechat_webhook.py: WeRoBot's echo robot in safe (AES) mode.

Run inside the benchmark's own environment (bench/.venv-werobot, made by
bench/wechat_webhook.py) as a WSGI app under waitress:

    TOKEN=… APPID=… AES_KEY=… PORT=… python bench/werobot_echo.py
"""

import logging
import os

import waitress
from werobot import WeRoBot

robot = WeRoBot(
    token=os.environ["TOKEN"],
    app_id=os.environ["APPID"],
    encoding_aes_key=os.environ["AES_KEY"],
    SESSION_STORAGE=False,  # a bare echo: no session storage
)


@robot.text
def echo(message):  # noqa: ANN001, ANN201 - WeRoBot's handler signature
    return message.content


if __name__ == "__main__":
    # waitress 3 logs "Task queue depth is N" for every request that waits for one of its
    # four threads: under the benchmark's 32 connections, a line per message on stderr,
    # which measured the terminal. The bot logs only warnings too.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    waitress.serve(robot.wsgi, host="127.0.0.1", port=int(os.environ["PORT"]), threads=4, _quiet=True)
