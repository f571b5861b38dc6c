"""``--help`` in Chinese: the catalogue of every command's and option's help, and where the
language comes from.

The English help is written where each command is defined (its docstring, its options'
``help=``); this catalogue holds the Chinese of each, keyed by command and option, with a
fingerprint of the English it translates (as a gettext catalogue keys a translation by its
English). ``tests/cli/test_help.py`` fails when a command or option has no Chinese here, or
when its English changed since it was translated (the fingerprint no longer matches).

Help is printed before any option is read, so its language is the locale's
(LANG/LC_ALL/LC_MESSAGES, :func:`policebench.i18n.default_lang`), or ``--lang zh`` when it
is on the command line.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections.abc import Iterator
from typing import Any

#: What typer and click print around the help (panel titles, the usage line).
FRAME_ZH = {
    "Usage:": "用法：",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "help_option": "显示此帮助信息并退出。",
    "default": "[默认：{}]",
    "required": "[必填]",
}

_TARGETS_ZH = (
    "目标：--target N 为所有指标统一设定目标；否则按 --against：'frontier'（默认：逐项取对标地区"
    "中有证据的最高等级，从不取本地区自身）、某个对标地区的标识（取其有证据的等级）或 'none'；"
    "由此得不到等级时，取档案自定目标，其次为框架默认目标（评估框架的 default_target）。"
    "每个目标都注明来源。"
    "无证据的等级只是主观判断，除非使用 --with-opinions，否则不作为目标。"
)

#: Command help (its docstring) and epilog: path -> (fingerprint of the English, Chinese).
COMMANDS: dict[str, tuple[str, str]] = {
    "": (
        "e5593bca",
        "依据 YAML 评估框架和评估档案，评估、比较和规划智慧警务建设成熟度。\n\n"
        "示例：\n\n"
        "  policebench score                      # 全部自带地区，按得分排名\n\n"
        "  policebench score j-city --format json\n\n"
        "  policebench validate cities/my-city.yaml",
    ),
    "compare": (
        "fa74eeab",
        "横向比较多个地区：排名、综合得分、发展阶段、覆盖率、各维度得分（标出领先者）、"
        "各维度差距幅度以及每个指标的等级。\n\n"
        "示例：\n\n"
        "  policebench compare\n\n"
        "  policebench compare j-city hangzhou qingdao -o cmp.html   # 按文件名输出 html\n\n"
        "  policebench compare --uncertainty -f markdown   # 52.2（47～58）：得分及其区间",
    ),
    "gaps": (
        "89957480",
        "列出每个指标与目标的差距，以及弥补该差距可为综合得分增加的分数。\n\n"
        "目标按优先顺序：--target，其次 --against（某个对标地区的等级或先进前沿），再次档案自定"
        "目标，最后为框架默认目标（评估框架的 default_target）。现状等级未知的指标单独列出，"
        "绝不按最低等级计算。\n\n"
        "示例：\n\n"
        "  policebench gaps j-city\n\n"
        "  policebench gaps j-city --against frontier\n\n"
        "  policebench gaps j-city --against hangzhou -o gaps.csv   # 按文件名输出 csv",
    ),
    "gaps#epilog": ("184dde98", _TARGETS_ZH),
    "export": (
        "526b79b1",
        "把评估档案写成已填入评估内容的数据采集表（.xlsx）：用于把上次的评估结果发给各部门核对，"
        "或开始下一轮评估。\n\n"
        "该数据采集表与 `policebench new --format xlsx` 生成的相同；`policebench import` 可将其"
        "读回为同一份档案。--format yaml 则把档案重新写成 `new` 生成的那种带注释的 YAML。\n\n"
        "不会覆盖已有的文件（发出去的数据采集表会被填好交回）：写入成功时退出码为 0；档案或"
        "选项有误，或输出文件已存在时为 2。\n\n"
        "示例：\n\n"
        "  policebench export j-city -o j-city.xlsx\n\n"
        "  policebench export cities/my-city.yaml --lang zh -o 某市-2027.xlsx",
    ),
    "import": (
        "6fd58f0e",
        "把填好的数据采集表转换为 YAML 评估档案（与 `policebench new` 生成的带注释的 YAML 相同），"
        "转换时一并校验。\n\n"
        "每个问题都标明所在单元格（例如 my-city.xlsx!指标!D7）、应填写什么以及提示，一次全部列出；"
        "只要还有问题，就不写入任何内容。无论数据采集表是用哪种语言生成的，中文或英文表头都能读取。"
        "按其他评估框架或同一评估框架的其他版本生成的数据采集表会被拒绝，并说明有哪些不同。"
        "单元格只按所填的值读取：公式会被拒绝，从不计算；宏从不运行。写成 3级、三 或等级名称的"
        "等级按原意读取，并给出警告。\n\n"
        "写入成功时退出码为 0，否则为 2。\n\n"
        "示例：\n\n"
        "  policebench import my-city.xlsx   # -> cities/my-city.yaml\n\n"
        "  policebench import 某市.xlsx -o cities/mou-shi-2027.yaml --lang zh",
    ),
    "new": (
        "dfdddbec",
        "生成评估档案模板：评估框架的每个指标，均为 `level: null`；或者用 --format xlsx"
        "（或 -o 文件名.xlsx）生成可在 Excel 或 WPS 中填写的数据采集表。\n\n"
        "每个指标上方的注释以所选语言给出其评估问题和各等级描述（量化指标还给出计量单位和阈值），"
        "无需打开评估框架即可填写。生成的文件可直接通过校验；填写等级、置信度、证据和来源后，"
        "运行 `policebench validate`。第一行让编辑器使用 ../schemas/profile.schema.json 进行"
        "自动补全（见 `policebench schema`）。\n\n"
        "数据采集表（默认 ./CITY_ID.xlsx）包含填写说明、地区基本信息，以及每个指标一行：其评估"
        "问题和各等级描述（已保护）；等级、置信度、是否适用和来源可靠性的下拉列表；数值、证据、"
        "备注、不适用原因、目标和来源（含来源所述日期和访问日期）的单元格。表中记录评估框架的"
        "标识、版本和 SHA-256；`policebench import` 可将其读回。\n\n"
        "写入成功时退出码为 0；选项有误或输出文件已存在时为 2。\n\n"
        "示例：\n\n"
        '  policebench new j-city --name-zh J市 --name "J City"\n\n'
        "  policebench new inner-mongolia --name-zh 内蒙古自治区 --kind region\n\n"
        "  policebench new my-city --name-zh 某市 --output - > my-city.yaml\n\n"
        "  policebench new my-city --name-zh 某市 -o my-city.xlsx   # 数据采集表",
    ),
    "recommend": (
        "6b86b87f",
        "把差距转化为分阶段的措施路线图，并列出可借鉴的对标地区。\n\n"
        "只有当一项措施所需的全部等级都已达到（现在已达到，或由前面的阶段达到）时，才将其排入"
        "某一阶段；同一阶段内按单位投入的提升效果排序（低 = 1，中 = 2，高 = 4）。所需等级若不在"
        "任何差距之内，相应步骤作为前置条件纳入；所需等级未知的措施列为暂无法排期。\n\n"
        "示例：\n\n"
        "  policebench recommend j-city --against frontier\n\n"
        "  policebench recommend j-city --against qingdao --top 5 --format markdown\n\n"
        "  policebench recommend j-city --lang zh -o 路线图.xlsx   # Excel 表格",
    ),
    "recommend#epilog": ("184dde98", _TARGETS_ZH),
    "report": (
        "5d654490",
        "撰写一个地区的评估报告：概要、雷达图、主要发现、差距、路线图、对标借鉴、证据附录和"
        "数据来源。\n\n"
        "HTML 为单个自包含文件（内嵌 CSS 和 SVG，无脚本，可打印）；Markdown 可在 GitHub 上显示；"
        "JSON 包含 HTML 所示的全部内容；DOCX 是同一份报告的可编辑 Word 文档（标题样式、表格、"
        "图表图片、页码、中文字体）。可用 --template-dir 覆盖模板（复制自带的 templates/ "
        "文件夹后修改）。\n\n"
        "示例：\n\n"
        "  policebench report j-city --against frontier -o j.html   # 按文件名输出 html\n\n"
        "  policebench report j-city --against hangzhou --lang zh --output j-city.md\n\n"
        "  policebench report my-city history/ -o my-city.html   # 含变化趋势\n\n"
        "  policebench report j-city --uncertainty -o j-city.html  # 含不确定性区间\n\n"
        "  policebench report j-city --lang zh -o J市评估报告.docx  # Word 文档",
    ),
    "report#epilog": ("184dde98", _TARGETS_ZH),
    "schema": (
        "996b263a",
        "输出您编写的某种格式的 JSON Schema，或某个命令 JSON 输出的 JSON Schema。\n\n"
        "带 YAML 语言服务器的编辑器（例如 VS Code 的 YAML 扩展）读取形如 "
        "`# yaml-language-server: $schema=../schemas/profile.schema.json` 的第一行后，"
        "即可在输入时补全键名、显示每个键的说明（先中文、后英文）并标出未知的键。"
        "各命令 JSON 输出（score、report、"
        "gaps 等）的模式说明读取 --format json 的程序可以依赖哪些内容。代码库在 schemas/ 中提供"
        "全部模式文件；本命令输出的文本与之相同。\n\n"
        "示例：\n\n"
        "  policebench schema profile\n\n"
        "  policebench schema report --output report.schema.json",
    ),
    "score": (
        "2b9f7f12",
        "按评估框架为各地区计分，并按综合成熟度排名。\n\n"
        "只有一个地区时，表格还列出每个指标的等级、得分、置信度以及是否有证据。\n\n"
        "示例：\n\n"
        "  policebench score\n\n"
        "  policebench score j-city hangzhou --format markdown\n\n"
        "  policebench score cities/ -o scores.csv   # csv：格式取决于文件名\n\n"
        "  policebench score -o scores.out -f json   # 其他文件名请用 --format",
    ),
    "sensitivity": (
        "bec25ec4",
        "在各种不确定的选择下，给出得分区间、排名概率以及影响它们的因素。\n\n"
        "每次抽样都会围绕评估框架的权重重新抽取权重、汇总方法（算术平均或几何平均）、评估人"
        "把握不大的等级，以及（若评估框架如此规定）未知等级的计法（评估框架的 `uncertainty:` "
        "部分；见 docs/sensitivity.md）。输出每个地区的得分及其 5%～95% 区间、排名及其范围和"
        "各名次的概率、每个维度的区间，以及各不确定性来源的一阶敏感性指数。排名在所分析的地区"
        "之间进行。\n\n"
        "示例：\n\n"
        "  policebench sensitivity\n\n"
        "  policebench sensitivity j-city hangzhou --samples 20000 --seed 7\n\n"
        "  policebench sensitivity --output bands.json   # 按文件名输出 json\n\n"
        "  policebench sensitivity --weights rubrics/ahp-panel.yaml --weights entropy\n\n"
        "  policebench sensitivity province/ --no-rank-counts --output bands.json",
    ),
    "survey": (
        "a09f6069",
        "把问卷回答（CSV 或 .xlsx）转化为评估档案：每个指标一个等级。\n\n"
        "CSV 每位受访者一行，每个指标标识（与 `policebench new` 生成的档案相同）一列，填写所给"
        "等级；空单元格（或 -、n/a、不知道）表示未作答。可选列：respondent、role、comment"
        "（或 受访者、岗位、备注）；以 # 开头的表头列被忽略。\n\n"
        "CSV 的编码按以下顺序判定，并输出所用的编码：有 UTF-8 字节顺序标记即为 UTF-8（Excel 和 "
        "WPS 的“CSV UTF-8”）；否则，是有效的 UTF-8 就按 UTF-8 读取；否则，是有效的 GB18030"
        "（GBK 的超集：中文 Windows 上 Excel 和 WPS 另存的普通“CSV”）就按 GB18030 读取；否则"
        "拒绝该文件。.xlsx 导出文件（问卷平台）读取第一个工作表或 --sheet 指定的工作表；公式会被"
        "拒绝，从不计算。\n\n"
        "每个指标：等级 = 回答的中位数；回答个数为偶数时取中间两个中较低者（回答 1 2 3 3 得 2："
        "偏保守，只有超过半数受访者认为达到或超过某一等级时才认定该等级）。一致度 = 与该中位数"
        "相差不超过一级的回答所占比例。置信度：至少 5 个回答且一致度 >= 0.8 为高，至少 3 个回答"
        "且一致度 >= 0.6 为中，否则为低。无人作答的指标保持 `level: null`。\n\n"
        "每个错误单元格都以“文件:行:列”报告（工作簿中为“文件!工作表!单元格”）。只要有错误就不写入"
        "任何内容，除非用 --skip-bad-rows 跳过这些行；未知的列名，或无列名的列中有值，总会使命令"
        "停止（否则这些回答会被悄悄丢弃）。写入成功时退出码为 0，否则为 2。\n\n"
        "示例：\n\n"
        "  policebench survey examples/survey-j-city.zh.csv --city j-city -o -\n\n"
        "  policebench survey answers.csv --city my-city --assessed 2026-11-24\n\n"
        "  policebench survey answers.csv --city my-city --skip-bad-rows --lang zh",
    ),
    "evidence": (
        "da09cace",
        "列出各地区的全部证据来源：所支撑的指标和地区、可靠性、截至评估日期的时效，以及警示"
        "（已过期、仅有转载、单一来源支撑多个等级、可靠性评定不一、不是网页或邮件链接、无日期）；"
        "然后列出每个有警示的等级（包括没有来源的等级），以及每个地区的证据质量。\n\n"
        "示例：\n\n"
        "  policebench evidence\n\n"
        "  policebench evidence hangzhou qingdao --format markdown\n\n"
        "  policebench evidence @bundled --output sources.csv\n\n"
        "  policebench evidence @bundled --lang zh -o 来源核查.xlsx   # 逐条核实来源",
    ),
    "trend": (
        "911edb9a",
        "显示一个地区每次评估的综合得分和各维度得分，以及发生了哪些变化。\n\n"
        "一个地区的各次评估，是标识相同、'assessed' 日期不同的档案。在所用的档案（./cities，"
        "否则为自带档案）以及地区之后给出的每个文件或文件夹中查找。每行为一次评估，附与上一次"
        "相比的变化；下方列出等级发生变化的指标。每次评估都按同一评估框架计分，因此变化都来自"
        "地区自身（要查看新版评估框架对得分的影响，请用 `policebench rubric diff`）。详见 "
        "docs/trend.md。\n\n"
        "示例：\n\n"
        "  policebench trend j-city\n\n"
        "  policebench trend j-city history/\n\n"
        "  policebench trend j-city archive/2024/j-city.yaml archive/2025/j-city.yaml\n\n"
        "  policebench trend j-city history/ -o trend.csv   # 按文件名输出 csv",
    ),
    "validate": (
        "ab3fb9b7",
        "检查评估框架和评估档案：语法、键名、类型、取值范围和跨文件引用。\n\n"
        "所有问题（而不只是第一个）都以“文件:行:列: 消息（提示：建议） [代码]”的形式输出到标准"
        "错误，语言取 --lang（否则取系统区域设置）；代码在两种语言中相同。全部有效时"
        "（允许有警告）退出码为 0，否则为 2。\n\n"
        "示例：\n\n"
        "  policebench validate\n\n"
        "  policebench validate cities/my-city.yaml\n\n"
        "  policebench validate rubrics/ cities/\n\n"
        "  policebench validate cities/ --require-approved   # 都已批准？",
    ),
    "rubric": (
        "9934be27",
        "处理评估框架的版本。\n\n示例：\n\n  policebench rubric diff old.yaml new.yaml",
    ),
    "rubric diff": (
        "fb261988",
        "列出两个评估框架版本之间的变更，以及这些变更对每个地区的影响。\n\n"
        "变更：新增、删除、更名、调整权重或移动的维度和指标；等级量表调整；等级名称、等级描述、"
        "阈值、发展阶段或默认目标的变更。\n\n"
        "对每个地区（所用的档案，或给出的 CITY 标识和路径），综合得分的变化分为两部分；记 "
        "S(框架, 评估) 为综合得分，A0 为该地区最新一次之前的评估，A1 为最新一次评估（只评估过"
        "一次时 A0 = A1）：\n\n"
        "  框架变更影响 = S(新, A0) - S(旧, A0)   同一评估重新计分\n\n"
        "  地区自身变化 = S(新, A1) - S(新, A0)   地区自身的变化\n\n"
        "  总变化 = S(新, A1) - S(旧, A0) = 框架变更影响 + 地区自身变化\n\n"
        "档案按各版评估框架所含的指标标识计分，不论档案写的是哪个框架标识；某版框架缺少的指标会"
        "被列出。无论两版是否不同，退出码均为 0；评估框架缺失或无效时为 2（每个问题都标明 "
        "“文件:行:列”）。详见 docs/rubric-versions.md。\n\n"
        "示例：\n\n"
        "  policebench rubric diff v0.9.yaml rubrics/smart-policing.yaml\n\n"
        "  policebench rubric diff old.yaml new.yaml j-city history/ -f markdown\n\n"
        "  policebench rubric diff old.yaml new.yaml -o c.md   # 按文件名输出 markdown",
    ),
    # issue 16: expert judgement (weights ahp/entropy, consensus)
    "weights": (
        "db84d34f",
        "由专家的两两比较（层次分析法，AHP）或由各地区的等级（熵权法）得出指标权重，"
        "并与评估框架的权重对照。\n\n"
        "示例：\n\n"
        "  policebench weights ahp experts/a.yaml experts/b.yaml experts/c.yaml\n\n"
        "  policebench weights entropy",
    ),
    "weights ahp": (
        "428fb90a",
        "由专家组的两两比较得出权重（层次分析法，AHP）。\n\n"
        "每位专家的文件按 Saaty 1～9 标度，比较评估框架的各维度以及同一维度内的各指标：只写上三角"
        "（行相对于列：3 = 行对象比列对象稍微重要，1/3 = 稍微不重要），倒数自动补全；判断值可写"
        "数字或 1/3 这样的分数。没有人比较其指标的维度，保留评估框架中的指标权重；未比较各维度时，"
        "维度权重也保留评估框架中的。\n\n"
        "对每位专家和每组比较，给出权重（主特征向量）、lambda_max、CI 和一致性比率 CR = CI / RI"
        "（RI 为 Saaty 平均随机一致性指标）；CR 超过 0.1 时，列出与其余判断最不一致的比较，以及"
        "其余判断所隐含的值。专家组：取各判断值的几何平均（AIJ），判断矩阵仍互为倒数，专家组作为"
        "一个整体代表本局；专家组矩阵的 CR 也一并给出。\n\n"
        "--format yaml 输出带有专家组权重的评估框架副本（绝不覆盖评估框架本身）：用 --rubric "
        "指定该副本即可按新权重计分。详见 docs/weights.md。\n\n"
        "计算完成时退出码为 0（CR 超过 0.1 时也是如此：结果中会标出）；文件有误时为 2，每个问题"
        "都标明“文件:行:列”。\n\n"
        "示例：\n\n"
        "  policebench weights ahp expert-a.yaml expert-b.yaml expert-c.yaml\n\n"
        "  policebench weights ahp experts/*.yaml --format json\n\n"
        "  policebench weights ahp experts/*.yaml -o rubrics/smart-policing-ahp.yaml",
    ),
    "weights entropy": (
        "3ef52b98",
        "依据各地区的等级计算各指标的熵权，并与评估框架的权重对照。\n\n"
        "熵权法：各地区在某项指标上的等级差异越大，该指标的权重越高。记 `x` 为指标得分（0..1），"
        "`p=x/Σx`（对各地区求和），`e=-Σp·ln(p)/ln(m)`（m 为有已知等级的地区数），"
        "权重 `w=(1-e)/Σ(1-e)`。有已知等级的地区少于两个的指标不计入，并单独列出；评估框架"
        "的权重按同一组指标折算。两者分歧最大的指标排在最前。熵权用于检验专家权重，不能替代专家"
        "权重：它反映的是这些地区之间的差异，而不是指标的重要性。详见 docs/weights.md。\n\n"
        "示例：\n\n"
        "  policebench weights entropy\n\n"
        "  policebench weights entropy j-city hangzhou qingdao --format json",
    ),
    "consensus": (
        "d1e8e9f5",
        "把多位评估人对同一地区、同一评估日期的档案合并为一份共识档案。\n\n"
        "每个指标：共识等级 = 各评估人已知等级的中位数，个数为偶数时取中间两个中较低者（与 "
        "`survey` 相同：只有超过半数知情的评估人认为达到或超过某一等级时，才认定该等级）；一致度 "
        "= 与共识等级相差不超过一级的已知等级所占比例；极差 = 最高等级减最低等级。置信度 = 评估人"
        "所给的最低置信度，评估人相差一级时至多为中，相差两级及以上为低（因此 `sensitivity` 会把"
        "这种分歧当作不确定性）。全部指标：序数数据的 Krippendorff α 系数（1 = 完全一致，0 = 与"
        "随机无异）。各评估人的证据、备注和来源合并在一起，相同的文字或来源只保留一次。存在分歧的"
        "指标（等级不同，或只有部分评估人知道）按极差从大到小列出，供共识会议讨论；--override "
        "逐项记录会议的决定及理由。\n\n"
        "共识档案（--format yaml，或 -o 文件名.yaml）的审核状态为草稿：经本局批准后，写明 "
        "`review: {status: approved, by: ..., date: ...}`，`validate --require-approved` 会检查"
        "这一点。详见 docs/consensus.md。\n\n"
        "不同地区、不同评估日期或不同评估框架的档案会被拒绝，问题标明“文件:行:列”（退出码为 "
        "2）。\n\n"
        "示例：\n\n"
        "  policebench consensus examples/consensus/*.yaml\n\n"
        "  policebench consensus a.yaml b.yaml c.yaml -o cities/j-city.yaml\n\n"
        "  policebench consensus a.yaml b.yaml --override 'data-sharing=2: 已见协议'",
    ),
}

#: Option and argument help: "command:--option" (or "*:--option" for every command that
#: has it, "command:NAME" for an argument) -> (fingerprint of the English, Chinese).
OPTIONS: dict[str, tuple[str, str]] = {
    ":--version": ("c379c574", "显示版本号并退出。"),
    ":--no-cache": (
        "f57d27f1",
        "不用已校验输入缓存，每个文件都重新读取并校验（亦可设 POLICEBENCH_NO_CACHE=1；"
        "POLICEBENCH_CACHE_DIR 可改变缓存位置）。",
    ),
    ":--lang": (
        "2024ad43",
        "命令的标签、文字和提示所用的语言：en 或 zh，作用同命令自己的 --lang（两者都写时以命令的"
        "为准）。",
    ),
    "*:--rubric": ("190cdb35", "评估框架文件或文件夹（默认：./rubrics，否则用自带的评估框架）。"),
    "*:--format": ("518160c8", "输出格式（默认：按 --output 的文件名判断，否则为 table）。"),
    "report:--format": (
        "131a33da",
        "输出格式（默认：按 --output 的文件名判断，否则为 markdown）。",
    ),
    "*:--output": ("9f78f55f", "写入此文件（原子写入），而不是标准输出。"),
    "*:--peers": (
        "4c53aeb4",
        "对标地区（可重复）：档案标识、路径（文件或文件夹）、@bundled 或 none。默认：所用的"
        "其他全部地区；若没有，则用 policebench 自带的地区。",
    ),
    "*:--template-dir": ("a5b80790", "jinja2 模板文件夹，其中的模板覆盖自带的同名模板。"),
    "*:--lang": (
        "ca0c6c87",
        "标签和文字的语言：en 或 zh（默认：按 POLICEBENCH_LANG，其次按系统区域设置，否则为 en）。",
    ),
    "*:--uncertainty": (
        "5ac822db",
        "在得分和排名旁显示 5%～95% 区间（来自 `policebench sensitivity`）。",
    ),
    "*:--samples": ("f4db321c", "--uncertainty 的抽样次数。"),
    "*:--seed": ("77518a11", "--uncertainty 的随机种子。"),
    "sensitivity:--samples": ("e1e36cbc", "蒙特卡洛抽样次数。"),
    "sensitivity:--seed": ("64dc80df", "随机种子：种子相同，输出相同。"),
    "*:--strict": ("54e8b3a7", "只要有任何输入有误，就不输出任何内容。"),
    "*:CITIES": (
        "9ab0cfef",
        "档案标识或路径（文件或文件夹）；@bundled 表示 policebench 自带的档案。不给出时为所用的"
        "全部档案。",
    ),
    "*:CITY": ("a3a19f6e", "要评估地区的档案标识或路径。"),
    "*:MORE": (
        "d357d6e2",
        "更多档案文件或文件夹：更多对标地区，或本地区以往的评估（report 据此显示变化趋势；gaps "
        "和 recommend 只用最新一次评估）；@bundled 表示 policebench 自带的档案。",
    ),
    "*:--against": (
        "85fca7f5",
        "'frontier'（对标地区中各指标有证据的最高等级）、某个对标地区的标识，或 'none'"
        "（取档案自定目标，其次为框架默认目标）。",
    ),
    "*:--with-opinions": ("49a00e48", "允许无证据的等级（主观判断）设定对标地区和先进前沿的目标。"),
    "*:--target": (
        "6fc1f185",
        "为所有指标统一设定一个目标等级（优先于 --against、档案自定目标和框架默认目标）。",
    ),
    "*:--top": ("331d4b14", "只为提升效果最大的 N 个差距制定计划。"),
    "*:CITY_ID": ("6ca4cd12", "地区标识：小写字母、数字和连字符。"),
    "*:--name": ("674e145a", "地区的英文名称，例如 'J City'。"),
    "*:--name-zh": ("488ee8eb", "地区的中文名称，例如 'J市'。"),
    "*:--kind": ("15ad8caf", "地区类型。"),
    "*:--assessed": ("889da331", "评估日期，格式为 YYYY-MM-DD（默认：今天）。"),
    "new:--output": (
        "e92485d4",
        "要写入的文件；'-' 表示输出到标准输出（默认：cities/CITY_ID.yaml，所有命令都在此查找"
        "档案；如无 ./cities 则自动创建）。已有文件绝不覆盖；以其他格式扩展名（.json、.csv、"
        ".md、.html）结尾的文件名会被拒绝。",
    ),
    "survey:--output": (
        "e92485d4",
        "要写入的文件；'-' 表示输出到标准输出（默认：cities/CITY_ID.yaml，所有命令都在此查找"
        "档案；如无 ./cities 则自动创建）。已有文件绝不覆盖；以其他格式扩展名（.json、.csv、"
        ".md、.html）结尾的文件名会被拒绝。",
    ),
    "schema:WHICH": (
        "1d757f84",
        "rubric、profile 或 weights（您编写的格式），或要说明其 JSON 输出的命令：score、report、"
        "gaps、recommend、compare、trend、sensitivity、rubric-diff、weights-ahp、weights-entropy、"
        "consensus。",
    ),
    "survey:RESPONSES": (
        "e4a51e32",
        "问卷回答，每位受访者一行：CSV（UTF-8 或 GB18030/GBK）或 .xlsx。",
    ),
    "survey:--sheet": ("2716c0a3", "要读取的 .xlsx 工作簿中的工作表（默认：第一个）。"),
    "export:CITY": ("27f7f937", "档案标识或路径；取该地区最近一次的评估。"),
    "export:--format": (
        "9450dad5",
        "输出格式（默认：按 --output 的文件名判断，否则为 xlsx）。",
    ),
    "new:--format": (
        "52d8c5e7",
        "输出格式（默认：按 --output 的文件名判断，否则为 yaml）。",
    ),
    "import:WORKBOOK": ("85dea40b", "填好的数据采集表（由 export 或 new --format xlsx 生成）。"),
    "import:--output": (
        "e92485d4",
        "要写入的文件；'-' 表示输出到标准输出（默认：cities/CITY_ID.yaml，CITY_ID 为表中的地区"
        "标识，所有命令都在此查找档案；如无 ./cities 则自动创建）。已有文件绝不覆盖；以其他格式"
        "扩展名（.json、.csv、.md、.html）结尾的文件名会被拒绝。",
    ),
    "survey:--city": ("3fe884ac", "被调查地区的标识，例如 j-city。"),
    "survey:--skip-bad-rows": (
        "ed05c01b",
        "跳过含有错误单元格的行（在标准错误输出中列出），而不是什么都不写。",
    ),
    "evidence:--many": (
        "d217c04a",
        "一个来源支撑的等级达到此数目即提示“单一来源支撑多个等级”。",
    ),
    "trend:CITY": ("abde646e", "地区：其标识（例如 j-city）或其某个档案的路径。"),
    "trend:PATHS": ("80ace44c", "更多评估：档案文件或文件夹（例如去年的档案）。"),
    "validate:PATHS": ("9ec882a7", "评估框架和档案的文件或文件夹（默认：所用的评估框架和档案）。"),
    "validate:--rubric": ("992c6ee5", "用于检查档案的评估框架（默认：当前所用的）。"),
    "validate:--quiet": ("85b19fa6", "不显示警告。"),
    "rubric diff:OLD": ("d2af416d", "旧版评估框架文件。"),
    "rubric diff:NEW": ("c29b5fab", "新版评估框架文件。"),
    # issue 16: expert judgement (weights ahp/entropy, consensus, review)
    "weights ahp:FILES": ("6961571b", "每位专家一个权重文件（YAML）。"),
    "consensus:PROFILES": (
        "4af51e48",
        "同一地区、同一评估日期的两份或更多档案，由不同评估人填写。",
    ),
    "consensus:--override": (
        "fff79a64",
        "共识会议决定的等级及其理由：'指标标识=等级: 理由'（可重复；等级可为 null）。",
    ),
    "sensitivity:--weights": (
        "b0551166",
        "另一组权重（可重复）：带有其他权重的评估框架副本（policebench weights ahp --format yaml "
        "可生成），或 'entropy'（所分析各地区的熵权）。每次抽样从各组权重（包括评估框架自身的）中"
        "等可能地选取一组；输出增加每个地区在每组权重下的得分和排名。",
    ),
    # sensitivity --top and --all (on main since 5a6ec10, province scale): their Chinese here,
    # beside --weights, so that the merge finds them.
    "sensitivity:--top": (
        "432090fa",
        "表格和 Markdown 只显示排名最前的 N 个地区，并说明还有多少个；JSON 和 CSV "
        "始终包含全部地区。",
    ),
    "sensitivity:--all": ("a6018fed", "表格和 Markdown 显示全部地区。"),
    "sensitivity:--rank-counts": (
        "bd1fe218",
        "JSON：给出每个地区在其出现过的每个名次上的抽样次数。地区数以千计时，这些数字占了文件"
        "的大部分；--no-rank-counts 不写它们，保留该排名的概率、最可能的名次和名次的百分位数。",
    ),
    "validate:--require-approved": (
        "e8cf534e",
        "审核状态不是已批准（review: {status: approved, by: ..., date: ...}）的档案视为错误。",
    ),
}


#: The placeholder of each parameter's value in --help, keyed as in OPTIONS: (English,
#: Chinese). Left to typer, the help would show Python's types (<Path>, <list[str]>, <bool>
#: beside every flag); a planner reads what to type. A parameter of a few choices without an
#: entry shows its choices (<en|zh>); one with an entry has them listed after its help.
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "*:--rubric": ("PATH", "路径"),
    "*:--format": ("FORMAT", "格式"),
    "*:--output": ("FILE", "文件"),
    "*:--peers": ("PLACE", "地区"),
    "*:--template-dir": ("FOLDER", "文件夹"),
    "*:--samples": ("N", "次数"),
    "*:--seed": ("SEED", "种子"),
    "*:CITIES": ("PLACE", "地区"),
    "*:CITY": ("PLACE", "地区"),
    "*:MORE": ("PATH", "路径"),
    "*:--against": ("PEER", "对标"),
    "*:--target": ("LEVEL", "等级"),
    "*:--top": ("N", "N"),
    "*:CITY_ID": ("CITY_ID", "地区标识"),
    "*:--name": ("NAME", "名称"),
    "*:--name-zh": ("NAME", "名称"),
    "*:--kind": ("KIND", "类型"),
    "*:--assessed": ("DATE", "日期"),
    "*:PROFILES": ("PROFILE", "档案"),
    "*:--override": ("DECISION", "决定"),
    "*:--many": ("N", "N"),
    "*:WORKBOOK": ("WORKBOOK.xlsx", "采集表.xlsx"),
    "*:WHICH": ("NAME", "名称"),
    "*:--weights": ("WEIGHTS", "权重"),
    "*:RESPONSES": ("ANSWERS.csv|.xlsx", "问卷.csv|.xlsx"),
    "*:--city": ("PLACE", "地区"),
    "*:--sheet": ("SHEET", "工作表"),
    "*:PATHS": ("PATH", "路径"),
    "*:OLD": ("OLD.yaml", "旧版.yaml"),
    "*:NEW": ("NEW.yaml", "新版.yaml"),
    "*:FILES": ("FILE", "文件"),
}


def fingerprint(english: str) -> str:
    """A short fingerprint of an English help text (its translation is stale when it moves)."""
    return hashlib.sha256(" ".join(english.split()).encode("utf-8")).hexdigest()[:8]


def param_key(param: Any) -> str:
    """How a parameter is named in :data:`OPTIONS`: its long option, or an argument's NAME."""
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.name).upper()
    longs = [o for o in param.opts if o.startswith("--")]
    return str((longs or param.opts)[0])


def option_zh(path: str, param: Any) -> tuple[str, str] | None:
    """The catalogue entry of ``param`` of the command at ``path``."""
    return _entry(OPTIONS, path, param)


def _entry(catalogue: dict[str, tuple[str, str]], path: str, param: Any) -> tuple[str, str] | None:
    """``param``'s entry in ``catalogue``: under its command's ``path``, else under "*"."""
    key = param_key(param)
    return catalogue.get(f"{path}:{key}") or catalogue.get(f"*:{key}")


def placeholder(path: str, param: Any) -> tuple[str, str] | None:
    """The :data:`PLACEHOLDERS` entry of ``param`` of the command at ``path``."""
    return _entry(PLACEHOLDERS, path, param)


def choices(param: Any) -> list[str]:
    """The values a choice parameter takes, as typed; [] for any other parameter."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None or not getattr(desc, "is_choice", False):
        return []
    return [str(getattr(c, "value", c)) for c in desc.choices or ()]


def choices_text(values: list[str], lang: str) -> str:
    """ "One of: a, b, c." in ``lang``."""
    if lang == "zh":
        return f"可选：{'、'.join(values)}。"
    return f"One of: {', '.join(values)}."


def range_text(low: float | None, high: float | None, lang: str) -> str:
    """The range of a number parameter in words ("From 1 to 1000000."), "" for none."""
    if low is None and high is None:
        return ""
    if lang == "zh":
        if high is None:
            return f"不小于 {low}。"
        return f"不大于 {high}。" if low is None else f"取值 {low} 至 {high}。"
    if high is None:
        return f"At least {low}."
    return f"At most {high}." if low is None else f"From {low} to {high}."


def _nothing(*_: Any, **__: Any) -> None:
    """What a parameter shows beside its name in --help, in place of typer's type or range
    ("<bool>", "[1<=x<=1000000]"): nothing."""
    return None


def _add(param: Any, text: str, lang: str) -> None:
    """``text`` at the end of ``param``'s help, once (Chinese sentences join without a
    space)."""
    if text and text not in (param.help or ""):
        param.help = ("" if lang == "zh" else " ").join(filter(None, (param.help, text)))


def show_placeholders(command: Any, path: str, lang: str) -> None:
    """Put each parameter's placeholder in ``lang`` (:data:`PLACEHOLDERS`) where typer would
    show a Python type, and nothing beside a flag (typer shows <bool>). Only the help is
    changed: what the parameters accept, and the messages about them, stay as they were."""
    for param in command.params:
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.display_type_rich = _nothing
            continue
        found = placeholder(path, param)
        if found is None:
            continue
        text = found[1] if lang == "zh" else found[0]
        values = choices(param)
        if values and not all(v in (param.help or "") for v in values):
            _add(param, choices_text(values, lang), lang)
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        if low is not None or high is not None:
            # typer would write "[1<=x<=1000000]" beside the type, narrowing the help.
            _add(param, range_text(low, high, lang), lang)
            param._get_number_range_help_str = _nothing
        if getattr(param, "param_type_name", "") != "argument":
            param.metavar = text
            continue
        dots = "..." if param.nargs != 1 else ""
        piece = (f"{{{text}}}" if param.required else f"[{text}]") + dots
        param.metavar = text + dots
        param.get_usage_pieces = lambda ctx, piece=piece: [piece]
        param.display_type_rich = _nothing


def help_lang() -> str:
    """The language of --help: ``--lang`` when on the command line, else the locale's."""
    from policebench.cli.usage import lang_in

    return lang_in(sys.argv[1:])


def localize(command: Any, path: str, lang: str) -> None:
    """Put the Chinese of ``command``'s help, epilog and parameters in place (in ``lang``
    "zh"; English stays as the code wrote it)."""
    if lang != "zh":
        return
    entry = COMMANDS.get(path)
    if entry is not None:
        command.help = entry[1]
        command.short_help = None
    epilog = COMMANDS.get(f"{path}#epilog")
    if epilog is not None and command.epilog:
        command.epilog = epilog[1]
    for param in command.params:
        found = option_zh(path, param)
        if found is not None:
            param.help = found[1]
    for name, sub in (getattr(command, "commands", None) or {}).items():
        localize(sub, f"{path} {name}".strip(), lang)


def localize_frame(lang: str) -> None:
    """typer's panel titles and markers in ``lang`` (they are module settings of typer)."""
    if lang != "zh":
        return
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = FRAME_ZH["Arguments"]
    rich_utils.OPTIONS_PANEL_TITLE = FRAME_ZH["Options"]
    rich_utils.COMMANDS_PANEL_TITLE = FRAME_ZH["Commands"]
    rich_utils.DEFAULT_STRING = FRAME_ZH["default"]
    rich_utils.REQUIRED_LONG_STRING = FRAME_ZH["required"]


def _path(ctx: Any) -> str:
    """The command's path below the program: "", "score", "rubric diff"."""
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    return " ".join(names)


class _Localized:
    """What LocalizedCommand and LocalizedGroup add to typer's classes: the help in the
    language of :func:`help_lang`."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from typer import rich_utils

        lang = help_lang()
        localize(self, _path(ctx), lang)
        show_placeholders(self, _path(ctx), lang)
        if lang == "zh":
            # rich's Markdown cuts a line of Chinese (no spaces to wrap at) with "…"; its
            # Text folds it, and Chinese may break between any two characters.
            self.rich_markup_mode = "rich"
        saved = {name: getattr(rich_utils, name) for name in (*_FRAME_NAMES, *_FOLDED)}
        localize_frame(lang)
        with _chinese_line_breaking(lang == "zh"):
            # In a narrow terminal an option's name or a long word of its help is folded
            # onto the next line, never cut to "--template-d…", which names no option.
            import rich.columns

            folding = _folding_table()
            in_columns = getattr(rich.columns, "Table")  # noqa: B009 - not exported by rich
            try:
                setattr(rich_utils, "Table", folding)  # noqa: B010 - nor by typer
                setattr(rich.columns, "Table", folding)  # noqa: B010 - an option's help
                if lang == "zh":
                    rich_utils._make_rich_text = _folding(saved["_make_rich_text"])
                super().format_help(ctx, formatter)  # type: ignore[misc]
            finally:
                for name, value in saved.items():
                    setattr(rich_utils, name, value)
                setattr(rich.columns, "Table", in_columns)  # noqa: B010

    def get_usage(self, ctx: Any) -> str:
        show_placeholders(self, _path(ctx), help_lang())
        text = str(super().get_usage(ctx))  # type: ignore[misc]
        if help_lang() != "zh":
            return text
        for english in ("[OPTIONS]", "COMMAND [ARGS]..."):  # a group's usage ends with both
            text = text.replace(english, FRAME_ZH[english], 1)
        return text.replace("Usage: ", FRAME_ZH["Usage:"], 1)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.display_type_rich = _nothing
            if help_lang() == "zh":
                option.help = FRAME_ZH["help_option"]
        return option


def _folding_table() -> Any:
    """rich's Table whose every column folds what does not fit instead of cutting it with
    "…" (typer's tables of options and commands make their columns as rows are added)."""
    from rich.table import Table

    class FoldingTable(Table):
        def add_row(self, *renderables: Any, **kwargs: Any) -> None:
            super().add_row(*renderables, **kwargs)
            for column in self.columns:
                column.overflow = "fold"

    return FoldingTable


def _folding(make: Any) -> Any:
    """typer's maker of help text, its text folded where a line is full instead of cut with
    "…" (a line of Chinese has no space to wrap at)."""

    def make_folding(*args: Any, **kwargs: Any) -> Any:
        text = make(*args, **kwargs)
        if hasattr(text, "overflow"):
            text.overflow = "fold"
        return text

    return make_folding


@contextlib.contextmanager
def _chinese_line_breaking(on: bool) -> Iterator[None]:
    """While it lasts (``on``), rich wraps text as Chinese is set: no line of the help
    starts with "，" or "。" (rich's own wrapping folds a line of Chinese at its last
    column). rich has no setting for it: its ``Text.wrap`` asks ``divide_line`` where
    lines break, and this puts :func:`~policebench.render.terminal.break_offsets` (the
    same contract, the same breaks for text without CJK) in its place. Where a rich
    release no longer has it, help wraps as rich does (tests/cli/test_help.py notices)."""
    import rich.text

    saved = getattr(rich.text, "divide_line", None)
    if not on or not callable(saved):
        yield
        return
    from policebench.render.terminal import break_offsets

    setattr(rich.text, "divide_line", break_offsets)  # noqa: B010 - not exported by rich
    try:
        yield
    finally:
        setattr(rich.text, "divide_line", saved)  # noqa: B010


#: What of typer's the help replaces by folding versions while it prints.
_FOLDED = ("_make_rich_text", "Table")

_FRAME_NAMES = (
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "DEFAULT_STRING",
    "REQUIRED_LONG_STRING",
)


def install(app: Any) -> None:
    """Make every command of ``app`` (and of its sub-apps) print its help in the language
    of :func:`help_lang`."""
    from typer.core import TyperCommand, TyperGroup

    command_cls = type("LocalizedCommand", (_Localized, TyperCommand), {})
    group_cls = type("LocalizedGroup", (_Localized, TyperGroup), {})

    def walk(typer_app: Any) -> None:
        typer_app.info.cls = group_cls
        for info in typer_app.registered_commands:
            info.cls = command_cls
        for group in typer_app.registered_groups:
            group.cls = group_cls
            walk(group.typer_instance)

    walk(app)
