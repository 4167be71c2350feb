"""`resident-bot understand`: how the bot reads a question (for operators and tests).

    resident-bot understand "居住正怎么办"
    resident-bot understand --json "低保怎么办"
    printf '低保\\n你好\\n' | resident-bot understand --json -
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "understand",
        help="看机器人如何理解一句话（意图、服务、置信度）",
        description="显示机器人对一句话的理解：意图、匹配的服务、置信度和前三个候选。"
        "问题写 - 时从标准输入逐行读取，每行输出一个结果。",
    )
    parser.add_argument("question", nargs="+", metavar="QUESTION", help="问题原文；写 - 则逐行读标准输入")
    parser.add_argument("--json", action="store_true", help="每个问题输出一行 JSON")
    parser.add_argument("--kb", default=None, metavar="PATH", help="知识库文件或目录（默认 knowledge/services/）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from knowledge.loader import inspect

    for stream in (sys.stdout, sys.stdin):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")

    kb, problems = inspect(args.kb)
    if kb is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"知识库有 {len(problems)} 处问题，无法理解问题；请先运行 resident-bot kb check。", file=sys.stderr)
        return 1

    from knowledge.understanding import Understander

    understander = Understander(kb)

    def show(question: str) -> None:
        result = understander.understand(question)
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
        else:
            print(_human(question, result, kb), flush=True)

    if args.question == ["-"]:
        for line in sys.stdin:
            show(line.rstrip("\r\n"))
    else:
        show(" ".join(args.question))
    return 0


def _human(question: str, result, kb) -> str:  # noqa: ANN001
    decisions = {"answer": "直接回答", "choose": "请用户选择", "none": "无匹配，转人工"}
    head = f"{question} → {result.intent.value}"
    if result.service_id:
        service = kb.get(result.service_id)
        head += f" {result.service_id}（{service.name if service else '?'}）"
    if result.elsewhere:
        head += f" {result.elsewhere}"
    head += f"  置信度 {result.confidence:.2f}  {decisions.get(result.decision, result.decision)}"
    if result.candidates:
        others = "，".join(f"{c.service_id} {c.score:.2f}" for c in result.candidates)
        head += f"  候选：{others}"
    for number, part in enumerate(result.parts, start=1):  # several questions, each answered on its own
        reading = part.reading
        head += f"\n  问题 {number}：{part.words} → {reading.service_id or reading.elsewhere or reading.intent.value}  置信度 {reading.confidence:.2f}  {decisions.get(reading.decision, reading.decision)}"
    return head
