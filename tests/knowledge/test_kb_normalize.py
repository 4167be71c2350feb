"""Normalisation: what a resident types and what the YAML says meet in one form."""

from __future__ import annotations


from knowledge.normalize import (
    MAX_CHARS,
    char_ngrams,
    content_chunks,
    fold,
    normalize,
    pinyin,
    syllable_ngrams,
    to_simplified,
)


def test_traditional_becomes_simplified():
    assert normalize("居住證怎麼辦理") == "居住证怎么办理"
    assert normalize("醫保繳費") == "医保缴费"
    assert to_simplified("no chinese here") == "no chinese here"


def test_full_width_becomes_half_width_and_lower_case():
    assert normalize("ＡＢＣ　１２３") == "abc123"
    assert normalize("ＨＥＬＬＯ　ｗｏｒｌｄ") == "helloworld"


def test_a_code_of_letters_and_digits_goes_whole():
    assert normalize("这个码 GA4HLBD8 是干啥的") == "这个码是干啥的"
    assert normalize("A4纸 U盘 5G 13812345678") == "a4纸u盘5g13812345678"  # words, and digits alone, stay


def test_punctuation_spaces_and_control_characters_go():
    assert normalize("  低保？！……（急）\n") == "低保急"
    assert normalize("\x00低\u200b保\t") == "低保"
    assert normalize("“居住证”，《须知》") == "居住证须知"


def test_emoji_and_symbols_go():
    assert normalize("你好👋😂") == "你好"
    assert normalize("👍👍") == ""
    assert normalize("？？？") == ""
    assert normalize("。。。") == ""
    assert normalize("★☆♥") == ""


def test_empty_and_none():
    assert normalize("") == ""
    assert normalize(None) == ""


def test_repeats_collapse():
    assert normalize("哈哈哈哈哈") == "哈"
    assert normalize("谢谢") == "谢谢"  # a pair is a word, not a repeat
    assert normalize("低保低保低保低保") == "低保"
    assert normalize("在吗在吗在吗") == "在吗"


def test_long_input_is_capped():
    text = "我想问一下低保怎么申请，" * 1000  # 12 000 characters; speed is measured in bench/understand.py
    result = normalize(text)
    assert len(result) <= MAX_CHARS
    assert result.startswith("我想问一下低保怎么申请")
    assert len(normalize("x" * 10_000 + "y")) <= MAX_CHARS


def test_fold_keeps_word_boundaries():
    assert fold("Hi THERE！") == "hi there!"


def test_homophones_share_their_pinyin():
    assert pinyin("居住正") == pinyin("居住证") == ["ju", "zhu", "zheng"]
    assert pinyin("低宝") == pinyin("低保") == ["di", "bao"]
    assert pinyin("一保") == pinyin("医保") == ["yi", "bao"]
    assert pinyin("ab1") == ["a", "b", "1"]  # letters and digits stand for themselves


def test_ngrams():
    assert char_ngrams("低保金", (1, 2, 3)) == ["低", "保", "金", "低保", "保金", "低保金"]
    assert char_ngrams("低", (2,)) == []
    assert syllable_ngrams(["di", "bao", "jin"], (2,)) == ["di bao", "bao jin"]


def test_scaffolding_words_cut_the_text():
    assert content_chunks("低保怎么申请需要什么材料") == ["低保"]
    assert content_chunks("请问居住证在哪办") == ["居住证", "办"]
    assert content_chunks("地保") == ["地保"]  # 地 may be a homophone typo, never scaffolding
