"""The Chinese of every description in the schemas of the files planners write (rubric,
profile, weights): ``policebench schema`` puts it before the English, so that an editor's
hover and completion (VS Code with the YAML extension, through the ``$schema`` line of every
bundled file) read Chinese first.

Keyed by the English description with its white space collapsed, as pydantic gives it from
a ``Field(description=...)`` or a docstring. A test fails when a description of those
schemas has no Chinese here, or when an entry here matches no description any more (the
English changed: translate it again).
"""

from __future__ import annotations

ZH: dict[str, str] = {
    # ---------------------------------------------------------------- profile
    "The assessment of one indicator in one place. ``level: null`` means unknown; "
    "``applicable: false`` (with a ``reason``) means the indicator does not apply here.": (
        "一个地区对一项指标的评估。`level: null` 表示未知；`applicable: false`（并写明 "
        "`reason`）表示该指标不适用于此地区。"
    ),
    "false: the indicator does not apply to this place (give 'reason'); it is left out of "
    "coverage and of every average, and shown as n/a, never as unknown.": (
        "false：该指标不适用于此地区（请写明 reason）；它不计入覆盖率和任何平均值，显示为"
        "“不适用”，而不是“未知”。"
    ),
    "The assessor's confidence.": "评估人的置信度。",
    "Assessors' levels, when the level is several assessors' consensus.": (
        "该等级为多位评估人的共识时，各评估人给出的等级。"
    ),
    "What was seen that shows the level.": "证据：看到了什么，足以表明达到该等级。",
    "The evidence in Chinese.": "证据（中文）。",
    "The level reached; null when unknown.": "达到的等级；未知时为 null。",
    "A remark, e.g. why the level is unknown.": "备注，例如等级为何未知。",
    "The remark in Chinese.": "备注（中文）。",
    "Why the indicator does not apply here.": "该指标为何不适用于此地区。",
    "The reason in Chinese.": "原因（中文）。",
    "Where the evidence comes from.": "证据的来源。",
    "Questionnaire statistics, when the level came from a survey.": (
        "等级来自问卷调查时的问卷统计。"
    ),
    "Metric indicators: the measured value (the level follows from it).": (
        "计量指标：实测数值（等级由它得出）。"
    ),
    "How a level was reached from several assessors' profiles (written by `policebench "
    "consensus`).": "如何由多位评估人的档案得出该等级（由 `policebench consensus` 写入）。",
    "Share of the known levels within one level of the consensus (null when the consensus or "
    "every level is unknown).": (
        "一致度：与共识等级相差不超过一级的已知等级所占比例（共识或全部等级未知时为 null）。"
    ),
    "Each assessor's level (null: unknown to them).": (
        "每位评估人给出的等级（null：该评估人不知道）。"
    ),
    "median (the lower middle level on ties) or meeting (set by the consensus meeting, with "
    "its rationale).": (
        "median（取中位数，偶数个时取较低的中间值）或 meeting（由共识会议决定，并写明理由）。"
    ),
    "Why the meeting decided this level.": "共识会议决定该等级的理由。",
    "Highest minus lowest known level.": "极差：已知等级的最高值减最低值。",
    "Where the assessment stands: a draft, reviewed, or approved (by whom, when).": (
        "评估所处的状态：草稿、已审核或已批准（由谁、何时）。"
    ),
    "Who reviewed or approved it.": "审核人或批准人。",
    "When (YYYY-MM-DD).": "日期（YYYY-MM-DD）。",
    "A remark of the reviewer.": "审核意见。",
    "draft, reviewed or approved.": "draft（草稿）、reviewed（已审核）或 approved（已批准）。",
    "Where evidence comes from, and how far it can be trusted.": "证据的来源，及其可信程度。",
    "The date the source was read (collected), when known.": (
        "访问日期：读取（收集）该来源的日期，已知时填写。"
    ),
    "The date the source describes (its publication or effective date), when known; the "
    "evidence's age is counted from it.": (
        "来源所述日期（发布或生效日期），已知时填写；证据的时效从这一天算起。"
    ),
    "primary (official text), secondary (press, thesis), repost (mirror).": (
        "primary（一手：官方原文）、secondary（二手：媒体、论文）、repost（转载）。"
    ),
    "Title of the document, page or interview; may be left out when title_zh is given (the "
    "Chinese title is then its title).": (
        "文件、网页或访谈的标题；已填写 title_zh 时可以省略（此时中文标题即为其标题）。"
    ),
    "The title in Chinese, shown in Chinese reports (the document's own title when it is in "
    "Chinese).": "标题（中文），用于中文报告（文件本身为中文时即其原标题）。",
    "Where it can be read, when public.": "可以查阅的网址（公开时填写）。",
    "How a level was reached from questionnaire answers (written by `policebench survey`).": (
        "如何由问卷回答得出该等级（由 `policebench survey` 写入）。"
    ),
    "Share of answers within one level of the median.": (
        "一致度：与中位数相差不超过一级的回答所占比例。"
    ),
    "Number of respondents who gave a level.": "给出等级的受访者人数。",
    "Answers per level.": "各等级的答卷数。",
    "One place's assessment against a rubric: a level (or measured value) per indicator, "
    "with confidence, evidence and sources.": (
        "一个地区依据评估框架的评估档案：每项指标一个等级（或实测数值），并附置信度、证据和来源。"
    ),
    "Date of the assessment (YYYY-MM-DD).": "评估日期（YYYY-MM-DD）。",
    "Who assessed, and how.": "评估人及评估方式。",
    "Who assessed, and how, in Chinese.": "评估人及评估方式（中文）。",
    "Lowercase letters, digits and hyphens, e.g. 'top-level-design'.": (
        "标识：小写字母、数字和连字符，例如 'top-level-design'。"
    ),
    "The assessment of each indicator, by indicator id.": "各项指标的评估，按指标标识列出。",
    "What sort of place: city, province, region or county.": (
        "地区类型：city（市）、province（省）、region（自治区/地区）或 county（县）。"
    ),
    "The place's name, e.g. 'J City'.": "地区名称（英文），例如 'J City'。",
    "The name in Chinese, e.g. 'J市'.": "地区名称（中文），例如 'J市'。",
    "Remarks on the whole assessment.": "对整个评估的说明。",
    "The remarks in Chinese.": "说明（中文）。",
    "Review status: draft, reviewed or approved, with who and when.": (
        "审核状态：草稿、已审核或已批准，并写明审核人和日期。"
    ),
    "The id of the rubric this profile is assessed against.": "本档案所依据的评估框架的标识。",
    "Target levels; otherwise the rubric's default_target.": (
        "目标等级（指标标识: 等级）；未列出的指标使用评估框架的 default_target。"
    ),
    # ---------------------------------------------------------------- rubric
    "Something a place can do to move an indicator up to the level it is listed under.": (
        "措施：地区可以做的一件事，使该指标提升到其所列的等级。"
    ),
    "What to do, in a sentence a planner would act on.": (
        "要做什么，用规划人员可以照着执行的一句话写明。"
    ),
    "The same in Chinese.": "同上（中文）。",
    "Relative effort: low, medium or high.": "相对投入：low（低）、medium（中）或 high（高）。",
    "Other indicators and the level each must have reached before this action.": (
        "前置条件：实施此措施之前，其他指标各自须达到的等级。"
    ),
    "A group of indicators (planning, integration, platform, security, talent).": (
        "维度：一组指标（统筹规划、数据整合、平台建设、安全、人才等）。"
    ),
    "The indicators of this dimension, at least one.": "该维度的指标，至少一项。",
    "The dimension's name, e.g. 'Planning and coordination'.": (
        "维度名称（英文），例如 'Planning and coordination'。"
    ),
    "The name in Chinese.": "名称（中文）。",
    "Relative weight in the overall score (> 0).": "在综合得分中的相对权重（> 0）。",
    "One thing assessed, rated on the rubric's scale (or measured, for metric indicators).": (
        "指标：一项评估内容，按评估框架的等级评定（计量指标则实测）。"
    ),
    "Under level N: the actions that move a place from level N-1 up to N.": (
        "列在等级 N 下：使地区从等级 N-1 提升到 N 的措施。"
    ),
    "false: a profile may not mark this indicator not applicable (where 'applicable: false' "
    "would be an escape hatch).": (
        "false：档案不得把该指标标为不适用（以免 'applicable: false' 成为回避评估的出口）。"
    ),
    "What shows the level.": "能表明达到该等级的证据。",
    "How old this indicator's newest source may be at the assessment date before its level "
    'is stale, e.g. "2y" or "18m" (default: the rubric\'s).': (
        '证据时效：到评估日期时，该指标最新的来源最多可以有多旧，超过即视为过期，例如 "2y" 或 '
        '"18m"（默认：评估框架的设置）。'
    ),
    "The same kinds of evidence, in Chinese.": "同类证据（中文）。",
    "Unique across the whole rubric; profiles refer to it.": (
        "在整个评估框架中唯一；档案通过它引用该指标。"
    ),
    "'level' (rated by the assessor) or 'metric' (a measured value).": (
        "'level'（由评估人评定等级）或 'metric'（计量指标：填写实测数值）。"
    ),
    "A descriptor for every level of the scale.": "等级描述：每个等级一条。",
    "The level descriptors in Chinese.": "等级描述（中文）。",
    "A short name of what is assessed.": "所评估内容的简短名称。",
    "The seed problem or lesson this indicator answers.": (
        "该指标回应的问题或经验（来自原始研究）。"
    ),
    "The question an assessor answers.": "评估人要回答的问题。",
    "The question in Chinese.": "问题（中文）。",
    "Frameworks it maps to.": "对应的参考框架。",
    "Metric indicators: the value needed for each level above the minimum.": (
        "计量指标：达到最低等级以上每个等级所需的数值（阈值）。"
    ),
    "Metric indicators: the unit of the value.": "计量指标：数值的单位。",
    "The unit in Chinese.": "单位（中文）。",
    "Relative weight within its dimension (> 0).": "在所属维度内的相对权重（> 0）。",
    "The whole-number levels every indicator is rated on, each with a name.": (
        "等级量表：每项指标都按这些整数等级评定，每个等级有名称。"
    ),
    "A name for every level from min to max.": "从 min 到 max 每个等级的名称。",
    "Chinese level names.": "等级名称（中文）。",
    "The highest level (usually 4).": "最高等级（通常为 4）。",
    "The lowest level (usually 0).": "最低等级（通常为 0）。",
    "An overall maturity stage: reached when the overall score is at least ``min``.": (
        "发展阶段：综合得分不低于 `min` 即达到该阶段。"
    ),
    "Lowest overall score (0-100) of this stage.": "该阶段的最低综合得分（0-100）。",
    "The stage's name, e.g. 'Developing'.": "阶段名称（英文），例如 'Developing'。",
    "The stage's name in Chinese.": "阶段名称（中文）。",
    "How `policebench sensitivity` varies the choices behind a score (docs/sensitivity.md). "
    "Every field is optional. To switch a source of uncertainty off: ``concentration: null`` "
    "(weights fixed), ``aggregations: [arithmetic]``, ``impute_unknown: false``, "
    "``low_shift: 0`` and ``medium_shift: 0``; with all five the band is the point score.": (
        "`policebench sensitivity` 如何改变得分背后的各项选择（见 docs/sensitivity.md）。各项均可"
        "省略。要关闭某一不确定性来源：`concentration: null`（权重固定）、`aggregations: "
        "[arithmetic]`、`impute_unknown: false`、`low_shift: 0` 和 `medium_shift: 0`；五项全部"
        "关闭时，区间即为得分本身。"
    ),
    "Aggregations a sample may draw from, each equally likely: 'arithmetic' (weighted mean, "
    "as `score` uses) or 'geometric' (weighted geometric mean of the scores plus one level "
    "step, minus that step, so a zero does not zero the whole).": (
        "每次抽样等可能地选用的汇总方法：'arithmetic'（加权算术平均，与 `score` 相同）或 "
        "'geometric'（各得分加一个等级步长后取加权几何平均，再减去该步长，使某项为零时总分不"
        "至于为零）。"
    ),
    "Dirichlet concentration of the weight draws around the rubric's weights (dimension "
    "weights, and indicator weights within each dimension): larger = tighter; null keeps the "
    "rubric's weights fixed.": (
        "权重抽样围绕评估框架权重（维度权重，及各维度内的指标权重）的 Dirichlet 集中度：越大"
        "越集中；null 表示权重固定为评估框架的权重。"
    ),
    "Highest plausible level of an unknown (default: the scale's max).": (
        "未知等级的最高可能值（默认：量表的 max）。"
    ),
    "Lowest plausible level of an unknown (default: the scale's min).": (
        "未知等级的最低可能值（默认：量表的 min）。"
    ),
    "When true, each sample treats unknown levels in one of three ways, equally likely: left "
    "out (as `score` does), all at impute_min, or all at impute_max. When false, unknown "
    "levels are always left out.": (
        "为 true 时，每次抽样等可能地以三种方式之一处理未知等级：不计入（与 `score` 相同）、"
        "全部取 impute_min，或全部取 impute_max。为 false 时，未知等级始终不计入。"
    ),
    "Probability that a low-confidence level moves by one level, down or up with equal "
    "chance (a move off the scale stays put); the default 2/3 makes the level one lower, the "
    "same or one higher with equal chance.": (
        "低置信度等级上下浮动一级的概率（上下机会均等，超出量表时保持不变）；默认 2/3，即降一"
        "级、不变、升一级的机会相同。"
    ),
    "Probability that a medium-confidence level moves by one level, as for low_shift (at "
    "most low_shift). High-confidence levels never move.": (
        "中置信度等级浮动一级的概率，方式同 low_shift（不大于 low_shift）。高置信度等级不浮动。"
    ),
    "A smart-policing maturity rubric: dimensions of indicators, each rated on a scale of "
    "levels with descriptors and actions.": (
        "智慧警务建设成熟度评估框架：由若干维度的指标组成，每项指标按等级量表评定，并附等级描述和措施。"
    ),
    "The level a place should reach by default.": "默认目标等级：地区默认应达到的等级。",
    "What the rubric measures, for readers.": "评估框架衡量什么（供读者阅读的说明）。",
    "The description in Chinese.": "说明（中文）。",
    "The dimensions, each a weighted group of indicators.": "各维度，每个维度是一组带权重的指标。",
    "How old a level's newest source may be at the assessment date before the level is "
    'stale, e.g. "3y" or "36m"; a stale level\'s confidence is lowered one step in '
    "`policebench sensitivity`. An indicator may set its own. None: never stale.": (
        '证据时效：到评估日期时，一个等级最新的来源最多可以有多旧，超过即视为过期，例如 "3y" 或 '
        '"36m"；在 `policebench sensitivity` 中，过期等级的置信度降一级。指标可以另行设置。'
        "不设置：永不过期。"
    ),
    "The rubric's name, e.g. 'Smart policing maturity'.": (
        "评估框架名称（英文），例如 'Smart policing maturity'。"
    ),
    "A place whose coverage (known weight / all weight) is below this share has its overall, "
    "stage and rank marked provisional; so has a place whose known levels are mostly opinions "
    "(levels without evidence).": (
        "覆盖率（已知指标的权重 / 全部权重）低于此比例的地区，其综合得分、阶段和排名标为暂定；"
        "已知等级多为主观判断（无证据的等级）的地区也是如此。"
    ),
    "The levels every indicator is rated on.": "每项指标评定所用的等级量表。",
    "Overall score bands, ascending.": "综合得分的阶段划分，从低到高。",
    "Settings of `policebench sensitivity`.": "`policebench sensitivity` 的设置。",
    'A version label; quote it in YAML, e.g. "1.0".': '版本号；在 YAML 中请加引号，例如 "1.0"。',
    # ---------------------------------------------------------------- weights (AHP)
    "One expert's pairwise comparisons (AHP, Saaty's 1-9 scale) of a rubric's dimensions and "
    "of the indicators within each dimension: the upper triangle, reciprocals implied.": (
        "一位专家对评估框架各维度、以及各维度内指标的两两比较（层次分析法，Saaty 1～9 标度）："
        "只写上三角，倒数自动推出。"
    ),
    "Dimensions against dimensions: row -> {column: judgement}.": (
        "维度之间的比较：行 -> {列: 判断值}。"
    ),
    "How much more important the row item is than the column item, on Saaty's scale 1/9..9: "
    "1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4, "
    "6, 8 in between; 1/3 = moderately less. A number or a fraction such as 1/3.": (
        "行项目比列项目重要多少（Saaty 标度 1/9..9）：1 同等重要，3 稍微重要，5 明显重要，"
        "7 强烈重要，9 极端重要；2、4、6、8 介于其间；1/3 = 稍微不重要。填写数字或 1/3 这样的分数。"
    ),
    "Who judged, e.g. 'Expert A' or a name and unit.": "判断人，例如 'Expert A'，或姓名和单位。",
    "Per dimension id, its indicators against each other, the same way; a dimension left out "
    "keeps the rubric's indicator weights.": (
        "按维度标识，列出该维度内指标之间的比较，写法相同；未列出的维度沿用评估框架的指标权重。"
    ),
    "The id of the rubric whose items are compared.": "所比较项目所属评估框架的标识。",
}


def bilingual(description: str) -> str:
    """``description`` with its Chinese first ("中文。\\n\\nEnglish."), or as it is when the
    catalogue has none (a test keeps the catalogue complete)."""
    zh = ZH.get(" ".join(description.split()))
    return description if zh is None else f"{zh}\n\n{description}"
