"""The message catalogue: every problem, hint, warning and command-line message, in English
and Chinese, under a stable id with named placeholders.

Why a typed catalogue of our own rather than gettext catalogues with Babel:

* **Ids, not English, are the keys.** gettext looks a translation up by its English text, so
  rewording an English message silently drops its Chinese until someone re-extracts and
  re-translates it. Here an id keeps both texts; rewording one language cannot orphan the other.
* **Both languages side by side in one reviewed file**, which a translator reads and edits like
  a two-column table (and a test checks), with no extraction, ``.po``/``.mo`` compile step or
  build artefact to ship: ``pip install`` gives a complete catalogue.
* **Checked at test time**: every entry has Chinese, both texts use exactly the same named
  placeholders, and every ``Msg("id", ...)`` call in the source names an id of the catalogue
  with exactly its placeholders (``tests/test_messages.py``).
* No new dependency; the two languages the tool speaks are fixed by its users.

How a message travels: the pure core builds a :class:`Msg` (an id and its arguments) where it
used to build a string. A ``Msg`` *is* a ``str`` whose value is its English text, so everything
that treated messages as text (sorting problems, the JSON and tests that compare English)
sees exactly what it saw before; the CLI, which knows ``--lang``, words it with
:func:`text` at print time. One ``Problem`` thus prints in either language, and its ``code``
stays the same in both. Arguments may themselves be ``Msg`` (worded in the same language) or
tuples (joined with ``, `` in English and ``、`` in Chinese).
"""

from __future__ import annotations

import string
from typing import Any


class Msg(str):
    """A catalogue message: its English text as a ``str``, plus its id and arguments."""

    id: str
    args: dict[str, Any]

    def __new__(cls, id: str, /, **args: Any) -> Msg:
        self = super().__new__(cls, _render(id, args, "en"))
        self.id = id
        self.args = args
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Problems cross process boundaries (reading.py's pool): rebuilt from id and args.
        return (_rebuild, (self.id, self.args))

    def render(self, lang: str) -> str:
        """The message in ``lang`` ("en" or "zh")."""
        return _render(self.id, self.args, lang)


def _rebuild(id: str, args: dict[str, Any]) -> Msg:
    return Msg(id, **args)


def to_data(value: Any) -> Any:
    """``value`` (a message, or an argument of one) as JSON data that :func:`from_data` turns
    back into it: a cache keeps a problem's message worded in either language, not its
    English alone."""
    if isinstance(value, Msg):
        return {"msg": value.id, "args": {k: to_data(v) for k, v in value.args.items()}}
    if isinstance(value, OneOf):
        return {"one_of": [to_data(v) for v in value]}
    if isinstance(value, tuple):
        return {"items": [to_data(v) for v in value]}
    return value


def from_data(data: Any) -> Any:
    """The value :func:`to_data` made ``data`` from; a message id the catalogue no longer has
    (data written by another version) raises KeyError."""
    if isinstance(data, dict):
        if "msg" in data:
            return Msg(data["msg"], **{k: from_data(v) for k, v in data["args"].items()})
        if "one_of" in data:
            return OneOf(from_data(v) for v in data["one_of"])
        return tuple(from_data(v) for v in data["items"])
    return data


def text(value: str, lang: str) -> str:
    """``value`` in ``lang`` if it is a catalogue message; other text as it is."""
    return value.render(lang) if isinstance(value, Msg) else value


class OneOf(tuple[str, ...]):
    """Choices as an argument: "a, b or c" in English, "a、b 或 c" in Chinese."""

    __slots__ = ()


def _arg(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, OneOf):
        return one_of([str(_arg(v, lang)) for v in value], lang)
    if isinstance(value, tuple):
        return ("、" if lang == "zh" else ", ").join(str(_arg(v, lang)) for v in value)
    return value


def _render(id: str, args: dict[str, Any], lang: str) -> str:
    en, zh = CATALOGUE[id]
    values = {k: _arg(v, lang) for k, v in args.items()}
    if lang != "zh":
        return en.format(**values)
    return _set_chinese(zh, values)


def _cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def _set_chinese(template: str, values: dict[str, Any]) -> str:
    """``template`` filled in, without the template's space between two Chinese words.

    A placeholder stands between spaces in the catalogue (``为 {value}``) so that a number or a
    quoted name reads ``为 '2'``; where the value is Chinese itself (``日期``, ``全角数字``)
    the space would fall between two Chinese words, which Chinese text never has. Only the
    template's own spaces are dropped: a value's text is kept as typed."""
    out = ""
    for literal, field, spec, conversion in string.Formatter().parse(template):
        if out and literal.startswith(" ") and _cjk(out[-1]) and _cjk(literal[1:2] or "x"):
            literal = literal[1:]
        out += literal
        if field is None:
            continue
        value = values[field]
        if conversion:
            value = repr(value) if conversion == "r" else str(value)
        shown = format(value, spec or "")
        if shown and out.endswith(" ") and _cjk(shown[0]) and _cjk(out[-2:-1] or "x"):
            out = out[:-1]
        out += shown
    return out


def placeholders(template: str) -> set[str]:
    """The named placeholders of a catalogue text (``{name}``, ``{value:g}`` -> name, value)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def one_of(items: list[str] | tuple[str, ...], lang: str) -> str:
    """In English "a, b or c"; in Chinese "a、b 或 c"."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + " 或 " + items[-1]
    return ", ".join(items[:-1]) + " or " + items[-1]


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in the planner's words (not ``[Errno 13] ...``)."""
    import errno

    known = {
        errno.EACCES: "os-permission",
        errno.EPERM: "os-permission",
        errno.ENOENT: "os-not-found",
        errno.EISDIR: "os-is-folder",
        errno.ENOTDIR: "os-not-folder",
        errno.ENOSPC: "os-disk-full",
        errno.EFBIG: "os-too-big",
        errno.EROFS: "os-read-only",
        errno.ELOOP: "os-loop",
        errno.EIO: "os-io",
    }
    if exc.errno in known:
        return Msg(known[exc.errno])
    return exc.strerror or str(exc)


#: id -> (English, Chinese). Grouped by where the message is made. Placeholders are named and
#: the same in both texts; ids are kebab-case and never reused for another meaning.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- how a problem is printed (cli/common.py) ---
    # The position keeps ``: `` in Chinese too: editors and grep read FILE:LINE:COL: as a mark.
    "problem-line": ("{where}: {severity}{message}", "{where}: {severity}{message}"),
    "problem-hint": (" (hint: {hint})", "（提示：{hint}）"),
    "problem-code": (" [{code}]", " [{code}]"),
    "warning-prefix": ("warning: ", "警告："),
    "error-line": ("error: {message}", "错误：{message}"),
    "count-errors": ("{n} error", "{n} 个错误"),
    "count-errors-many": ("{n} errors", "{n} 个错误"),
    "count-warnings": ("{n} warning", "{n} 个警告"),
    "count-warnings-many": ("{n} warnings", "{n} 个警告"),
    "count-and": ("{first} and {second}", "{first}、{second}"),
    "count-in-files": ("{counts} in {n} file", "共 {n} 个文件中有 {counts}"),
    "count-in-files-many": ("{counts} in {n} files", "共 {n} 个文件中有 {counts}"),
    "files-valid": ("{n} file valid", "{n} 个文件有效"),
    "files-valid-many": ("{n} files valid", "{n} 个文件全部有效"),
    "problems-found": ("{n} problem found in the input", "输入中发现 {n} 个问题"),
    "problems-found-many": ("{n} problems found in the input", "输入中发现 {n} 个问题"),
    "wrote": ("wrote {path}", "已写入 {path}"),
    "interrupted": ("interrupted", "已中断"),
    "left-out": (
        "the file above with errors is left out of the results",
        "上述有误的文件未纳入结果",
    ),
    "left-out-many": (
        "the {n} files above with errors are left out of the results",
        "上述有误的 {n} 个文件未纳入结果",
    ),
    "consensus-same-file": (
        "the same profile as {other}, given again: one assessor would count twice",
        "与 {other} 是同一份档案，重复给出：同一位评估人会被计算两次",
    ),
    "consensus-file-twice": (
        "this file is given twice: one assessor would count twice",
        "该文件给出了两次：同一位评估人会被计算两次",
    ),
    "consensus-same-file-hint": (
        "give each assessor's profile once",
        "每位评估人的档案只给出一次",
    ),
    "strict-nothing-written": (
        "nothing written: --strict and some inputs are bad",
        "未写入任何内容：已指定 --strict，且部分输入有误",
    ),
    "no-profiles": ("no profiles found", "未找到任何地区档案"),
    "no-profiles-hint": (
        "add YAML profiles to ./cities or name them on the command line",
        "请将 YAML 档案放入 ./cities 文件夹，或在命令行中指明",
    ),
    "no-profiles-named-hint": (
        "the files and folders named hold no YAML profile; a folder's subfolders are not read",
        "所指明的文件和文件夹中没有 YAML 档案；子文件夹不会被读取",
    ),
    "folder-no-yaml": (
        "this folder holds no YAML file: nothing was checked",
        "该文件夹中没有 YAML 文件，未检查任何内容",
    ),
    "folder-no-yaml-hint": (
        "name the files, or the subfolder that holds them: subfolders are not read",
        "请指明文件，或指明存放文件的子文件夹；子文件夹不会被读取",
    ),
    "reading-profiles": ("reading profiles", "正在读取地区档案"),
    "lang-variable": (
        "warning: {name} is '{value}', expected zh or en; the locale's language is used",
        "警告：{name} 为 '{value}'，应为 zh 或 en；已按系统区域设置的语言显示",
    ),
    "internal-error": (
        "policebench: internal error (a bug in policebench, not in your input); please report "
        "it with the lines below",
        "policebench：内部错误（这是 policebench 的缺陷，不是您的输入有误）；"
        "请连同下面几行一并报告",
    ),
    "output-is-folder": ("{path} is a folder", "{path} 是一个文件夹"),
    "output-is-folder-hint": ("give a file name to --output", "请为 --output 指定文件名"),
    # --- shared pieces of hints ---
    "did-you-mean": ("did you mean '{name}'?", "您是否想写 '{name}'？"),
    "hint-then": ("{first} {rest}", "{first}{rest}"),
    "allowed-keys": ("allowed keys: {keys}", "允许的键：{keys}"),
    # --- the message table of the models' own checks (validation/build.py) ---
    "value-null": ("nothing (null)", "空值（null）"),
    "value-bool": ("the boolean {value}", "布尔值 {value}"),
    "value-mapping": ("a mapping", "一组键值"),
    "value-list": ("a list", "一个列表"),
    "value-list-of-text": ("a list of {n} texts ({first}...)", "含 {n} 项文字的列表（{first}……）"),
    "value-list-of-one-text": ("a list of one text ({first})", "只含一项文字的列表（{first}）"),
    "value-date": ("the date {date}", "日期 {date}"),
    "subject-name": ("'{name}'", "'{name}'"),
    "subject-key": ("the key {key}", "键 {key}"),
    "subject-item": ("item {n} of '{parent}'", "'{parent}' 的第 {n} 项"),
    "form-number-in-quotes": ("a number in quotes", "加了引号的数字"),
    "form-fullwidth-digits": ("in full-width digits", "全角数字"),
    "form-level-word": ("a level written the Chinese way", "中文写法的等级"),
    "form-text": ("text", "文字"),
    "unknown-key": ("unknown key '{name}'", "未知的键 '{name}'"),
    "missing-key": ("missing required key '{name}'", "缺少必填的键 '{name}'"),
    "missing-key-hint": ("add '{name}:' here", "请在此处添加 '{name}:'"),
    "not-one-of": (
        "{subject} is {value}, expected one of {expected}",
        "{subject} 为 {value}，应为以下之一：{expected}",
    ),
    "not-whole-number": (
        "{subject} is {value}, expected a whole number",
        "{subject} 为 {value}，应为整数",
    ),
    "not-finite": (
        "{subject} is {value}, expected a finite number",
        "{subject} 为 {value}，应为有限的数",
    ),
    "not-a-number": ("{subject} is {value}, expected a number", "{subject} 为 {value}，应为数字"),
    "not-text": ("{subject} is {value}, expected text", "{subject} 为 {value}，应为文字"),
    "hint-quote-it": ('put it in quotes, e.g. "{example}"', '请加上引号，例如 "{example}"'),
    "bound-greater-than": (
        "{subject} is {value}, expected a number greater than {bound}",
        "{subject} 为 {value}，应为大于 {bound} 的数",
    ),
    "bound-greater-than-equal": (
        "{subject} is {value}, expected a number at least {bound}",
        "{subject} 为 {value}，应为不小于 {bound} 的数",
    ),
    "bound-less-than": (
        "{subject} is {value}, expected a number less than {bound}",
        "{subject} 为 {value}，应为小于 {bound} 的数",
    ),
    "bound-less-than-equal": (
        "{subject} is {value}, expected a number at most {bound}",
        "{subject} 为 {value}，应为不大于 {bound} 的数",
    ),
    "not-a-mapping": (
        "{subject} is {value}, expected a mapping of keys",
        "{subject} 为 {value}，应为一组键值（key: value）",
    ),
    "not-a-mapping-of": (
        "{subject} is {value}, expected a mapping of keys such as {keys}",
        "{subject} 为 {value}，应为一组键值，例如 {keys}",
    ),
    "source-is-url": (
        "{subject} is the address {value} alone, expected a source: its title, address and "
        "reliability",
        "{subject} 只写了网址 {value}，来源应写明标题、网址和可靠性",
    ),
    "list-of-urls": (
        "{subject} is a list of {n} addresses, expected sources, each with its title, address "
        "and reliability",
        "{subject} 是含 {n} 个网址的列表，应为来源，每条写明标题、网址和可靠性",
    ),
    "source-is-url-hint": (
        "write each source as '- title: <what it is>' with 'url: {url}' and 'reliability: "
        "primary' (or secondary, repost) on the lines below it",
        "每条来源写作 '- title: <名称>'，并在下面几行写 'url: {url}' 和 'reliability: primary'"
        "（或 secondary、repost）",
    ),
    "not-a-list": ("{subject} is {value}, expected a list", "{subject} 为 {value}，应为列表"),
    "empty-list": (
        "{subject} is empty, expected at least one entry",
        "{subject} 为空，至少应有一项",
    ),
    "empty-text": ("{subject} is empty", "{subject} 为空"),
    "empty-text-hint": (
        "write the text, or remove the key if it is optional",
        "请填写内容；若该键可选，也可删除",
    ),
    "too-long": (
        "{subject} is {size} characters long, at most {limit} are allowed",
        "{subject} 长 {size} 个字符，最多允许 {limit} 个",
    ),
    "too-long-hint": ("shorten it", "请缩短"),
    "not-true-or-false": (
        "{subject} is {value}, expected true or false",
        "{subject} 为 {value}，应为 true 或 false",
    ),
    "not-a-date": ("{subject} is {value}, expected a date", "{subject} 为 {value}，应为日期"),
    "not-a-date-hint": ("write it as YYYY-MM-DD", "请写作 YYYY-MM-DD（年-月-日）"),
    "invalid-value": ("{subject} is not accepted ({detail})", "{subject} 的值不被接受（{detail}）"),
    "hint-number-in-quotes": ("remove the quotes: {number}", "请去掉引号：{number}"),
    "hint-fullwidth-digits": (
        "'{typed}' is in full-width digits: write {number} in half-width digits",
        "'{typed}' 是全角数字：请用半角数字写作 {number}",
    ),
    "hint-exponent": (
        "YAML reads {typed} as text, not as a number: write {number}",
        "YAML 把 {typed} 读作文字而不是数字：请写作 {number}",
    ),
    "hint-level-word": ("write the level's number alone: {number}", "只写等级的数字：{number}"),
    "id-form": (
        "'{name}' is {value}, expected an id of lowercase letters, digits and hyphens",
        "'{name}' 为 {value}，标识应由小写字母、数字和连字符组成",
    ),
    "id-form-key": (
        "key {value}: expected an id of lowercase letters, digits and hyphens",
        "键 {value}：标识应由小写字母、数字和连字符组成",
    ),
    "id-confusable": (
        "{subject} is {value}, expected an id of lowercase letters, digits and hyphens: {what}",
        "{subject} 为 {value}，标识应由小写字母、数字和连字符组成：{what}",
    ),
    "confusable": (
        "character {position} '{char}' is {code} ({unicode_name}), which only looks like '{latin}'",
        "第 {position} 个字符 '{char}' 是 {code}（{unicode_name}），只是看起来像 '{latin}'",
    ),
    "char-cyrillic": ("a Cyrillic letter", "西里尔字母"),
    "char-greek": ("a Greek letter", "希腊字母"),
    "char-invisible": ("an invisible character", "不可见字符"),
    "char-dash": ("a dash, not the hyphen-minus", "连接号，不是半角连字符"),
    "write-id": ("write '{id}'", "请写作 '{id}'"),
    "id-latin-hint": (
        "write it in Latin letters: lowercase, digits and hyphens (for a place, the pinyin of "
        "its name); a Chinese name goes in 'name_zh'",
        "请用拉丁字母书写：小写字母、数字和连字符（地区可用其名称的拼音）；"
        "中文名称写在 'name_zh' 中",
    ),
    # --- reading a file (readers/yaml) ---
    "os-permission": ("permission denied", "没有访问权限"),
    "os-not-found": ("no such file or folder", "文件或文件夹不存在"),
    "os-is-folder": ("it is a folder", "这是一个文件夹"),
    "os-not-folder": ("a part of the path is not a folder", "路径中有一部分不是文件夹"),
    "os-disk-full": ("the disk is full", "磁盘已满"),
    "os-too-big": ("the file is larger than the system allows", "文件超过系统允许的大小"),
    "os-read-only": ("the disk or folder is read-only", "磁盘或文件夹是只读的"),
    "os-loop": ("too many symbolic links", "符号链接层数过多"),
    "os-io": ("the disk could not be read or written", "磁盘读写出错"),
    "utf16": (
        "the file is UTF-16 encoded; policebench reads UTF-8",
        "文件是 UTF-16 编码；policebench 只读取 UTF-8",
    ),
    "utf16-hint": (
        "save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
        "请另存为 UTF-8（记事本：另存为，编码选 UTF-8）",
    ),
    "binary": ("this is a binary file, not a YAML text file", "这是二进制文件，不是 YAML 文本文件"),
    "binary-hint": (
        "check the path; rubrics and profiles are .yaml text files",
        "请检查路径；评估框架和地区档案都是 .yaml 文本文件",
    ),
    # A file given to the wrong command: what it is, and the command that reads it.
    "other-xlsx": (
        "this is an Excel workbook (.xlsx), not a YAML text file",
        "这是 Excel 工作簿（.xlsx），不是 YAML 文本文件",
    ),
    "other-xlsx-hint": (
        "a filled data-collection workbook becomes a profile with policebench import {file}; "
        "questionnaire answers with policebench survey {file} --city ID",
        "填好的数据采集表请用 policebench import {file} 转为档案；"
        "问卷答案请用 policebench survey {file} --city 地区标识",
    ),
    "other-our-workbook": (
        "this is a policebench data-collection workbook, not a YAML profile",
        "这是 policebench 数据采集表，不是 YAML 档案",
    ),
    "other-our-workbook-hint": (
        "a filled workbook becomes a profile with policebench import {file}",
        "填好的数据采集表请用 policebench import {file} 转为档案",
    ),
    "other-xlsx-survey-hint": (
        "questionnaire answers exported as a workbook become a profile with policebench "
        "survey {file} --city ID",
        "问卷答案请用 policebench survey {file} --city 地区标识 转为档案",
    ),
    "other-csv": (
        "this is a CSV table, not a YAML profile",
        "这是 CSV 表格，不是 YAML 档案",
    ),
    "other-csv-hint": (
        "questionnaire answers become a profile with policebench survey {file} --city ID",
        "问卷答案请用 policebench survey {file} --city 地区标识 转为档案",
    ),
    "other-yaml-for-survey": (
        "this looks like a YAML profile, not questionnaire answers",
        "这似乎是 YAML 地区档案，不是问卷答案",
    ),
    "other-yaml-for-survey-hint": (
        "survey reads answers as CSV or .xlsx; a profile is checked with policebench validate "
        "{file}",
        "survey 读取 CSV 或 .xlsx 格式的问卷答案；档案请用 policebench validate {file} 检查",
    ),
    "other-yaml-for-import": (
        "this looks like a YAML profile, not a data-collection workbook",
        "这似乎是 YAML 地区档案，不是数据采集表",
    ),
    "other-yaml-for-import-hint": (
        "a profile becomes a workbook with policebench export {file} -o FILE.xlsx",
        "要把档案转为工作簿，请用 policebench export {file} -o 文件名.xlsx",
    ),
    "other-csv-for-import": (
        "this is a CSV file, not a data-collection workbook",
        "这是 CSV 文件，不是数据采集表",
    ),
    "other-workbook-for-survey": (
        "this is a policebench data-collection workbook, not questionnaire answers",
        "这是 policebench 的数据采集表，不是问卷答案",
    ),
    "other-workbook-for-survey-hint": (
        "a filled data-collection workbook becomes a profile with policebench import {file}",
        "填好的数据采集表请用 policebench import {file} 转为档案",
    ),
    "save-utf8": ("save the file as UTF-8", "请将文件另存为 UTF-8 编码"),
    "looks-gbk": (
        "it looks like GBK/GB18030 (common on Chinese Windows); save it as UTF-8",
        "文件看起来是 GBK/GB18030 编码（中文 Windows 常见）；请另存为 UTF-8",
    ),
    "not-utf8": (
        "the file is not valid UTF-8 (byte {byte} cannot start a UTF-8 character here)",
        "文件不是有效的 UTF-8（此处字节 {byte} 不能作为 UTF-8 字符的开头）",
    ),
    "is-folder": ("is a folder, expected a YAML file", "是一个文件夹，应为 YAML 文件"),
    "not-regular-file": ("is not a regular file", "不是普通文件"),
    "not-regular-file-hint": ("give the path of a .yaml file", "请给出 .yaml 文件的路径"),
    "file-too-big": (
        "the file is {size} MB; policebench inputs are at most {limit} MB",
        "文件大小为 {size} MB；policebench 的输入最大为 {limit} MB",
    ),
    "file-too-big-hint": (
        "check the path: rubrics and profiles are small text files",
        "请检查路径：评估框架和地区档案都是很小的文本文件",
    ),
    "file-over": ("the file is over {limit} MB", "文件超过 {limit} MB"),
    "no-such-file": ("no such file", "文件不存在"),
    "no-such-file-hint": ("check the spelling of the path", "请检查路径的拼写"),
    "symlink-loop": ("a symbolic link points to itself", "符号链接指向了自身"),
    "cannot-read": ("cannot be read: {reason}", "无法读取：{reason}"),
    "too-many-values": ("the document has more than {limit} values", "文档中的值超过 {limit} 个"),
    "too-many-values-hint": (
        "a rubric or profile has a few thousand values at most; check the path",
        "评估框架或地区档案最多只有几千个值；请检查路径",
    ),
    "too-deep": ("nesting deeper than {limit} levels", "嵌套超过 {limit} 层"),
    "too-deep-hint": (
        "rubrics and profiles nest a few levels; check the brackets",
        "评估框架和地区档案只嵌套几层；请检查括号",
    ),
    "file-empty": ("the file is empty", "文件是空的"),
    "file-empty-hint": (
        "a rubric or profile is a YAML mapping of keys",
        "评估框架或地区档案是由键值组成的 YAML 映射",
    ),
    "alias-bomb": (
        "the document expands to more than {limit} values (aliases expanding without bound?)",
        "文档展开后超过 {limit} 个值（别名无限展开？）",
    ),
    "alias-bomb-hint": (
        "write the values out instead of nesting aliases",
        "请直接写出各个值，不要嵌套别名",
    ),
    "value-single": ("a single value", "单个值"),
    "document-not-mapping": (
        "the document is {kind}, expected a mapping of keys such as 'id:' and 'name:'",
        "文档是{kind}，应为由 'id:'、'name:' 等键组成的映射",
    ),
    "alias-loop": (
        "an alias refers to the list or mapping that contains it, which would nest without end "
        "(deeper than {limit} levels)",
        "别名引用了包含它自身的列表或映射，会无限嵌套（超过 {limit} 层）",
    ),
    "alias-loop-hint": (
        "an alias (*name) can only repeat a value defined before it, not its own parent",
        "别名（*name）只能重复在它之前定义的值，不能引用它的上层",
    ),
    "tag": (
        "the tag {tag} is not allowed: policebench reads plain YAML only",
        "不允许使用标签 {tag}：policebench 只读取普通 YAML",
    ),
    "tag-hint": (
        "remove the tag and write the value as plain text, a number, a list or a mapping",
        "请删除标签，把值写成普通文字、数字、列表或映射",
    ),
    "number-too-long": ("the number is {size} characters long", "这个数字长达 {size} 个字符"),
    "value-unreadable": (
        "cannot read the value {value}: no such date, time or number exists",
        "无法读取值 {value}：不存在这样的日期、时间或数字",
    ),
    "date-no-month": (
        "cannot read the date {value}: there is no month {month} (months are 1 to 12)",
        "无法读取日期 {value}：没有 {month} 月（月份为 1 到 12）",
    ),
    "date-no-day": (
        "cannot read the date {value}: month {month} of {year} has no day {day}",
        "无法读取日期 {value}：{year} 年 {month} 月没有 {day} 日",
    ),
    "date-exists-hint": (
        "give a day that exists, as YYYY-MM-DD",
        "请填写实际存在的日期（YYYY-MM-DD）",
    ),
    "value-unreadable-hint": (
        "check the date (YYYY-MM-DD, a day that exists), or put the value in quotes if it is text",
        "请检查日期（YYYY-MM-DD，且该日存在）；如果是文字，请加引号",
    ),
    "value-not-of-tag": ("cannot read the value {value} as {tag}", "无法把值 {value} 读作 {tag}"),
    "value-not-of-tag-hint": (
        "remove the tag {tag} or write a value of that kind",
        "请删除标签 {tag}，或写出该类型的值",
    ),
    "complex-key": (
        "a key must be a plain name or number, not a list or mapping",
        "键必须是普通名称或数字，不能是列表或映射",
    ),
    "merge": ("merge keys (<<) are not supported", "不支持合并键（<<）"),
    "merge-hint": ("write the keys out in full", "请完整写出各个键"),
    "duplicate-key": (
        "duplicate key {key} (first defined on line {line})",
        "重复的键 {key}（第 {line} 行已定义）",
    ),
    "duplicate-key-hint": (
        "remove one of the two entries or merge them",
        "请删除其中一项，或将两项合并",
    ),
    "yaml11-number": (
        "YAML reads {typed} as {read}, a number you did not write",
        "YAML 会把 {typed} 读作 {read}，并不是您写的数字",
    ),
    "yaml11-number-hint": (
        "write {plain}, without the leading zero that makes YAML read it in base 8; put it in "
        "quotes if it is text",
        "请写作 {plain}，去掉开头的 0（它会让 YAML 按八进制读取）；如果是文字，请加引号",
    ),
    "yaml11-colon-hint": (
        "YAML reads ':' between digits as base 60: write the number you mean (1.5, 90), or put "
        'a time or ratio in quotes: "{typed}"',
        "YAML 把数字之间的 ':' 按六十进制读取：请写出您想表达的数（如 1.5、90），"
        '时间或比例请加引号："{typed}"',
    ),
    "yaml11-base-hint": (
        "write the number in decimal digits, or put {typed} in quotes if it is text",
        "请用十进制数字书写；如果 {typed} 是文字，请加引号",
    ),
    "fullwidth-colon": (
        "full-width colon '：' (U+FF1A) after '{key}'",
        "'{key}' 后面是全角冒号 '：'（U+FF1A）",
    ),
    "fullwidth-colon-hint": (
        "type the half-width ':' followed by a space: '{fixed}'",
        "请输入半角冒号 ':' 并在后面加一个空格：'{fixed}'",
    ),
    "fullwidth-comma-name": ("full-width comma '，' (U+FF0C)", "全角逗号 '，'（U+FF0C）"),
    "list-comma-name": ("'、' (U+3001)", "顿号 '、'（U+3001）"),
    "fullwidth-comma": (
        "{name} between the items of a [...] or {{...}}",
        "[...] 或 {{...}} 的各项之间用了{name}",
    ),
    "fullwidth-comma-hint": (
        "separate items with the half-width ',' followed by a space",
        "请用半角逗号 ',' 加一个空格分隔各项",
    ),
    "fullwidth-space": (
        "the line is indented with full-width spaces (U+3000), which YAML does not read as "
        "indentation",
        "此行用全角空格（U+3000）缩进，YAML 不把它当作缩进",
    ),
    "fullwidth-space-hint": (
        "indent with half-width spaces: switch the input method to English, or to half-width "
        "with Shift+Space",
        "请用半角空格缩进：把输入法切换到英文，或按 Shift+空格 切换到半角",
    ),
    "fullwidth-dash": (
        "full-width dash '－' (U+FF0D) where a list item starts",
        "列表项开头用了全角连字符 '－'（U+FF0D）",
    ),
    "fullwidth-dash-hint": (
        "start a list item with the half-width '-' followed by a space",
        "列表项请以半角 '-' 加一个空格开头",
    ),
    # --- YAML syntax (readers/yaml/_syntax.py); libyaml-* keep libyaml's English exactly ---
    "yaml-syntax": ("YAML syntax: {problem}", "YAML 语法错误：{problem}"),
    "yaml-syntax-context": (
        "YAML syntax: {problem} ({context})",
        "YAML 语法错误：{problem}（{context}）",
    ),
    "yaml-control-character": (
        "YAML syntax: character {code} is not allowed in YAML text",
        "YAML 语法错误：YAML 文本中不允许出现字符 {code}",
    ),
    "yaml-control-character-hint": (
        "remove the control character (text pasted from a PDF or Word may carry one)",
        "请删除这个控制字符（从 PDF 或 Word 粘贴的文字可能带有）",
    ),
    "yaml-anchor-twice": (
        "YAML syntax: the same anchor (&name) is defined twice",
        "YAML 语法错误：同一个锚点（&name）定义了两次",
    ),
    "yaml-anchor-twice-at": (
        "YAML syntax: the same anchor (&name) is defined twice (first defined on line {line})",
        "YAML 语法错误：同一个锚点（&name）定义了两次（第 {line} 行已定义）",
    ),
    "yaml-anchor-twice-hint": ("give each anchor its own name", "请为每个锚点取不同的名字"),
    "yaml-tab-hint": (
        "YAML indents with spaces; replace the tab characters with spaces",
        "YAML 用空格缩进；请把制表符换成空格",
    ),
    "yaml-tab-indent": (
        "the line is indented with a tab; YAML indents with spaces only",
        "此行用制表符（Tab）缩进，YAML 只能用空格缩进",
    ),
    "yaml-tab-indent-hint": (
        "replace the indentation with {spaces} spaces, which lines it up with the lines around it",
        "请把缩进换成 {spaces} 个空格，与上下文对齐",
    ),
    "yaml-tab-unindent-hint": (
        "remove the tab at the start of the line, which lines it up with the lines around it",
        "请删除行首的制表符，与上下文对齐",
    ),
    "yaml-missing-colon": (
        "'{text}' has no colon: a key and its value are written 'key: value'",
        "'{text}' 缺少冒号：键和值应写作 '键: 值'",
    ),
    "yaml-missing-colon-hint": ("write '{fixed}'", "请写作 '{fixed}'"),
    "yaml-missing-colon-or-continued-hint": (
        "write '{fixed}'; or, if the line goes on with the value of '{key}' above, indent it "
        "two spaces more than '{key}'",
        "请写作 '{fixed}'；如这一行是上面 '{key}' 的值的续行，请比 '{key}' 多缩进两格",
    ),
    "yaml-indent-deeper": (
        "'{key}' is indented {more} space(s) deeper than '{above}' above it, which already "
        "has a value",
        "'{key}' 比上一行的 '{above}' 多缩进了 {more} 个空格，而 '{above}' 已有值",
    ),
    "yaml-indent-deeper-hint": (
        "keys of one level line up: indent the line as '{above}' is, {spaces} spaces",
        "同一层的键须对齐，请与 '{above}' 一样缩进 {spaces} 个空格",
    ),
    "yaml-indent-deeper-top-hint": (
        "keys of one level line up: start the line at its first column, as '{above}' is",
        "同一层的键须对齐，请与 '{above}' 一样顶格书写",
    ),
    "yaml-indent-deeper-or-value-top-hint": (
        "if '{key}' is a key of its own, start the line at its first column, as '{above}' is; "
        "if the line is part of the value above, put the value in quotes (it holds ': ')",
        "如 '{key}' 是新的键，请与 '{above}' 一样顶格书写；如这一行是上一行值的一部分，含 ': ' "
        "的值须加引号",
    ),
    "yaml-indent-deeper-or-value-hint": (
        "if '{key}' is a key of its own, indent it as '{above}' is ({spaces} spaces); if the "
        "line is part of the value above, put the value in quotes (it holds ': ')",
        "如 '{key}' 是新的键，请与 '{above}' 一样缩进 {spaces} 个空格；如这一行是上一行值的一部分，"
        "含 ': ' 的值须加引号",
    ),
    "yaml-indent-odd": (
        "'{key}' is indented {spaces} spaces, the keys above and below it {others}",
        "'{key}' 缩进了 {spaces} 个空格，而上下的键缩进 {others} 个空格",
    ),
    "yaml-indent-first": (
        "'{key}' is indented {spaces} spaces, the keys below it {others}",
        "'{key}' 缩进了 {spaces} 个空格，而下面的键缩进 {others} 个空格",
    ),
    "yaml-indent-first-hint": (
        "indent the line {more} space(s) more, to line up with the keys below it",
        "请把这一行多缩进 {more} 个空格，与下面的键对齐",
    ),
    "yaml-indent-under": (
        "'{key}' is indented as '{opener}' above it, but belongs under it, at {others} spaces "
        "as the next line",
        "'{key}' 与上一行的 '{opener}' 缩进相同，但应写在 '{opener}' 之下，与下一行一样缩进 "
        "{others} 个空格",
    ),
    "yaml-indent-odd-hint": (
        "line it up with the keys around it, at {spaces} spaces",
        "请与上下的键对齐，缩进 {spaces} 个空格",
    ),
    "yaml-continued-value": (
        "'{text}' looks like the value of '{key}' going on, but it is indented no deeper than "
        "'{key}' itself",
        "'{text}' 像是上面 '{key}' 的值的续行，但缩进与 '{key}' 相同",
    ),
    "yaml-continued-value-hint": (
        "indent the line two spaces more than '{key}', or write the value on one line",
        "续行请比 '{key}' 多缩进两格，或把整段值写在同一行",
    ),
    "yaml-colon-hint": ("a value containing ': ' must be quoted", "含有 ': ' 的值必须加引号"),
    "yaml-escape-hint": (
        "inside double quotes a backslash starts an escape; write \\\\ or use single quotes",
        "双引号内的反斜杠表示转义；请写作 \\\\，或改用单引号",
    ),
    "yaml-quote-hint": ("a quote is not closed", "有一个引号没有闭合"),
    "yaml-documents-hint": (
        "a file holds one document; remove the extra '---'",
        "一个文件只能有一个文档；请删除多余的 '---'",
    ),
    "yaml-directive-hint": (
        "remove the %YAML or %TAG line: policebench reads plain YAML 1.1",
        "请删除 %YAML 或 %TAG 行：policebench 只读取普通 YAML 1.1",
    ),
    "yaml-tag-handle-hint": (
        "remove the tag (the word starting with '!')",
        "请删除标签（以 '!' 开头的词）",
    ),
    "yaml-dash-hint": (
        "a '-' starts a list item; for a value that is not known write null",
        "'-' 表示列表项的开始；未知的值请写 null",
    ),
    "yaml-indent-hint": (
        "check the indentation of this line against the lines above",
        "请对照上面几行检查此行的缩进",
    ),
    "yaml-alias-hint": (
        "an alias (*name) needs an anchor (&name) earlier in the file",
        "别名（*name）需要在文件前面有对应的锚点（&name）",
    ),
    "yaml-bracket-hint": (
        "a bracket is not closed, or a comma is missing between items",
        "有括号没有闭合，或各项之间缺少逗号",
    ),
    "libyaml-block-seq": (
        "block sequence entries are not allowed in this context",
        "此处不允许出现列表项",
    ),
    "libyaml-another-doc": ("but found another document", "却发现了另一个文档"),
    "libyaml-single-doc": ("expected a single document in the stream", "一个文件应只包含一个文档"),
    "libyaml-no-colon": ("could not find expected ':'", "找不到应有的 ':'"),
    "libyaml-simple-key": ("while scanning a simple key", "读取键时"),
    "libyaml-no-comma-bracket": ("did not find expected ',' or ']'", "找不到应有的 ',' 或 ']'"),
    "libyaml-no-comma-brace": ("did not find expected ',' or '}}'", "找不到应有的 ',' 或 '}}'"),
    "libyaml-flow-seq": ("while parsing a flow sequence", "解析 [...] 列表时"),
    "libyaml-flow-map": ("while parsing a flow mapping", "解析 {{...}} 映射时"),
    "libyaml-no-dash": ("did not find expected '-' indicator", "找不到应有的 '-'"),
    "libyaml-block-collection": ("while parsing a block collection", "解析列表时"),
    "libyaml-no-doc-start": ("did not find expected <document start>", "找不到文档开头（---）"),
    "libyaml-no-line-break": (
        "did not find expected comment or line break",
        "找不到应有的注释或换行",
    ),
    "libyaml-block-scalar": ("while scanning a block scalar", "读取多行文字时"),
    "libyaml-no-key": ("did not find expected key", "找不到应有的键"),
    "libyaml-block-mapping": ("while parsing a block mapping", "解析映射时"),
    "libyaml-bad-char": ("found character that cannot start any token", "发现不能出现在此处的字符"),
    "libyaml-next-token": ("while scanning for the next token", "读取下一项时"),
    "libyaml-dup-directive": ("found duplicate %YAML directive", "发现重复的 %YAML 指令"),
    "libyaml-incompatible": ("found incompatible YAML document", "发现不兼容的 YAML 文档"),
    "libyaml-undefined-alias": ("found undefined alias", "发现未定义的别名"),
    "libyaml-undefined-tag": ("found undefined tag handle", "发现未定义的标签前缀"),
    "libyaml-node": ("while parsing a node", "解析值时"),
    "libyaml-eos": ("found unexpected end of stream", "文件意外结束"),
    "libyaml-quoted-scan": ("while scanning a quoted scalar", "读取带引号的文字时"),
    "libyaml-bad-escape": ("found unknown escape character", "发现未知的转义字符"),
    "libyaml-quoted-parse": ("while parsing a quoted scalar", "解析带引号的文字时"),
    "libyaml-mapping-values": (
        "mapping values are not allowed in this context",
        "此处不允许出现键值",
    ),
    "libyaml-mapping-values-here": ("mapping values are not allowed here", "此处不允许出现键值"),
    "libyaml-block-end": ("did not find expected <block end>", "找不到应有的块结尾"),
    "libyaml-block-end-dash": ("expected <block end>, but found '-'", "应为块结尾，却发现了 '-'"),
    "libyaml-block-end-block-mapping": (
        "expected <block end>, but found '<block mapping start>'",
        "应为块结尾，却发现了新的映射",
    ),
    "libyaml-tab": ("found a tab character that violates indentation", "发现破坏缩进的制表符"),
    "libyaml-tab-scan": (
        "found a tab character where an indentation space is expected",
        "在应为缩进空格处发现制表符",
    ),
    "libyaml-plain-scan": ("while scanning a plain scalar", "读取未加引号的文字时"),
    "libyaml-unexpected-colon": ("found unexpected ':'", "发现意外的 ':'"),
    "libyaml-no-node": ("did not find expected node content", "找不到应有的值"),
    "libyaml-mapping-keys": ("mapping keys are not allowed in this context", "此处不允许出现键"),
    "libyaml-block-node": ("while parsing a block node", "解析值时"),
    "libyaml-flow-node": ("while parsing a flow node", "解析 [...] 或 {{...}} 中的值时"),
    "libyaml-anchor": ("while scanning an anchor", "读取锚点（&name）时"),
    "libyaml-alias": ("while scanning an alias", "读取别名（*name）时"),
    "libyaml-alphanumeric": (
        "did not find expected alphabetic or numeric character",
        "找不到应有的字母或数字",
    ),
    "libyaml-tag-scan": ("while scanning a tag", "读取标签（!）时"),
    "libyaml-tag-parse": ("while parsing a tag", "解析标签（!）时"),
    "libyaml-tag-uri": ("did not find expected tag URI", "找不到应有的标签 URI"),
    "libyaml-no-bang": ("did not find expected '!'", "找不到应有的 '!'"),
    "libyaml-no-angle": ("did not find the expected '>'", "找不到应有的 '>'"),
    "libyaml-uri-octet": ("did not find URI escaped octet", "找不到应有的 URI 转义字节"),
    "libyaml-no-space-break": (
        "did not find expected whitespace or line break",
        "找不到应有的空格或换行",
    ),
    "libyaml-no-space": ("did not find expected whitespace", "找不到应有的空格"),
    "libyaml-directive": ("while scanning a directive", "读取指令（%）时"),
    "libyaml-yaml-directive": ("while scanning a %YAML directive", "读取 %YAML 指令时"),
    "libyaml-tag-directive-scan": ("while scanning a %TAG directive", "读取 %TAG 指令时"),
    "libyaml-tag-directive-parse": ("while parsing a %TAG directive", "解析 %TAG 指令时"),
    "libyaml-directive-name": ("could not find expected directive name", "找不到应有的指令名"),
    "libyaml-unknown-directive": ("found unknown directive name", "发现未知的指令名"),
    "libyaml-version": ("did not find expected version number", "找不到应有的版本号"),
    "libyaml-version-digit": (
        "did not find expected digit or '.' character",
        "找不到应有的数字或 '.'",
    ),
    "libyaml-version-long": ("found extremely long version number", "发现过长的版本号"),
    "libyaml-dup-tag-directive": ("found duplicate %TAG directive", "发现重复的 %TAG 指令"),
    "libyaml-non-alpha": (
        "found unexpected non-alphabetical character",
        "发现意外的非字母字符",
    ),
    "libyaml-zero-indent": (
        "found an indentation indicator equal to 0",
        "发现值为 0 的缩进指示符",
    ),
    "libyaml-hex": ("did not find expected hexdecimal number", "找不到应有的十六进制数"),
    "libyaml-bad-unicode-escape": (
        "found invalid Unicode character escape code",
        "发现无效的 Unicode 转义码",
    ),
    "libyaml-document-indicator": (
        "found unexpected document indicator",
        "发现意外的文档标记（--- 或 ...）",
    ),
    "libyaml-control": ("control characters are not allowed", "不允许出现控制字符"),
    # --- a profile against its rubric (validation/profile_checks.py) ---
    "unknown-rubric": (
        "unknown rubric id '{rubric}'; the rubric in use is '{used}'",
        "未知的评估框架标识 '{rubric}'；当前使用的评估框架是 '{used}'",
    ),
    "unknown-rubric-hint": (
        "pass the right rubric with --rubric PATH",
        "请用 --rubric PATH 指定正确的评估框架",
    ),
    "level-range": (
        "level {level} is outside the scale {min}..{max}",
        "等级 {level} 超出 {min} 到 {max} 的量表范围",
    ),
    "level-range-hint": (
        "use a whole number from {min} to {max}, or null if unknown",
        "请填写 {min} 到 {max} 之间的整数；未知则写 null",
    ),
    "value-not-metric": (
        "'{id}' is rated by level, not measured: 'value' belongs to metric indicators",
        "'{id}' 按等级评定，不是计量指标：'value' 只用于计量指标",
    ),
    "value-not-metric-hint": ("give 'level' instead", "请改为填写 'level'"),
    "level-disagrees-with-value": (
        "level {level} disagrees with value {value}, which reaches level {implied} under the "
        "rubric's thresholds",
        "等级 {level} 与数值 {value} 不符：按评估框架的阈值，该数值对应等级 {implied}",
    ),
    "level-disagrees-with-value-hint": (
        "give the value alone; the level follows",
        "只填写数值即可，等级会据此得出",
    ),
    "no-confidence": ("'{id}' has a level but no confidence", "'{id}' 有等级但没有置信度"),
    "no-confidence-hint": (
        "add 'confidence: high | medium | low'",
        "请添加 'confidence: high | medium | low'",
    ),
    "target-unknown-indicator": (
        "target for unknown indicator '{id}'",
        "目标指向未知的指标 '{id}'",
    ),
    "target-out-of-scale": (
        "target {level} is outside the scale {min}..{max}",
        "目标 {level} 超出 {min} 到 {max} 的量表范围",
    ),
    "target-out-of-scale-hint": (
        "a target is a level from {min} to {max}",
        "目标是 {min} 到 {max} 之间的等级",
    ),
    "unknown-indicator": (
        "unknown indicator '{id}' (not in rubric '{rubric}')",
        "未知的指标 '{id}'（评估框架 '{rubric}' 中没有）",
    ),
    "look-alike-hint": (
        "character {position} '{char}' is {code}, which only looks like '{latin}': retype it",
        "第 {position} 个字符 '{char}' 是 {code}，只是看起来像 '{latin}'：请重新输入",
    ),
    "no-evidence": (
        "'{id}' has a level but no evidence; reports show it as an opinion",
        "'{id}' 有等级但没有证据；报告会将其标为主观判断",
    ),
    "no-evidence-hint": ("add 'evidence:'", "请添加 'evidence:'"),
    "no-source": ("'{id}' has evidence but no source", "'{id}' 有证据但没有来源"),
    "no-source-hint": ("add 'sources:'", "请添加 'sources:'"),
    # --- a rubric's own consistency (validation/rubric_checks.py, uncertainty.py) ---
    "scale-max-not-above-min": (
        "scale max ({max}) must be greater than scale min ({min})",
        "量表最大值（{max}）必须大于最小值（{min}）",
    ),
    "level-unnamed": ("level {level} has no name", "等级 {level} 没有名称"),
    "level-unnamed-hint": (
        "add '{level}: <name>' under scale.levels",
        "请在 scale.levels 下添加 '{level}: <名称>'",
    ),
    "outside-scale": (
        "level {level} is outside the scale {min}..{max}",
        "等级 {level} 超出 {min} 到 {max} 的量表范围",
    ),
    "default-target-out-of-scale": (
        "default_target {level} is outside the scale {min}..{max}",
        "default_target {level} 超出 {min} 到 {max} 的量表范围",
    ),
    "stages-not-ascending": (
        "stages must be in ascending order of min ({min} follows {before})",
        "发展阶段必须按 min 从小到大排列（{min} 排在 {before} 之后）",
    ),
    "duplicate-dimension-id": ("duplicate dimension id '{id}'", "重复的维度标识 '{id}'"),
    "duplicate-indicator-id": (
        "duplicate indicator id '{id}' (indicator ids are unique across the rubric)",
        "重复的指标标识 '{id}'（指标标识在整个评估框架中必须唯一）",
    ),
    "missing-descriptor": (
        "indicator '{id}' has no descriptor for level {level}",
        "指标 '{id}' 缺少等级 {level} 的描述",
    ),
    "missing-descriptor-hint": (
        "add '{level}: <what it looks like>'",
        "请添加 '{level}: <该等级的表现>'",
    ),
    "action-level-out-of-range": (
        "actions for level {level}: actions are listed under the level they reach, {low}..{max}",
        "等级 {level} 下的举措：举措应列在其达到的等级下，即 {low} 到 {max}",
    ),
    "metric-fields-on-level-indicator": (
        "thresholds and unit belong to metric indicators",
        "thresholds 和 unit 只用于计量指标",
    ),
    "metric-fields-on-level-indicator-hint": (
        "add 'kind: metric' or remove them",
        "请添加 'kind: metric'，或删除它们",
    ),
    "metric-no-thresholds": (
        "metric indicator '{id}' needs 'thresholds': the value needed for each level",
        "计量指标 '{id}' 需要 'thresholds'：每个等级所需的数值",
    ),
    "metric-no-thresholds-hint": (
        "e.g. thresholds: {{1: 0.5, 2: 1, 3: 2, 4: 3}}",
        "例如 thresholds: {{1: 0.5, 2: 1, 3: 2, 4: 3}}",
    ),
    "thresholds-not-every-level": (
        "thresholds must give a value for each level {low}..{max}, got [{got}]",
        "thresholds 必须为 {low} 到 {max} 的每个等级给出数值，实际为 [{got}]",
    ),
    "thresholds-not-rising": ("thresholds must rise with the level", "thresholds 必须随等级递增"),
    "metric-no-unit": (
        "metric indicator '{id}' needs a 'unit'",
        "计量指标 '{id}' 需要 'unit'（单位）",
    ),
    "needs-unknown-indicator": ("needs an unknown indicator '{id}'", "needs 指向未知的指标 '{id}'"),
    "needs-level-out-of-scale": (
        "needs '{id}' at level {level}, outside the scale",
        "needs 要求 '{id}' 达到等级 {level}，超出量表范围",
    ),
    "needs-cycle": (
        "'needs' form a cycle no roadmap can order: {chain}",
        "'needs' 构成循环，无法排出路线图：{chain}",
    ),
    "needs-cycle-hint": ("remove or lower one of these needs", "请删除或降低其中一项 needs"),
    "impute-out-of-scale": (
        "{key} {level} is outside the scale {min}..{max}",
        "{key} {level} 超出 {min} 到 {max} 的量表范围",
    ),
    "impute-out-of-scale-hint": (
        "use a level from {min} to {max}, or leave it out",
        "请使用 {min} 到 {max} 之间的等级，或不填",
    ),
    "impute-min-above-max": (
        "impute_min ({low}) is above impute_max ({high})",
        "impute_min（{low}）大于 impute_max（{high}）",
    ),
    "impute-min-above-max-hint": (
        "the lowest plausible level of an unknown must not exceed the highest",
        "未知等级的最低可能值不能超过最高可能值",
    ),
    "aggregation-listed-twice": (
        "aggregation '{name}' is listed twice; each listed one is equally likely",
        "汇总方式 '{name}' 列了两次；列出的每种方式概率相同",
    ),
    "aggregation-listed-twice-hint": ("list each aggregation once", "每种汇总方式只列一次"),
    "medium-shift-above-low": (
        "medium_shift ({medium}) is above low_shift ({low}): medium-confidence levels would move "
        "more often than low-confidence ones",
        "medium_shift（{medium}）大于 low_shift（{low}）：中置信度的等级会比低置信度的变动更频繁",
    ),
    "medium-shift-above-low-hint": (
        "make medium_shift at most low_shift",
        "请使 medium_shift 不大于 low_shift",
    ),
    # --- values typed another way (validation/forms.py) ---
    "how-number-in-quotes": ("a number in quotes", "加了引号的数字"),
    "how-fullwidth-digits": ("full-width digits", "全角数字"),
    "how-level-word": ("a level written the Chinese way", "中文写法的等级"),
    "how-unknown-word": ("a word for 'not known'", "表示“未知”的词"),
    "how-level-name": ("a level name of the rubric", "评估框架中的等级名称"),
    "how-fullwidth-letters": ("full-width letters", "全角字母"),
    "how-in-quotes": ("in quotes", "加了引号"),
    "how-number-as-text": ("a number stored as text", "以文本格式存储的数字"),
    "how-as-text": ("typed with spaces or as text", "带空格或以文本格式填写"),
    "how-not-in-list": ("not a word of the drop-down list", "不在下拉列表中"),
    "how-capitals": ("capital letters", "大写字母"),
    "how-chinese-word": ("a Chinese word", "中文词"),
    "how-date-written": ("a date written another way", "日期的其他写法"),
    "how-without-quotes": (", without quotes", "，不加引号"),
    "how-in-halfwidth": (", in half-width digits", "，用半角数字"),
    "subject-target": ("the target of '{id}'", "'{id}' 的目标"),
    "read-as": (
        "{subject} is '{typed}' ({how}), read as {shown}",
        "{subject} 为 '{typed}'（{how}），已读作 {shown}",
    ),
    "write-as": ("write {key}: {value}{how}", "请写作 {key}: {value}{how}"),
    "hint-target-null": (
        "a target is a level; remove the line if there is none",
        "目标是一个等级；如果没有目标，请删除此行",
    ),
    "lowest-level-number": ("the lowest level's number", "最低等级的数字"),
    "hint-ambiguous-none": (
        "'{typed}' may mean 'nothing of it' or 'not known': write {lowest} if the place has "
        "nothing of it, or null if it is not known",
        "'{typed}' 既可能表示“完全没有”，也可能表示“未知”：完全没有请写 {lowest}，未知请写 null",
    ),
    "hint-one-number": (
        "give one whole number, or null if unknown",
        "请只填一个整数；未知则写 null",
    ),
    "hint-level-name-needs-rubric": (
        "write the level's number: a level name is read only against a rubric",
        "请写等级的数字：等级名称只能对照评估框架来读取",
    ),
    "hint-level-name-near": (
        "did you mean '{name}' (level {level})? write the number",
        "您是否想写 '{name}'（等级 {level}）？请写数字",
    ),
    "hint-one-confidence": ("choose one of high, medium or low", "请从 high、medium、low 中选一个"),
    # --- questionnaires (readers/survey_csv.py, cli/commands/survey.py) ---
    "unknown-column": ("unknown column '{name}'", "未知的列 '{name}'"),
    "unknown-column-hint": (
        "columns are indicator ids (see `policebench new`), respondent, role or comment; start a "
        "header with # to ignore its column",
        "列名应为指标标识（见 `policebench new`）、respondent、role 或 comment；"
        "列名以 # 开头则忽略该列",
    ),
    "duplicate-column": (
        "column '{name}' repeats column {first}",
        "列 '{name}' 与第 {first} 列重复",
    ),
    "duplicate-column-hint": ("keep one column per indicator", "每个指标只保留一列"),
    "cell-not-whole": ("'{text}' is not a whole number", "'{text}' 不是整数"),
    "cell-not-level": ("'{text}' is not a level", "'{text}' 不是等级"),
    "cell-in-column": ("{error} (column '{column}')", "{error}（列 '{column}'）"),
    "cell-level-hint": (
        "use a whole number from {min} to {max}, or leave it blank",
        "请填写 {min} 到 {max} 之间的整数，或留空",
    ),
    "no-header": (
        "column {column} has no header but holds a value",
        "第 {column} 列没有列名，但填有数值",
    ),
    "no-header-hint": (
        "give it an indicator id as header, start the header with # to ignore it, or delete the "
        "value",
        "请以指标标识作为列名；或以 # 开头的列名忽略该列；或删除这些数值",
    ),
    "mixed-separator": (
        "this row is separated by {found}, the header row by {used}: the answers of {n} such "
        "rows would all read as blank",
        "此行用 {found} 分隔，而表头用 {used} 分隔：这样的 {n} 行回答都会被读成空白",
    ),
    "mixed-separator-hint": (
        "save the whole file with one separator: in Excel or WPS, Save As, CSV UTF-8 (comma "
        "delimited)",
        "请整个文件只用一种分隔符：在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”",
    ),
    "file-size": ("the file is {size} MB", "文件大小为 {size} MB"),
    "is-folder-csv": ("is a folder, expected a CSV file", "是一个文件夹，应为 CSV 文件"),
    "not-csv": (
        "this is neither a CSV text file nor an .xlsx workbook (an .xls?)",
        "这既不是 CSV 文本文件，也不是 .xlsx 工作簿（是 .xls 吗？）",
    ),
    "save-csv-hint": (
        "in Excel or WPS: Save As Excel Workbook (*.xlsx), or CSV UTF-8",
        "在 Excel 或 WPS 中：另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8”",
    ),
    "survey-fix-columns": (
        "fix the columns named above (--skip-bad-rows does not skip those)",
        "请修改上面列出的列（--skip-bad-rows 不能跳过这些问题）",
    ),
    "survey-fix-cells": (
        "fix the cells above, or leave those rows out with --skip-bad-rows",
        "请修改上面列出的单元格，或用 --skip-bad-rows 略过这些行",
    ),
    "nothing-written": ("nothing written: {advice}", "未写入任何内容：{advice}"),
    "row-of": ("{line} ({who})", "{line}（{who}）"),
    "skipped-row": ("skipped {n} row: {rows}", "已略过 {n} 行：{rows}"),
    "skipped-rows": ("skipped {n} rows: {rows}", "已略过 {n} 行：{rows}"),
    "no-answers": ("{file}: no answers to aggregate", "{file}：没有可汇总的回答"),
    "no-answers-hint": ("add one row per respondent", "请每位受访者填写一行"),
    "all-blank": ("{file}: every answer is blank", "{file}：所有回答都是空白"),
    "all-blank-hint": ("give each indicator's level", "请填写各指标的等级"),
    "survey-summary": (
        "{people} respondent; {answered} of {total} indicators answered",
        "{people} 位受访者；{total} 项指标中有 {answered} 项有回答",
    ),
    "place-no-name": (
        "no --name: the place is called by its id, {city}, in the profile and in every "
        "table; add --name (and --name-zh for the Chinese name), or write name in the profile",
        "未写 --name：档案和各表格中以标识 {city} 称呼该地区；请加 --name（中文名称用 "
        "--name-zh），或在档案中填写 name",
    ),
    "place-no-name-zh": (
        "no --name-zh: the profile has no Chinese name, and Chinese tables will show {shown}; "
        "add --name-zh, or write name_zh in the profile",
        "未写 --name-zh：档案没有中文名称，中文表格中将显示为 {shown}；请加 --name-zh 重新生成，"
        "或在档案中填写 name_zh",
    ),
    "csv-unclosed-quote": (
        "a quote opened in column {column} is not closed before line {end}: {n} row(s) "
        "after it were read as part of this cell",
        "第 {column} 列的引号未闭合，直到第 {end} 行：其后的 {n} 行被读成了这个单元格的内容",
    ),
    "csv-unclosed-quote-hint": (
        'close the quote, or write a quote inside a cell as two (""); in Excel or WPS save '
        "the sheet again as CSV UTF-8",
        '请补上闭合的引号，单元格内的引号写成两个（""）；或在 Excel/WPS 中重新另存为 CSV UTF-8',
    ),
    "csv-duplicate-respondent": (
        "respondent '{respondent}' already answered on line {first}; a repeated row would be "
        "counted twice",
        "受访者“{respondent}”已在第 {first} 行作答；重复的行会被重复计数",
    ),
    "csv-duplicate-respondent-hint": (
        "delete the repeated row, give each respondent their own id, or leave repeats out with "
        "--skip-bad-rows (the first row is kept)",
        "请删除重复的行，或为每位受访者使用不同的标识；"
        "也可用 --skip-bad-rows 跳过重复行（保留第一行）",
    ),
    "csv-unreadable-row": (
        "this row cannot be read as CSV ({reason}); the rows from here on were not read",
        "此行无法按 CSV 读取（{reason}）；从此行起的内容均未读取",
    ),
    "office-tty": (
        "an Office file (xlsx, docx) is not shown on a terminal",
        "Office 文件（xlsx、docx）不能输出到终端",
    ),
    "office-tty-hint": ("give --output FILE", "请用 --output 指定文件"),
    "peer-knows-nothing": (
        "{prefix}the peer {place} has no known level yet: it is not ranked and sets no target "
        "(a profile not filled in yet?{advice})",
        "{prefix}对标地区 {place} 尚无已知等级：不参与排名，也不设定任何目标（是否是尚未填写的"
        "档案？{advice}）",
    ),
    "peers-know-nothing": (
        "{prefix}{n} peers have no known level yet: {places}; they are not ranked and set no "
        "target (profiles not filled in yet?{advice})",
        "{prefix}{n} 个对标地区尚无已知等级：{places}；它们不参与排名，也不设定任何目标（是否是"
        "尚未填写的档案？{advice}）",
    ),
    "peers-know-nothing-more": (
        "{prefix}{n} peers have no known level yet: {places}, ...; they are not ranked and set "
        "no target (profiles not filled in yet?{advice})",
        "{prefix}{n} 个对标地区尚无已知等级：{places}等；它们不参与排名，也不设定任何目标（是否"
        "是尚未填写的档案？{advice}）",
    ),
    "peer-same-name": (
        "{prefix}the peer {place} has the name of the place assessed: another profile of the "
        "same place?{advice}",
        "{prefix}对标地区 {place} 与被评估地区同名：是否是同一地区的另一份档案？{advice}",
    ),
    "peer-advice": (" --peers chooses the peers", "可用 --peers 指定对标地区"),
    "peer-advice-alone": (" (--peers chooses the peers)", "（可用 --peers 指定对标地区）"),
    "survey-sheet-not-workbook": (
        "{prefix}--sheet {sheet} is for an .xlsx workbook; {file} is a CSV file and was read whole",
        "{prefix}--sheet {sheet} 仅用于 .xlsx 工作簿；{file} 是 CSV 文件，已整个读取",
    ),
    "survey-read-as": ("read {file} as {how}", "已按 {how} 读取 {file}"),
    "read-as-utf8": ("UTF-8", "UTF-8"),
    "read-as-utf8-bom": ("UTF-8 with a byte-order mark", "带 BOM 的 UTF-8"),
    "read-as-gb18030": (
        "GB18030 (not valid UTF-8; GB18030, the superset of GBK, is what Excel and WPS save as "
        "CSV on Chinese Windows)",
        "GB18030（不是有效的 UTF-8；GB18030 是 GBK 的超集，中文 Windows 上 Excel 和 WPS 另存为 "
        "CSV 时使用此编码）",
    ),
    "read-as-xlsx": ("an .xlsx workbook, sheet {sheet}", ".xlsx 工作簿的工作表“{sheet}”"),
    "survey-summary-many": (
        "{people} respondents; {answered} of {total} indicators answered",
        "{people} 位受访者；{total} 项指标中有 {answered} 项有回答",
    ),
    # --- workbooks (issue 14) ---
    # readers/workbook.py (import), readers/survey_csv.py (survey from .xlsx)
    # what a problem found in a workbook's cell says instead of YAML (CellDocument.problem)
    "wb-empty-cell": ("'{label}' is required but empty", "'{label}' 为必填项，但未填写"),
    "wb-empty-cell-hint": ("fill in this cell", "请填写此单元格"),
    "wb-pick-from-list": (
        "pick it from the cell's drop-down list instead",
        "请改为从单元格的下拉列表中选择",
    ),
    "wb-choose-from-list": (
        "choose one from the cell's drop-down list",
        "请从单元格的下拉列表中选择",
    ),
    "wb-leave-empty": ("leave the cell empty for unknown", "未知时请将单元格留空"),
    "wb-one-level-hint": (
        "choose one level from the cell's drop-down list; leave it empty if unknown",
        "请从单元格的下拉列表中选择一个等级；未知则留空",
    ),
    "wb-ambiguous-none-hint": (
        "'{typed}' may mean 'nothing of it' or 'not known': choose level {lowest} if the place "
        "has nothing of it, or leave the cell empty if it is not known",
        "'{typed}' 既可能表示“完全没有”，也可能表示“未知”："
        "完全没有请选 {lowest} 级，未知请将单元格留空",
    ),
    "wb-no-evidence-hint": ("write the evidence in this cell", "请在此单元格填写证据"),
    "wb-no-confidence-hint": (
        "pick the confidence from the cell's drop-down list (high, medium or low)",
        "请从该单元格的下拉列表中选择置信度（高、中或低）",
    ),
    "wb-no-source-hint": (
        "fill in a source's title, address and reliability in these columns",
        "请在这几列填写来源的标题、网址和可靠性",
    ),
    "wb-level-range-hint": (
        "choose a level from {min} to {max} in the cell's drop-down list; leave it empty if "
        "unknown",
        "请从单元格的下拉列表中选择 {min} 到 {max} 的等级；未知则留空",
    ),
    "wb-is-folder": ("is a folder, expected an .xlsx workbook", "是一个文件夹，应为 .xlsx 工作簿"),
    "wb-too-big": (
        "the workbook is {size} MB; a filled assessment workbook is well under {limit} MB",
        "工作簿大小为 {size} MB；填好的评估工作簿通常远小于 {limit} MB",
    ),
    "wb-too-big-hint": (
        "remove pictures and sheets that are not part of the assessment, or make a new "
        "workbook with policebench new --format xlsx",
        "请删除与评估无关的图片和工作表，或用 policebench new --format xlsx 重新生成工作簿",
    ),
    "wb-not-xlsx": ("this is not an .xlsx workbook", "这不是 .xlsx 工作簿"),
    "wb-zip-not-xlsx": ("this zip file is not an .xlsx workbook", "这个 zip 文件不是 .xlsx 工作簿"),
    "wb-save-xlsx-hint": (
        "save it from Excel or WPS as Excel Workbook (*.xlsx)",
        "请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”",
    ),
    "wb-damaged": ("the workbook is damaged ({detail})", "工作簿已损坏（{detail}）"),
    "wb-damaged-end": (
        "the workbook is damaged: its end is missing, as when a download or a copy stopped "
        "half-way",
        "工作簿已损坏：文件末尾缺失，常见于下载或复制中途中断",
    ),
    "wb-damaged-end-hint": (
        "download or copy the file again; if Excel or WPS still opens it, save it again as .xlsx",
        "请重新下载或复制该文件；如果 Excel 或 WPS 仍能打开，请重新另存为 .xlsx",
    ),
    "wb-damaged-part": (
        "the workbook is damaged: a part of it does not read back as it was written",
        "工作簿已损坏：其中有部分内容读出来与写入时不一致",
    ),
    "wb-unreadable": ("the workbook cannot be read ({detail})", "无法读取此工作簿（{detail}）"),
    "wb-save-again-hint": (
        "open it in Excel or WPS and save it again as .xlsx",
        "请在 Excel 或 WPS 中打开，再重新另存为 .xlsx",
    ),
    "wb-encrypted": (
        "the workbook is protected with a password (encrypted); it cannot be read",
        "工作簿设有打开密码（已加密），无法读取",
    ),
    "wb-encrypted-hint": (
        "open it in Excel or WPS, remove the password (File, Info, Protect Workbook / "
        "文件, 文档加密), save it as .xlsx and import that copy",
        "请在 Excel 或 WPS 中打开并取消密码（WPS：文件 → 文档加密；Excel：文件 → 信息 → "
        "保护工作簿），另存为 .xlsx，再导入这份副本",
    ),
    "wb-old-format": (
        "this is an old-format workbook (.xls, or WPS .et), not .xlsx",
        "这是旧格式的工作簿（.xls 或 WPS 的 .et），不是 .xlsx",
    ),
    "wb-old-format-hint": (
        "open it in Excel or WPS and Save As Excel Workbook (*.xlsx), then import that file",
        "请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”，再导入另存的文件",
    ),
    "wb-too-many-parts": (
        "the workbook has {n} parts",
        "工作簿包含 {n} 个部件，远超评估工作簿所需",
    ),
    "wb-parts-encrypted": ("the workbook's parts are encrypted", "工作簿的部件已加密"),
    "wb-parts-encrypted-hint": (
        "save an unencrypted copy as .xlsx",
        "请另存一份未加密的 .xlsx 副本",
    ),
    "wb-unpacks-to": (
        "the workbook unpacks to {size} MB (a zip bomb, or far more than an assessment)",
        "工作簿解压后达 {size} MB（可能是 zip 炸弹，或远超一份评估的数据量）",
    ),
    "wb-unpacks-to-hint": (
        "an assessment workbook unpacks to well under {limit} MB",
        "评估工作簿解压后通常远小于 {limit} MB",
    ),
    "wb-part-ratio": (
        "part {part} unpacks {ratio} times its size (a zip bomb?)",
        "部件 {part} 解压后是压缩大小的 {ratio} 倍（可能是 zip 炸弹）",
    ),
    "wb-new-workbook-hint": (
        "make a new workbook with policebench new --format xlsx",
        "请用 policebench new --format xlsx 重新生成工作簿",
    ),
    "wb-too-many-cells": (
        "the workbook has more than {cells} cells",
        "工作簿的单元格超过 {cells} 个",
    ),
    "wb-too-many-cells-hint": (
        "an assessment workbook has one row per indicator; remove other sheets",
        "评估工作簿每项指标只占一行；请删除其他工作表",
    ),
    "wb-part-larger": (
        "part {part} is larger than it says",
        "部件 {part} 的实际大小超过其声明的大小",
    ),
    "wb-dtd": (
        "part {part} declares a DTD, which no workbook needs",
        "部件 {part} 声明了 DTD，而工作簿用不到 DTD",
    ),
    "wb-save-from-office-hint": (
        "save the workbook again from Excel or WPS",
        "请在 Excel 或 WPS 中重新保存该工作簿",
    ),
    "wb-not-ours": (
        "this workbook was not made by policebench (it has no hidden sheet '{sheet}' "
        "recording the rubric)",
        "此工作簿不是 policebench 生成的（没有记录评估框架的隐藏工作表 '{sheet}'）",
    ),
    "wb-not-ours-hint": (
        "make the workbook with policebench new CITY --format xlsx (or export), fill it, then "
        "import it; questionnaire answers exported from a survey platform are read by "
        "policebench survey {file} --city ID",
        "请用 policebench new CITY --format xlsx（或 export）生成工作簿，填好后再导入；"
        "问卷平台导出的答案请用 policebench survey {file} --city 地区标识 读取",
    ),
    "wb-unknown-format": (
        "unknown workbook format '{found}' (this policebench reads {format})",
        "未知的工作簿格式 '{found}'（此版本的 policebench 读取 {format}）",
    ),
    "wb-unknown-format-hint": (
        "make a new workbook with this version of policebench (policebench export)",
        "请用此版本的 policebench 重新生成工作簿（policebench export）",
    ),
    "wb-no-sheet": (
        "the sheet '{en}' / '{zh}' is missing",
        "缺少工作表 '{zh}'（'{en}'）",
    ),
    "wb-no-sheet-hint": (
        "do not rename or delete the workbook's sheets; make a new one with policebench export",
        "请勿重命名或删除工作簿中的工作表；可用 policebench export 重新生成工作簿",
    ),
    "wb-other-rubric": (
        "the workbook was made for the rubric '{made}'; the rubric in use is '{used}'",
        "此工作簿是按评估框架 '{made}' 生成的；当前使用的评估框架是 '{used}'",
    ),
    "wb-other-rubric-hint": (
        "import it against its own rubric: policebench import FILE.xlsx --rubric PATH",
        "请按其自身的评估框架导入：policebench import FILE.xlsx --rubric PATH",
    ),
    "wb-other-version": (
        "the workbook was made for rubric {made}; the rubric in use is {used} ({changes})",
        "此工作簿是按评估框架 {made} 生成的；当前使用的评估框架是 {used}（{changes}）",
    ),
    "wb-changes-removed": (
        "indicators no longer in the rubric: {removed}",
        "评估框架中已没有的指标：{removed}",
    ),
    "wb-changes-added": (
        "indicators new in the rubric: {added}",
        "评估框架中新增的指标：{added}",
    ),
    "wb-changes-both": (
        "indicators no longer in the rubric: {removed}; indicators new in the rubric: {added}",
        "评估框架中已没有的指标：{removed}；新增的指标：{added}",
    ),
    "wb-changes-none": (
        "the same indicators; their descriptors or weights may differ",
        "指标相同，但等级描述或权重可能不同",
    ),
    "wb-other-version-hint": (
        "import it with --rubric pointing at the rubric it was made for, and see what changed "
        "with policebench rubric diff OLD.yaml NEW.yaml; or export a new workbook for the "
        "rubric in use",
        "请用 --rubric 指定生成该工作簿时所用的评估框架来导入，并用 policebench rubric diff "
        "OLD.yaml NEW.yaml 查看有哪些变更；或按当前评估框架导出新的工作簿",
    ),
    "wb-rubric-changed": (
        "the rubric file of version {version} has changed since the workbook was made "
        "(another SHA-256); its texts may differ from what respondents read",
        "生成此工作簿之后，版本 {version} 的评估框架文件有过改动（SHA-256 不同）；"
        "其文字可能与填写人当时看到的不同",
    ),
    "wb-rubric-changed-hint": (
        "check with policebench rubric diff if you have the old file",
        "如有旧文件，请用 policebench rubric diff 核对",
    ),
    "wb-id-by-order": (
        "rows follow the rubric's order: this row is '{id}', whose id is missing; restore it "
        "(ids link each row to the rubric)",
        "各行按评估框架的顺序排列：此行应为 '{id}'，而该标识已不在表中；请恢复该标识"
        "（标识把每一行与评估框架对应起来）",
    ),
    "wb-id-keep": (
        "do not edit the ids: they link each row to the rubric",
        "请勿修改标识：标识把每一行与评估框架对应起来",
    ),
    "wb-unknown-field": ("unknown field '{key}'", "未知的字段 '{key}'"),
    "wb-unknown-field-hint": ("do not edit column A of this sheet", "请勿修改此表的 A 列"),
    "wb-missing-field": ("the row '{key}' is missing", "缺少 '{key}' 这一行"),
    "wb-missing-field-hint": (
        "do not delete rows; make a new workbook with policebench export",
        "请勿删除行；可用 policebench export 重新生成工作簿",
    ),
    "wb-unknown-column-hint": (
        "do not rename or add columns; the headers are those policebench export writes (in "
        "English or Chinese)",
        "请勿重命名或添加列；列名须是 policebench export 写入的列名（中文或英文均可）",
    ),
    "wb-repeated-column": ("column '{header}' repeats another", "列 '{header}' 与另一列重复"),
    "wb-repeated-column-hint": ("delete one", "请删除其中一列"),
    "wb-missing-column": (
        "the column '{en}' / '{zh}' is missing",
        "缺少列 '{zh}'（'{en}'）",
    ),
    "wb-missing-column-hint": (
        "do not delete columns; make a new workbook with policebench export",
        "请勿删除列；可用 policebench export 重新生成工作簿",
    ),
    "wb-row-without-id": ("a row without an indicator id", "此行有内容，但没有指标标识"),
    "wb-row-without-id-hint": (
        "do not insert rows or delete ids; every row is one of the rubric's indicators",
        "请勿插入行或删除标识；每一行对应评估框架中的一项指标",
    ),
    "wb-unknown-indicator": (
        "unknown indicator id '{id}' (not in rubric '{rubric}')",
        "未知的指标标识 '{id}'（评估框架 '{rubric}' 中没有）",
    ),
    "wb-repeated-indicator": (
        "indicator '{id}' repeats row {row}",
        "指标 '{id}' 与第 {row} 行重复",
    ),
    "wb-repeated-indicator-hint": ("keep one row per indicator", "每项指标只保留一行"),
    "wb-no-row": (
        "{n} indicator of the rubric has no row: {ids}",
        "评估框架中有 {n} 项指标没有对应的行：{ids}",
    ),
    "wb-no-rows": (
        "{n} indicators of the rubric have no row: {ids}",
        "评估框架中有 {n} 项指标没有对应的行：{ids}",
    ),
    "wb-no-row-hint": (
        "do not delete rows; copy them back from a new workbook (policebench export)",
        "请勿删除行；可从新生成的工作簿（policebench export）中把这些行复制回来",
    ),
    "wb-survey-distribution": (
        "'{text}' is not a list of level: answers",
        "'{text}' 不是“等级: 答卷数”的列表",
    ),
    "wb-survey-distribution-hint": ("write it as 1: 3, 2: 5", "请写作 1: 3, 2: 5"),
    "wb-consensus-assessors": (
        "'{text}' is not a list of assessor: level",
        "'{text}' 不是“评估人: 等级”的列表",
    ),
    "wb-consensus-assessors-hint": (
        "write it as alice: 2, bob: 3, carol: unknown (a name with a colon in double quotes); "
        "policebench consensus writes these cells",
        "请写作 张三: 2, 李四: 3, 王五: 未知（姓名中有冒号的，请用英文双引号括起来）；"
        "这些单元格由 policebench consensus 填写",
    ),
    "wb-consensus-repeated": (
        "assessor '{name}' is listed twice",
        "评估人 '{name}' 重复列出",
    ),
    "wb-consensus-repeated-hint": ("list each assessor once", "每位评估人只列一次"),
    "wb-formula": (
        "a formula; policebench reads values, not formulas (it never computes them)",
        "这是公式；policebench 只读取数值，不读取公式（也从不计算公式）",
    ),
    "wb-formula-hint": (
        "type the value itself (copy the cell, then Paste Special, Values)",
        "请直接填写数值（复制该单元格，再“选择性粘贴 → 数值”）",
    ),
    "wb-merged": (
        "merged cells {cells}; every row and column must stay separate",
        "合并了单元格 {cells}；每一行、每一列都须保持独立",
    ),
    "wb-merged-answers": (
        "merged cells {cells}; each respondent's answer needs its own cell",
        "合并了单元格 {cells}；每位受访者的回答都须单独占一个单元格",
    ),
    "wb-merged-hint": (
        "unmerge them (Home, Merge, Unmerge Cells / 取消合并) and fill each cell",
        "请取消合并（开始 → 合并居中 → 取消合并单元格），再逐格填写",
    ),
    "wb-no-sheet-named": (
        "no sheet named '{sheet}' (the sheets: {names})",
        "没有名为 '{sheet}' 的工作表（现有工作表：{names}）",
    ),
    "wb-no-sheet-named-hint": (
        "give --sheet one of the names listed",
        "请给 --sheet 指定上面列出的名称之一",
    ),
    # --- new and survey: the profile written (cli/profile_output.py) ---
    "step-review": ("review it", "请审阅"),
    "step-fill-in": ("fill it in", "请填写"),
    "next-step": (
        "next: {step}, then run: policebench {command} {path}",
        "下一步：{step}，然后运行：policebench {command} {path}",
    ),
    "assessed-not-date": ("--assessed {text} is not a date", "--assessed {text} 不是日期"),
    "assessed-not-date-hint": (
        "write it as YYYY-MM-DD, e.g. 2026-11-24",
        "请写作 YYYY-MM-DD，例如 2026-11-24",
    ),
    "id-letters-hint": (
        "use lowercase letters, digits and hyphens",
        "请使用小写字母、数字和连字符",
    ),
    "id-letters-hint-eg": (
        "use lowercase letters, digits and hyphens, e.g. '{id}'",
        "请使用小写字母、数字和连字符，例如 '{id}'",
    ),
    "bad-place-id": ("'{id}' is not a valid place id", "'{id}' 不是有效的地区标识"),
    "cannot-make-profile": ("cannot make a profile: {problems}", "无法生成地区档案：{problems}"),
    "exists": ("{path} already exists; refusing to overwrite it", "{path} 已存在；不会覆盖它"),
    "exists-hint": (
        "choose another --output path, or remove the file first",
        "请另选 --output 路径，或先删除该文件",
    ),
    "exists-profile-hint": (
        "to replace it, remove or move it first; written under another name in {folder}, it "
        "would be a second profile of the same place (the one assessed later counts as its "
        "current state, the same date twice is refused)",
        "如要取代它，请先删除或移走该文件；若以其他文件名写入 {folder}，同一地区就会有两份档案"
        "（评估日期较晚的一份作为现状，日期相同则报重复）",
    ),
    # --- places, peers and rubrics in use (workspace/, cli/reporting.py, trend) ---
    "none": ("none", "无"),
    "peers-none-with-others": (
        "--peers none cannot be given with other peers",
        "--peers none 不能与其他对标地区同时给出",
    ),
    "peers-none-with-others-hint": (
        "give either --peers none, or the peers to compare with",
        "请只给出 --peers none，或只给出要对比的地区",
    ),
    "unknown-peer": ("unknown peer '{id}' for --peers", "--peers 中有未知的对标地区 '{id}'"),
    "unknown-peer-hint": (
        "give a profile id in use, a profile's path (e.g. cities/x.yaml), {bundled} or none",
        "请给出正在使用的档案标识、档案路径（例如 cities/x.yaml）、{bundled} 或 none",
    ),
    "no-rubric-path": (
        "{path}: no such rubric file or folder",
        "{path}：评估框架文件或文件夹不存在",
    ),
    "no-rubric-path-hint": ("check the path given to --rubric", "请检查 --rubric 给出的路径"),
    "no-rubric-files": (
        "{path}: no rubric (.yaml) files in this folder",
        "{path}：此文件夹中没有评估框架（.yaml）文件",
    ),
    "duplicate-rubric-id": (
        "rubric id '{id}' is also the id of {used}, which is used; this file is not",
        "评估框架标识 '{id}' 与 {used} 相同；使用的是后者，此文件未被使用",
    ),
    "duplicate-rubric-id-hint": (
        "give each rubric file its own id (a new version of a rubric: a new id or the old file "
        "moved out of the folder)",
        "请为每个评估框架文件设置不同的标识（新版本的评估框架：使用新标识，或把旧文件移出该文件夹）",
    ),
    "several-rubrics": (
        "{path}: several rubrics and none named {ids}",
        "{path}：有多个评估框架，但没有一个的标识是 {ids}",
    ),
    "several-rubrics-unnamed": (
        "{path}: several rubrics and none named by the profiles",
        "{path}：有多个评估框架，但档案没有指明用哪一个",
    ),
    "pass-rubric-hint": ("pass one with --rubric PATH", "请用 --rubric PATH 指定一个"),
    "rubric-not-used": ("rubric file not used: {problem}", "未使用此评估框架文件：{problem}"),
    "default-rubric-named": (
        "'smart-policing' (no profile names one)",
        "'smart-policing'（没有档案指明评估框架）",
    ),
    "rubric-not-found": (
        "no readable rubric with id {named} (readable: {readable}); {n} rubric file could not be "
        "read, the wanted one may be among them: {files}",
        "没有可读取的、标识为 {named} 的评估框架（可读取的：{readable}）；有 {n} 个评估框架文件无法"
        "读取，所需的可能就在其中：{files}",
    ),
    "rubric-not-found-many": (
        "no readable rubric with id {named} (readable: {readable}); {n} rubric files could not be "
        "read, the wanted one may be among them: {files}",
        "没有可读取的、标识为 {named} 的评估框架（可读取的：{readable}）；有 {n} 个评估框架文件无法"
        "读取，所需的可能就在其中：{files}",
    ),
    "rubric-not-found-hint": (
        "fix the problems listed, or pass the rubric with --rubric PATH",
        "请修正列出的问题，或用 --rubric PATH 指定评估框架",
    ),
    "unknown-city": (
        "unknown city '{id}' (places in use: {known})",
        "未知的地区 '{id}'（正在使用的地区：{known}）",
    ),
    "unknown-city-hint": (
        "give the path of its profile (e.g. cities/{id}.yaml or a folder), or {bundled} for the "
        "places bundled with policebench",
        "请给出其档案的路径（例如 cities/{id}.yaml 或一个文件夹），或用 {bundled} 表示 policebench "
        "自带的地区",
    ),
    "unknown-city-bundled-hint": (
        "'{id}' is a place bundled with policebench; beside a cities/ folder of your own the "
        "bundled places are used only when named: add {bundled} after it ({id} {bundled})",
        "'{id}' 是 policebench 自带的地区；工作文件夹有自己的 cities/ 时，自带地区只在指明时使用："
        "请在其后加上 {bundled}（{id} {bundled}）",
    ),
    "one-place": ("give exactly one place", "请只给出一个地区"),
    "one-place-hint": ("e.g. policebench report j-city", "例如 policebench report j-city"),
    "against-itself": ("a place cannot be compared with itself", "地区不能与自身对比"),
    "against-itself-hint": ("use another peer or 'frontier'", "请换一个对标地区，或用 'frontier'"),
    "unknown-against": (
        "unknown peer '{id}' for --against (peers: {peers})",
        "--against 中有未知的对标地区 '{id}'（对标地区：{peers}）",
    ),
    "unknown-against-hint": (
        "use 'frontier', 'none' or a peer's id; a place outside the peers joins them with --peers "
        "ID_OR_PATH or @bundled",
        "请用 'frontier'、'none' 或对标地区的标识；"
        "对比范围外的地区可用 --peers 地区标识或路径，或 @bundled 加入",
    ),
    "target-option-out-of-scale": (
        "--target {level} is outside the scale {min}..{max}",
        "--target {level} 超出 {min} 到 {max} 的量表范围",
    ),
    "target-option-out-of-scale-hint": (
        "give a level from {min} to {max}, e.g. --target {max}",
        "请给出 {min} 到 {max} 之间的等级，例如 --target {max}",
    ),
    "trend-city-folder": (
        "{path} is a folder; CITY is one place",
        "{path} 是一个文件夹；CITY 应为一个地区",
    ),
    "trend-city-folder-hint": (
        "give its id or one of its profile files, then the folder: policebench trend ID {path}",
        "请先给出地区标识或其某个档案文件，再给出文件夹：policebench trend ID {path}",
    ),
    "path-not-found": ("{path}: no such file or folder", "{path}：文件或文件夹不存在"),
    "no-valid-profile": ("{id}: no valid profile of this place", "{id}：此地区没有有效的档案"),
    "no-valid-profile-hint": ("run policebench validate", "请运行 policebench validate"),
    # --- the roadmap's blocked steps (analysis/roadmap.py) ---
    "blocked-first-reach": ("{id} must first reach level {level}", "{id}须先达到等级 {level}"),
    "blocked-needs-unknown": (
        "needs {id} at level {level}, whose current level is unknown",
        "需要{id}达到等级 {level}，而其当前等级未知",
    ),
    "blocked-needs-na": (
        "needs {id} at level {level}, which does not apply here (n/a)",
        "需要{id}达到等级 {level}，而该指标在此不适用",
    ),
    "blocked-needs": (
        "needs {id} at level {level}, which the roadmap takes only to {have}",
        "需要{id}达到等级 {level}，而路线图只能使其达到 {have}",
    ),
    "blocked-unordered": ("prerequisites cannot be ordered", "前置条件无法排序"),
    # --- more than one file, or the wrong kind (workspace/checking.py, inputs.py) ---
    "duplicate-profile": (
        "duplicate profile: '{id}' assessed on {assessed} is also in {other}",
        "重复的档案：'{id}' 在 {assessed} 的评估也出现在 {other} 中",
    ),
    "duplicate-profile-hint-remove": (
        "give each assessment its own 'assessed' date, or remove one file",
        "请为每次评估设置不同的 'assessed' 日期，或删除其中一个文件",
    ),
    "not-a-rubric": (
        "this is a profile (it names the rubric it is assessed against), not a rubric",
        "这是地区档案（其中写明了所依据的评估框架），不是评估框架",
    ),
    "not-a-rubric-hint": (
        "give a rubric file, e.g. rubrics/smart-policing.yaml",
        "请给出评估框架文件，例如 rubrics/smart-policing.yaml",
    ),
    "not-a-rubric-weights": (
        "this is an expert's pairwise comparisons (what weights ahp reads), not a rubric",
        "这是一位专家的两两比较（weights ahp 读取的文件），不是评估框架",
    ),
    "not-a-rubric-weights-hint": (
        "make a rubric with the panel's weights first: policebench weights ahp EXPERT.yaml... "
        "-o rubrics/ahp.yaml, then give rubrics/ahp.yaml",
        "请先生成带专家组权重的评估框架：policebench weights ahp 专家文件.yaml… -o "
        "rubrics/ahp.yaml，再给出 rubrics/ahp.yaml",
    ),
    # --- the sensitivity analysis (analysis/sensitivity) ---
    "needs-numpy": (
        "policebench sensitivity needs NumPy, which is missing from this Python environment",
        "policebench sensitivity 需要 NumPy，而当前 Python 环境中没有安装",
    ),
    "needs-numpy-hint": (
        "NumPy is installed with policebench; reinstall it (pip install policebench) or install "
        "NumPy alone (pip install numpy)",
        "NumPy 随 policebench 一起安装；请重新安装 policebench（pip install policebench），"
        "或单独安装 NumPy（pip install numpy）",
    ),
    "rubric-uncertainty": (
        "rubric '{id}' uncertainty: {problem}",
        "评估框架 '{id}' 的不确定性设置：{problem}",
    ),
    "samples-seed": (
        "samples must be at least 1 and seed at least 0",
        "samples 至少为 1，seed 至少为 0",
    ),
    "no-places": ("no places to analyse", "没有可分析的地区"),
    "place-twice": ("a place is listed twice", "有地区被列了两次"),
    "place-twice-hint": ("give each place once", "每个地区只列一次"),
    "memory-need": (
        "{places} places x {samples} samples x {indicators} indicators need about {need} GiB "
        "of memory",
        "{places} 个地区 × {samples} 次抽样 × {indicators} 个指标约需 {need} GiB 内存",
    ),
    "memory-need-hint": (
        "use fewer --samples: 10000 already place band ends within a few tenths of a point",
        "请减少 --samples：10000 次抽样已能把区间端点精确到零点几分",
    ),
    "draw-level-range": (
        "'{place}': level {level} of '{id}' is outside the scale {min}..{max}",
        "'{place}'：'{id}' 的等级 {level} 超出 {min} 到 {max} 的量表范围",
    ),
    "draw-level-range-hint": (
        "run policebench validate on the profile",
        "请对该档案运行 policebench validate",
    ),
    "sampling": (
        "sampling {places} places x {samples} samples",
        "正在抽样：{places} 个地区 × {samples} 次",
    ),
    "worker-stopped": (
        "a worker process of the analysis stopped before it finished (out of memory?)",
        "分析的工作进程未完成就停止了（内存不足？）",
    ),
    "worker-stopped-hint": (
        "use fewer --samples, or POLICEBENCH_WORKERS=1 to analyse in one process",
        "请减少 --samples，或设置 POLICEBENCH_WORKERS=1 在单个进程中分析",
    ),
    # --- report templates a planner adapts (render/templates.py) ---
    "template-folder-missing": ("{path}: no such template folder", "{path}：模板文件夹不存在"),
    "template-folder-missing-hint": (
        "give the folder holding your *.j2 templates",
        "请给出存放 *.j2 模板的文件夹",
    ),
    "template-not-found": ("template {name} not found", "找不到模板 {name}"),
    "template-not-found-hint": (
        "the bundled templates are report.md.j2, report.html.j2, compare.md.j2 and compare.html.j2",
        "自带的模板有 report.md.j2、report.html.j2、compare.md.j2 和 compare.html.j2",
    ),
    "template-syntax": (
        "{where}: template syntax error: {detail}",
        "{where}：模板语法错误：{detail}",
    ),
    "template-unsafe": (
        "template {name} tried something unsafe: {detail}",
        "模板 {name} 试图执行不安全的操作：{detail}",
    ),
    "template-unsafe-hint": (
        "templates may format the report data, nothing else",
        "模板只能排版报告数据，不能做其他事情",
    ),
    "template-no-name": (
        "template {template} uses '{name}', which the report data does not have",
        "模板 {template} 用到了 '{name}'，但报告数据中没有这一项",
    ),
    "template-error": ("template {template}: {detail}", "模板 {template}：{detail}"),
    "template-located": ("{where}: {message}", "{where}：{message}"),
    "na-forbidden": (
        "the rubric does not allow '{id}' to be marked not applicable",
        "评估框架不允许将 '{id}' 标为不适用",
    ),
    "na-forbidden-hint": (
        "give its level, or null if unknown, and remove 'applicable: false'",
        "请给出其等级（未知则写 null），并删除 'applicable: false'",
    ),
    "na-no-reason": (
        "'{id}' is marked not applicable without a reason",
        "'{id}' 被标为不适用，但没有给出理由",
    ),
    "na-no-reason-hint": (
        "add 'reason:' (why the indicator does not apply to this place)",
        "请添加 'reason:'（说明该指标为何不适用于本地区）",
    ),
    "na-with-level": (
        "'{id}' is marked not applicable but has a {key}",
        "'{id}' 被标为不适用，但仍有 {key}",
    ),
    "na-with-level-hint": (
        "remove '{key}:' (n/a has no level), or remove 'applicable: false'",
        "请删除 '{key}:'（不适用的指标没有等级），或删除 'applicable: false'",
    ),
    "source-after-assessment": (
        "a source of '{id}' is dated {date}, after the assessment ({assessed}); its age would "
        "be negative",
        "'{id}' 的一个来源日期为 {date}，晚于评估日期（{assessed}）：其时效将为负数",
    ),
    "source-after-assessment-hint": (
        "check the date, or move 'assessed' to the date of the newest source",
        "请检查日期，或将 'assessed' 改为最新来源的日期",
    ),
    "source-accessed-early": (
        "a source of '{id}' was accessed ({accessed}) before its date ({date})",
        "'{id}' 的一个来源访问日期（{accessed}）早于其日期（{date}）",
    ),
    "source-accessed-early-hint": (
        "'date' is the date the source describes, 'accessed' the day it was read",
        "'date' 是来源所述内容的日期，'accessed' 是阅读它的日期",
    ),
    "age-form": (
        "{subject} is {value}, expected an age in years or months",
        "{subject} 为 {value}，应为以年或月表示的时长",
    ),
    "age-form-hint": (
        'write a whole number and y or m, e.g. "3y" or "18m"',
        '请写整数加 y（年）或 m（月），例如 "3y" 或 "18m"',
    ),
    "out-is-input": (
        "{path} is one of the input files; refusing to overwrite it",
        "{path} 是本命令的输入文件之一，拒绝覆盖",
    ),
    "out-choose-other": ("choose another --output path", "请另选 --output 路径"),
    "out-yaml-exists": (
        "{path} already exists and is a YAML file; refusing to overwrite it",
        "{path} 已存在且是 YAML 文件，拒绝覆盖",
    ),
    "out-yaml-exists-hint": (
        "choose another --output path or remove the file first",
        "请另选 --output 路径，或先删除该文件",
    ),
    "out-office-changed": (
        "{path} has no mark of a report policebench wrote, or was changed since (another"
        " program's document, one from an earlier release, or saved again in Word, WPS or"
        " Excel); refusing to overwrite it",
        "{path} 没有 policebench 报告的写入标记，或写出后已被改动（可能是其他程序或早期版本写出的"
        "文档，或在 Word、WPS 或 Excel 中保存过），不会覆盖它",
    ),
    "out-report-changed": (
        "{path} has no mark of a report policebench wrote, or was changed since (another"
        " program's file, one from an earlier release, or edited and saved); refusing to"
        " overwrite it",
        "{path} 没有 policebench 报告的写入标记，或写出后已被改动（可能是其他程序或早期版本写出的"
        "文件，或编辑后保存过），不会覆盖它",
    ),
    "out-office-changed-hint": (
        "choose another --output name; if what it holds is no longer needed, delete or rename"
        " it first",
        "请用 --output 另选文件名；如果其中的内容已不再需要，先删除该文件或给它改名",
    ),
    "out-is-folder": ("{path} is a folder", "{path} 是文件夹"),
    "out-is-folder-hint": ("give a file name to --output", "请给 --output 一个文件名"),
    "out-no-folder": ("{path}: no such folder", "{path}：没有此文件夹"),
    "out-no-folder-hint": ("create it first", "请先创建该文件夹"),
    "out-parent-is-file": (
        "{path} is a file, not a folder",
        "{path} 是文件，不是文件夹",
    ),
    "out-parent-is-file-hint": (
        "put the output in a folder, or check the path's spelling",
        "请把输出放在某个文件夹中，或检查路径的拼写",
    ),
    "rubric-scale-too-wide": (
        "the scale {min}..{max} has {levels} levels; a scale may have at most {limit}",
        "量表 {min} 到 {max} 共有 {levels} 个等级，最多允许 {limit} 个",
    ),
    "rubric-scale-too-wide-hint": (
        "maturity scales run 0..4 or 0..5: check scale.max for a typo",
        "成熟度量表通常为 0..4 或 0..5：请检查 scale.max 是否写错",
    ),
    "rubric-too-many-indicators": (
        "the rubric has {count} indicators; a rubric may have at most {limit}",
        "评估框架共有 {count} 个指标，最多允许 {limit} 个",
    ),
    "rubric-too-many-indicators-hint": (
        "split it into several rubrics, or merge indicators that measure the same thing",
        "请拆分为多个评估框架，或合并衡量同一内容的指标",
    ),
    "rubric-first-stage": (
        "the first stage starts at {min}: a place scoring below {min} would have no stage",
        "第一个发展阶段从 {min} 分开始：得分低于 {min} 的地区将没有发展阶段",
    ),
    "rubric-first-stage-hint": (
        "set the first stage's min to 0",
        "请将第一个阶段的 min 设为 0",
    ),
    "template-undefined-hint": (
        "check the names used against the JSON report (policebench schema report)",
        "请对照 JSON 格式报告的结构（policebench schema report）检查所用的名称",
    ),
    "template-city-hint": (
        "the report's place is r.place (older templates called it r.city)",
        "报告中的地区是 r.place（旧模板称为 r.city）",
    ),
    # --- usage errors (cli/usage.py: click's messages, worded in Chinese) ---
    "usage-line": ("Usage: {usage}", "用法：{usage}"),
    "usage-help": ("Try '{command} --help' for help.", "运行 '{command} --help' 查看帮助。"),
    "usage-no-option": ("No such option: {option}", "没有这个选项：{option}"),
    "usage-no-cache-before-command": (
        "--no-cache goes before the command: policebench --no-cache {command}",
        "--no-cache 须写在命令之前：policebench --no-cache {command}",
    ),
    "usage-version-before-command": (
        "--version goes before any command: policebench --version",
        "--version 须写在命令之前：policebench --version",
    ),
    "usage-no-option-near": (
        "No such option: {option} (Possible options: {options})",
        "没有这个选项：{option}（可能想用的选项：{options}）",
    ),
    "usage-no-command": ("No such command '{command}'.", "没有命令 '{command}'。"),
    "usage-no-command-near": (
        "No such command '{command}'. Did you mean {near}?",
        "没有命令 '{command}'。您是否想用 {near}？",
    ),
    "usage-missing-command": (
        "Missing command.",
        "缺少命令，例如 policebench score",
    ),
    "usage-missing-choice": (
        "Missing argument '{name}': one of {choices}.",
        "缺少参数 '{name}'：应为 {choices} 之一",
    ),
    "usage-missing-argument": ("Missing argument '{name}'.", "缺少参数 '{name}'。"),
    "usage-missing-option": ("Missing option '{name}'.", "缺少选项 '{name}'。"),
    "usage-needs-value": (
        "Option '{option}' requires an argument.",
        "选项 '{option}' 需要一个值。",
    ),
    "usage-takes-no-value": (
        "Option '{option}' does not take a value.",
        "选项 '{option}' 不接受值。",
    ),
    "usage-extra-arguments": (
        "Got unexpected extra arguments ({args})",
        "多出了无法识别的参数（{args}）",
    ),
    "usage-not-a-choice": (
        "Invalid value for {param}: '{value}' is not one of {choices}.",
        "{param} 的值无效：'{value}' 不是 {choices} 之一。",
    ),
    "usage-not-an-integer": (
        "Invalid value for {param}: '{value}' is not a valid integer.",
        "{param} 的值无效：'{value}' 不是整数。",
    ),
    "usage-whole-number": (
        "Invalid value for {param}: expected a whole number",
        "{param} 的值无效：应为整数",
    ),
    "usage-number": ("Invalid value for {param}: expected a number", "{param} 的值无效：应为数字"),
    "usage-at-least": (
        "Invalid value for {param}: expected at least {bound}",
        "{param} 的值无效：应不小于 {bound}",
    ),
    "usage-at-most": (
        "Invalid value for {param}: expected at most {bound}",
        "{param} 的值无效：应不大于 {bound}",
    ),
    "usage-invalid-value": ("Invalid value for {param}: {detail}", "{param} 的值无效：{detail}"),
    # --- expert judgement: weights, consensus, review (issue 16) ---
    # An expert's weights file (validation/weights_checks.py): 两两比较 on Saaty's 1-9 scale.
    "compared-dimensions": ("the dimensions", "维度"),
    "compared-indicators-of": ("the indicators of '{dimension}'", "'{dimension}' 的指标"),
    "comparison-unknown": (
        "'{name}' is not one of {what} compared here",
        "'{name}' 不是此处所比较的 {what}之一",
    ),
    "comparison-other-dimension-hint": (
        "'{name}' is an indicator of '{dimension}': compare it under 'indicators: {dimension}:'",
        "'{name}' 是 '{dimension}' 维度的指标：请在 'indicators: {dimension}:' 下比较",
    ),
    "comparison-items-hint": ("compare {items}", "此处比较的是：{items}"),
    "comparison-row-not-mapping": (
        "'{name}' is {value}, expected a mapping such as {{other: 3}}",
        "'{name}' 为 {value}，应为一组比较，例如 {{other: 3}}",
    ),
    "comparison-row-not-mapping-hint": (
        "write the items it is compared with and a judgement each",
        "请写出与之比较的各项，每项一个判断值",
    ),
    "judgement-off-scale": (
        "the judgement of '{row}' against '{column}' is {value}, expected a number from 1/9 to 9",
        "'{row}' 相对于 '{column}' 的判断值为 {value}，应为 1/9 到 9 之间的数",
    ),
    "judgement-not-number": (
        "the judgement of '{row}' against '{column}' is {value}, expected a number or a "
        "fraction such as 1/3",
        "'{row}' 相对于 '{column}' 的判断值为 {value}，应为数字或 1/3 这样的分数",
    ),
    "judgement-scale-hint": (
        "write a number from 1/9 to 9 on Saaty's scale: 1 equal, 3 moderately, 5 strongly, "
        "7 very strongly, 9 extremely more important (2, 4, 6, 8 between); 1/3 = moderately "
        "less",
        "请按 Saaty 1～9 标度填写 1/9 到 9 之间的数：1 同等重要，3 稍微重要，5 明显重要，"
        "7 强烈重要，9 极端重要（2、4、6、8 介于相邻两者之间）；1/3 表示稍微不重要",
    ),
    "comparison-self-value": (
        "'{name}' compared with itself is {value}, expected 1",
        "'{name}' 与自身比较的判断值为 {value}，应为 1",
    ),
    "comparison-self-hint": (
        "leave the diagonal out: an item is as important as itself",
        "请删去对角线上的比较：任何一项与自身同等重要",
    ),
    "comparison-not-reciprocal-pair": (
        "'{row}' against '{column}' is {given}, but '{column}' against '{row}' is {back}: a "
        "full matrix must be reciprocal (expected {expected})",
        "'{row}' 相对于 '{column}' 为 {given}，而 '{column}' 相对于 '{row}' 为 {back}："
        "完整的判断矩阵必须互为倒数（应为 {expected}）",
    ),
    "comparison-not-reciprocal-hint": (
        "write only the upper triangle (each pair once), or make the two judgements reciprocal",
        "只写上三角（每对只比较一次），或使这两个判断值互为倒数",
    ),
    "comparison-no-pair": ("no comparison of '{a}' with '{b}'", "缺少 '{a}' 与 '{b}' 的比较"),
    "comparison-no-pair-hint": (
        "add '{b}: N' under '{a}:' (N on Saaty's scale, 1/9 to 9)",
        "请在 '{a}:' 下添加 '{b}: N'（N 取 Saaty 标度上 1/9 到 9 之间的数）",
    ),
    "weights-other-rubric": (
        "the weights are for rubric '{given}', the rubric used is '{used}'",
        "此权重文件针对评估框架 '{given}'，而所用的评估框架是 '{used}'",
    ),
    "weights-other-rubric-hint": (
        "give the rubric the experts judged with --rubric, or correct 'rubric:'",
        "请用 --rubric 指定专家判断时所依据的评估框架，或更正 'rubric:'",
    ),
    "comparison-not-a-dimension": (
        "'{name}' is not a dimension of rubric '{rubric}'",
        "'{name}' 不是评估框架 '{rubric}' 的维度",
    ),
    "comparison-dimensions-are": ("the dimensions are {ids}", "维度有：{ids}"),
    "comparison-nothing": (
        "nothing is compared: no 'dimensions:' and no 'indicators:' comparisons",
        "没有任何比较：既没有 'dimensions:' 也没有 'indicators:' 下的两两比较",
    ),
    "comparison-nothing-hint": (
        "compare the dimensions (dimensions: {{planning: {{integration: 3, ...}}, ...}}) or "
        "the indicators of a dimension",
        "请比较各维度（dimensions: {{planning: {{integration: 3, ...}}, ...}}），"
        "或某一维度内的指标",
    ),
    "comparison-groups-differ": (
        "{has} ({has_file}) compares {what}, {lacks} ({lacks_file}) does not",
        "{has}（{has_file}）对 {what}作了两两比较，{lacks}（{lacks_file}）没有",
    ),
    "comparison-groups-differ-hint": (
        "every expert of a panel compares the same groups: add the comparisons to "
        "{lacks_file}, or leave them out of {has_file}",
        "同一专家组的每位专家应比较相同的组：请在 {lacks_file} 中补上这些比较，"
        "或从 {has_file} 中删去",
    ),
    # Profiles given to consensus (validation/consensus_checks.py, cli/commands/consensus.py).
    "consensus-other-place": (
        "this profile is of '{id}', {file} of '{first}': a consensus is of one place",
        "此档案评估的是 '{id}'，{file} 评估的是 '{first}'：共识只能针对同一地区",
    ),
    "consensus-other-place-hint": (
        "give the profiles of one place, by different assessors",
        "请给出同一地区、由不同评估人填写的档案",
    ),
    "consensus-other-date": (
        "this profile was assessed on {date}, {file} on {first}: a consensus is of one "
        "assessment date",
        "此档案的评估日期为 {date}，{file} 为 {first}：共识只能针对同一评估日期",
    ),
    "consensus-other-date-hint": (
        "give the profiles of one assessment round (the same 'assessed:' date); a later "
        "assessment is history, for trend",
        "请给出同一轮评估的档案（'assessed:' 日期相同）；之后的评估属于历史记录，"
        "可用 trend 查看变化",
    ),
    "consensus-other-rubric": (
        "this profile is assessed against '{rubric}', {file} against '{first}'",
        "此档案依据评估框架 '{rubric}' 评估，{file} 依据 '{first}'",
    ),
    "consensus-other-rubric-hint": (
        "give profiles assessed against one rubric",
        "请给出依据同一评估框架评估的档案",
    ),
    "consensus-too-few": (
        "consensus needs two or more profiles",
        "consensus 需要两个或更多评估人的档案",
    ),
    "consensus-too-few-hint": ("give the profiles of each assessor", "请给出每位评估人的档案"),
    "override-form": (
        "--override '{given}' is not INDICATOR=LEVEL: rationale",
        "--override '{given}' 格式不对，应为“指标标识=等级: 理由”",
    ),
    "override-form-hint": (
        "e.g. --override 'data-sharing=2: the meeting saw the signed agreement'",
        "例如 --override 'data-sharing=2: 会议审阅了已签署的共享协议'",
    ),
    "override-unknown": (
        "--override names '{id}', which is not an indicator of '{rubric}'",
        "--override 指定的 '{id}' 不是评估框架 '{rubric}' 的指标",
    ),
    "override-unknown-hint": (
        "use an indicator id of the rubric",
        "请使用评估框架中的指标标识",
    ),
    "override-level": (
        "--override gives '{id}' level {level}, outside the scale {min}..{max}",
        "--override 为 '{id}' 指定的等级 {level} 超出 {min} 到 {max} 的量表范围",
    ),
    "override-level-hint": (
        "use a whole number from {min} to {max}, or null",
        "请使用 {min} 到 {max} 之间的整数，或 null（未知）",
    ),
    "override-twice": (
        "--override decides '{id}' twice (level {first}, then {then})",
        "--override 对 '{id}' 给出了两项决定（先为 {first} 级，后为 {then} 级）",
    ),
    "override-twice-hint": (
        "keep one --override for '{id}': the meeting's decision",
        "每项指标只保留一个 --override，即会议对 '{id}' 的决定",
    ),
    "override-no-why": (
        "--override '{given}' gives no rationale: expected INDICATOR=LEVEL: rationale",
        "--override '{given}' 缺少理由，应为“指标标识=等级: 理由”",
    ),
    # A consensus level more confident than the assessors' spread allows (profile_checks.py).
    "consensus-too-confident": (
        "'{id}' is confidence {confidence}, but its assessors are {spread} level apart: the "
        "uncertainty analysis takes it as {effective}",
        "'{id}' 的置信度为 {confidence}，但评估人给出的等级相差 {spread} 级："
        "不确定性分析按 {effective} 处理",
    ),
    "consensus-too-confident-many": (
        "'{id}' is confidence {confidence}, but its assessors are {spread} levels apart: the "
        "uncertainty analysis takes it as {effective}",
        "'{id}' 的置信度为 {confidence}，但评估人给出的等级相差 {spread} 级："
        "不确定性分析按 {effective} 处理",
    ),
    "consensus-too-confident-hint": (
        "write confidence: {effective} (the spread of the assessors' levels caps it: at most "
        "medium one level apart, low two)",
        "请写 confidence: {effective}（置信度受评估人等级极差的限制：相差一级时至多为 medium，"
        "相差两级及以上为 low）",
    ),
    # validate --require-approved (profile_checks.approval_problems).
    "not-approved-profile": (
        "'{id}' assessed {date} is not approved ({status})",
        "'{id}'（评估日期 {date}）尚未批准（{status}）",
    ),
    "review-is-none": ("no review status", "未填写审核状态"),
    "review-is-draft": ("status draft", "审核状态：草稿"),
    "review-is-reviewed": ("status reviewed", "审核状态：已审核"),
    "not-approved-hint": (
        "once the bureau approves it, write review: {{status: approved, by: NAME, date: "
        "YYYY-MM-DD}}",
        "经本局批准后，请写 review: {{status: approved, by: 批准人, date: YYYY-MM-DD}}",
    ),
    # sensitivity --weights (analysis/sensitivity).
    "weight-set-other-items": (
        "the weight set {name} has other dimensions or indicators than rubric '{id}'",
        "权重组 {name} 的维度或指标与评估框架 '{id}' 不同",
    ),
    "weight-set-other-items-hint": (
        "give a copy of the rubric with other weights (policebench weights ahp --format yaml "
        "writes one)",
        "请给出只改动了权重的评估框架副本（policebench weights ahp --format yaml 可生成）",
    ),
}
