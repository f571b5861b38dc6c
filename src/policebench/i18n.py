"""Labels for reports and tables (and a few command-line messages), in English and Chinese.

Every label has an English text; a missing Chinese text falls back to English, never to an
empty string. Planner-written text (names, descriptors, actions) is localised through the
``*_zh`` fields of the models instead (see :func:`policebench.models.base.localized`).
"""

from __future__ import annotations

import locale
import os
import sys
from collections.abc import Iterable

LANGS = ("en", "zh")

LABELS: dict[str, tuple[str, str]] = {
    "rank": ("Rank", "排名"),
    "city": ("Place", "地区"),
    "overall": ("Overall", "综合得分"),
    "stage": ("Stage", "阶段"),
    "coverage": ("Coverage", "覆盖率"),
    "indicator": ("Indicator", "指标"),
    "dimension": ("Dimension", "维度"),
    "level": ("Level", "等级"),
    "score": ("Score", "得分"),
    "weight": ("Weight", "权重"),
    "confidence": ("Confidence", "置信度"),
    "evidence": ("Evidence", "证据"),
    "value": ("Value", "数值"),
    "unknown": ("unknown", "未知"),
    "yes": ("yes", "有"),
    "no": ("no", "无"),
    "none": ("none", "无"),
    "opinion": ("no evidence", "无证据"),
    "high": ("high", "高"),
    "medium": ("medium", "中"),
    "low": ("low", "低"),
    "assessed": ("Assessed", "评估日期"),
    # the rubric's own name: "smart-policing" is one rubric of many
    "scores_title": ("Scores · {rubric} {version}", "评分结果 · {rubric} {version}"),
    "rubric": ("Rubric", "评估框架"),
    # trend (`policebench trend`)
    "trend_title": ("Assessment history", "评估历史"),
    "change": ("Change", "变化"),
    "period": ("Period", "期间"),
    "before": ("Before", "之前"),
    "after": ("After", "之后"),
    "indicator_moves": ("Indicators that changed level", "等级发生变化的指标"),
    "one_assessment": (
        "Only one assessment so far: nothing to compare yet.",
        "目前仅有一次评估，暂无可比较的变化。",
    ),
    "no_moves": ("No indicator changed level.", "没有指标的等级发生变化。"),
    "like_for_like": (
        "{start} → {end}: overall {change}; over the {n} indicators known at both dates, "
        "{same}. The difference comes from {what} (coverage {before} → {after}).",
        # U+00A0 keeps a number with its words when a line breaks.
        "{start} → {end}：综合得分变化\u00a0{change}；只看两期均已知的\u00a0{n}\u00a0项指标，"
        "同口径变化为\u00a0{same}。差额来自{what}（覆盖率 {before} → {after}）。",
    ),
    "like_for_like_known": ("{names}, newly known", "本期新增已知的{names}"),
    "like_for_like_unknown": ("{names}, no longer known", "本期变为未知的{names}"),
    "like_for_like_and": (" and ", "，以及"),
    "sens_set_rubric": ("the rubric's weights", "评估框架权重"),
    "sens_set_entropy": ("entropy weights", "熵权法权重"),
    "trend_left_out": (
        "{n} input files had errors and were left out: {files}. If one is an assessment of "
        "this place, the history above lacks it.",
        "有 {n} 个输入文件有误，未纳入：{files}。若其中有本地区的评估，上表缺少该期。",
    ),
    "trend_left_out_one": (
        "{n} input file had errors and was left out: {files}. If it is an assessment of this "
        "place, the history above lacks it.",
        "",
    ),
    "like_for_like_title": ("Like for like", "同口径比较"),
    # rubric versions (`policebench rubric diff`)
    "rubric_diff_title": ("Rubric changes", "评估框架版本变更"),
    "kind": ("Kind", "类型"),
    "item": ("Item", "对象"),
    "old": ("Old", "旧版"),
    "new": ("New", "新版"),
    "no_rubric_changes": (
        "No change in ids, names, weights, scale, levels, thresholds or stages.",
        "标识、名称、权重、量表、等级描述、阈值和发展阶段均无变更。",
    ),
    "effects_title": (
        "Score change by place: rubric effect and place effect",
        "各地区得分变化：框架变更影响与地区自身变化",
    ),
    "old_assessment": ("Old assessment", "旧评估"),
    "new_assessment": ("New assessment", "新评估"),
    "old_rubric_score": ("Old rubric", "旧版框架得分"),
    "rescored": ("Re-scored", "按新版重算"),
    "new_score": ("New", "新得分"),
    "rubric_effect": ("Rubric effect", "框架变更影响"),
    "place_effect": ("Place effect", "地区自身变化"),
    "total_change": ("Total change", "总变化"),
    "not_scored": ("Not scored", "未计分指标"),
    "effects_note": (
        "Old rubric = old assessment under the old rubric; re-scored = the same assessment "
        "under the new rubric; new = the newest assessment under the new rubric. Rubric "
        "effect = re-scored - old rubric; place effect = new - re-scored; total = both.",
        "旧版框架得分 = 旧评估按旧版框架计分；按新版重算 = 同一评估按新版框架计分；新得分 = "
        "最新评估按新版框架计分。框架变更影响 = 按新版重算 - 旧版框架得分；地区自身变化 = "
        "新得分 - 按新版重算；总变化 = 两者之和。",
    ),
    "diff:rubric-id": ("rubric id changed", "框架标识变更"),
    "diff:version": ("version changed", "版本号变更"),
    "diff:rescaled": ("scale rescaled", "等级量表调整"),
    "diff:scale-names": ("level names changed", "等级名称变更"),
    "diff:default-target": ("default target changed", "默认目标等级变更"),
    "diff:stages": ("stages changed", "发展阶段划分变更"),
    "diff:dimension-added": ("dimension added", "新增维度"),
    "diff:dimension-removed": ("dimension removed", "删除维度"),
    "diff:dimension-renamed": ("dimension id renamed", "维度标识更名"),
    "diff:dimension-name": ("dimension name changed", "维度名称变更"),
    "diff:dimension-reweighted": ("dimension re-weighted", "维度权重调整"),
    "diff:indicator-added": ("indicator added", "新增指标"),
    "diff:indicator-removed": ("indicator removed", "删除指标"),
    "diff:indicator-moved": ("indicator moved", "指标移至其他维度"),
    "diff:indicator-reweighted": ("indicator re-weighted", "指标权重调整"),
    "diff:indicator-name": ("indicator name changed", "指标名称变更"),
    "diff:indicator-kind": ("indicator kind changed", "指标类型变更"),
    "diff:unit": ("unit changed", "计量单位变更"),
    "diff:thresholds": ("thresholds changed", "阈值变更"),
    "diff:levels": ("level descriptors changed", "等级描述变更"),
    "frontier": ("Frontier", "先进前沿"),
    # Peers: who a place is compared with, and where they came from (one line everywhere).
    "list_sep": (", ", "、"),
    "paren": (" ({})", "（{}）"),
    "instead_sep": ("; ", "，"),
    "peers_line": ("Peers: {places} ({where})", "对标地区：{places}（{where}）"),
    "peers_line_none": (
        "Peers: none ({where}): no ranking among places and no frontier; targets come from "
        "the profile or the rubric's default",
        "对标地区：无（{where}），无地区排名、无先进前沿；目标取自档案自定目标或框架默认目标",
    ),
    "no_ranking": ("— (no other place with a score)", "—（无其他有得分的地区）"),
    # under a "—" of its own (the report's summary card)
    "no_ranking_why": ("no other place with a score", "无其他有得分的地区"),
    "ranked_alone": (
        "—: only one place has a score, so there is no ranking.",
        "—：只有一个地区有得分，因此不排名。",
    ),
    "unranked": ("not ranked: no level known", "不参与排名：尚无已知等级"),
    "compared_line": ("Places compared ({count}): {places}", "比较地区（{count} 个）：{places}"),
    "compared_alone": (
        "one place: no ranking; add places to compare, or @bundled",
        "仅一个地区，无排名；可加入其他地区或 @bundled",
    ),
    # when the peers were assessed (report.sections.peer_dates)
    "dated": ("{place} {date}", "{place} {date}"),
    "date_sep": (", ", "，"),
    "peer_dates": ("Assessed: {peers}; {own}", "评估日期：{peers}；{own}"),
    "peer_dates_span": (
        "The {n} peers were assessed from {first} to {last}; {own}",
        "{n} 个对标地区的评估日期为 {first} 至 {last}；{own}",
    ),
    "peers_apart_one": (
        "{peers} was assessed more than two years before or after {place}: the comparison "
        "is with its state then, which may have moved since.",
        "{peers}的评估与{place}相隔两年以上：对比的是其评估时的建设水平，现状可能已有变化。",
    ),
    "peers_apart": (
        "{peers} were assessed more than two years before or after {place}: the comparison "
        "is with their state then, which may have moved since.",
        "{peers}的评估与{place}相隔两年以上：对比的是其评估时的建设水平，现状可能已有变化。",
    ),
    "peers_apart_many": (
        "{n} peers ({peers}, …) were assessed more than two years before or after {place}: "
        "the comparison is with their state then, which may have moved since.",
        "其中 {n} 个对标地区（{peers}等）的评估与{place}相隔两年以上：对比的是其评估时的建设"
        "水平，现状可能已有变化。",
    ),
    "peers_from_folder": ("the other profiles in use", "本次读入的其他地区"),
    "peers_from_bundled": ("bundled with policebench", "policebench 自带档案"),
    "peers_from_fallback": (
        "bundled with policebench: the working folder holds no other place",
        "policebench 自带档案：工作目录中没有其他地区",
    ),
    "peers_from_named": ("chosen for this comparison", "本次指定"),
    "peers_from_none": ("as asked", "按要求不设"),
    "peers_from_missing": (
        "no other place in use, and no bundled place fits this rubric; name peers with --peers",
        "没有其他地区，自带档案也不适用于该评估框架；请用 --peers 指定对标地区",
    ),
    "no_frontier": (
        "No peer has an evidenced level of any indicator: there is no frontier.",
        "对标地区均没有经证据支持的指标等级：不存在先进前沿。",
    ),
    "targets_peer_partly": (
        "{n} of the {total} targets are not {peer}'s: {peer} has no evidenced level there, so "
        "they are the profile's own or the rubric's default.",
        "{total} 项目标中有 {n} 项并非取自{peer}：{peer}在这些指标上没有经证据支持的等级，"
        "因此取档案自定目标或评估框架默认目标。",
    ),
    "targets_uniform": (
        "Every indicator's target is {level} ({name}), one target for all; peers set none.",
        "所有指标的目标统一为 {level} {name}，不参照对标地区。",
    ),
    # Targets: where each came from.
    "target_from_frontier": ("frontier: {holders}", "先进前沿：{holders}"),
    "target_from_frontier_low": ("the peers' best: {holders}", "对标地区最高：{holders}"),
    "targets_frontier_low": (
        "{n} of the {total} targets are the peers' best but below the rubric's default target "
        "{default} ({name}): the peers have not reached it there either, so those targets are "
        "the next step up, not advanced practice.",
        "{total} 项目标中有 {n} 项取自对标地区的最高等级，但低于框架默认目标 {default} {name}："
        "对标地区在这些指标上也未达到 {default} {name}，这些目标只是下一步可达到的台阶，"
        "并非先进水平。",
    ),
    "target_from_peer": ("{holders}", "{holders}"),
    "target_from_profile": ("the profile's own target", "档案自定目标"),
    "target_from_default": ("the rubric's default", "框架默认目标"),
    "target_from_option": ("one target for all", "统一目标"),
    "no_evidenced_frontier": (
        "no peer has an evidenced level",
        "对标地区均没有经证据支持的等级",
    ),
    "no_evidenced_peer": ("{peer} has no evidenced level", "{peer}没有经证据支持的等级"),
    "targets_title": ("Targets and where they come from", "目标及其来源"),
    "targets_rule": (
        "A peer's or the frontier's target is an evidenced level (a level without evidence is "
        "an opinion and sets no target); where no peer has one, the profile's own target, then "
        "the rubric's default.",
        "对标地区或先进前沿的目标只取有证据的等级（无证据的等级仅为主观判断，不作为目标）；"
        "无对标地区有证据时，取档案自定目标，其次为框架默认目标。",
    ),
    "targets_rule_opinions": (
        "In this report, levels without evidence (opinions) are also used as targets: such a "
        "target rests on no evidence.",
        "本报告将无证据的等级（主观判断）也用作目标：这类目标没有证据支持。",
    ),
    # Provisional scores.
    "provisional": ("provisional", "暂定"),
    "provisional_mark": ("*", "*"),
    "provisional_note": (
        "* provisional: too little is known, or most known levels are opinions (no evidence)",
        "* 暂定：已知信息过少，或已知等级多为无证据的主观判断",
    ),
    "provisional_may_move": (
        "The overall, stage and rank may move a lot as more levels are assessed and evidenced.",
        "随着更多等级得到评估和证据支持，综合得分、阶段和排名可能大幅变化。",
    ),
    "provisional_coverage": (
        "coverage {coverage}%, below the {below}% the rubric asks for",
        "覆盖率 {coverage}%，低于评估框架要求的 {below}%",
    ),
    "provisional_opinions": (
        "{opinions} of {known} known levels have no evidence",
        "{known} 个已知等级中有 {opinions} 个无证据",
    ),
    "provisional_because": ("Provisional: {why}.", "暂定：{why}。"),
    "current": ("Current", "现状"),
    "target": ("Target", "目标"),
    "gap": ("Gap", "差距"),
    "gaps": ("Gaps", "差距分析"),
    "impact": ("Impact", "提升效果"),
    "no_gaps": (
        "No open gaps: every known level is at or above its target.",
        "无未弥补差距：所有已知等级均已达到或超过目标。",
    ),
    "no_gaps_unknown": (
        "No level is known yet, so no gap can be measured: fill in the levels first.",
        "尚无已知等级，无法计算差距；请先填写等级。",
    ),
    "at_target": ("At or above target", "已达目标"),
    "unknown_levels": ("Unknown levels", "未知等级"),
    "unknown_levels_note": (
        "not counted as the lowest level; assess them first.",
        "未按最低等级计算，请先补充评估。",
    ),
    "note": ("Note", "备注"),
    "subtotals": ("By dimension", "分维度小计"),
    "open_gaps": ("Open gaps", "未弥补差距"),
    "levels_to_climb": ("Levels to climb", "需提升等级数"),
    "impact_all": ("Impact if all closed", "全部弥补后的提升"),
    "phase": ("Phase", "实施阶段"),
    "to_level": ("To level", "目标等级"),
    "action": ("Action", "措施"),
    "effort": ("Effort", "投入"),
    "needs": ("Needs", "前置条件"),
    "prerequisite": ("prerequisite", "前置步骤"),
    "no_actions": ("No actions: nothing to do for the chosen targets.", "所选目标下无需采取措施。"),
    "blocked": ("Cannot be scheduled yet", "暂无法排期"),
    "blocked_note": (
        "a prerequisite is unknown or out of reach; assess it first.",
        "前置条件未知或无法达到，请先评估。",
    ),
    "undefined_steps": ("Steps the rubric lists no action for", "评估框架未列出措施的步骤"),
    "no_peer": ("No peer has reached this level yet.", "尚无对标地区达到该等级。"),
    "report_title": ("smart-policing maturity assessment", "智慧警务建设成熟度评估报告"),
    "compared_with": ("Measured against", "目标参照"),
    "assessor": ("Assessor", "评估人"),
    "summary": ("Summary", "概要"),
    "if_closed": ("If all gaps closed", "弥补全部差距后"),
    "known_levels": ("Known levels", "已知等级"),
    "without_evidence": ("levels without evidence", "无证据的等级"),
    "ranking": ("Ranking among peers", "与对标地区的排名"),
    "by_dimension": ("Dimension by dimension", "分维度分析"),
    "nothing_known": ("no indicator of this dimension is known.", "该维度无已知指标。"),
    "best": ("best", "最高"),
    "worst": ("worst", "最低"),
    "weakest": ("Weakest", "最薄弱"),
    "strongest": ("Strongest", "最强"),
    "trend": ("Trend", "变化趋势"),
    "roadmap": ("Roadmap", "建设路线图"),
    "roadmap_note": (
        "Each phase starts when the needs of its actions are met; within a phase, "
        "actions are ordered by impact per unit of effort.",
        "每个实施阶段在其措施的前置条件满足后开始；同一实施阶段内按单位投入的提升效果排序。",
    ),
    "lessons": ("Learn from peers", "对标借鉴"),
    "evidence_appendix": ("Evidence appendix", "证据附录"),
    "sources": ("Sources", "来源"),
    "survey": ("survey answers", "问卷回答数"),
    "opinions": ("Levels without evidence", "无证据的等级"),
    "opinions_note": ("opinions until evidence is added", "在补充证据前仅为主观判断"),
    "provenance": ("Provenance", "数据来源"),
    "primary": ("primary", "一手"),
    "secondary": ("secondary", "二手"),
    "repost": ("repost", "转载"),
    "compare_title": ("Smart-policing maturity: side by side", "智慧警务建设成熟度横向比较"),
    "leader_mark": (
        "★ marks the leader of each dimension (where two or more places are known)",
        "★ 表示该维度领先者（至少两个地区已知时才标出）",
    ),
    "spread": ("Spread", "差距幅度"),
    "leader": ("Leader", "领先者"),
    "heatmap": ("Levels by indicator", "各指标等级"),
    "heatmap_note": (
        "? = unknown (no level in the profile); † = a level without evidence (an opinion).",
        "? = 未知（档案中没有等级）；※ = 无证据的等级（主观判断）。",
    ),
    "opinion_mark": ("†", "※"),
    "xlsx_levels_note": (
        "An empty cell = unknown (no level in the profile); † = a level without evidence (an "
        "opinion).",
        "空白 = 未知（档案中没有等级）；※ = 无证据的等级（主观判断）。",
    ),
    "recommend_title": ("Recommendations", "对策建议"),
    "gaps_title": ("Gap analysis", "差距分析"),
    "target_source": ("Target from", "目标来源"),
    "band_5_95": ("5–95% band", "5%～95%区间"),
    "rank_range": ("rank (5–95%)", "排名（5%～95%区间）"),
    "samples": ("samples", "次抽样"),
    "uncertainty_note": (
        "In brackets: the 5–95% bands of the score and of the rank"
        " (90% of the samples fall within each)",
        "括号内为得分和排名的 5%～95% 区间（90% 的抽样落在其中）",
    ),
    "uncertainty_under": (
        "Under each overall score: the 5–95% bands of the score and of the rank"
        " (90% of the samples fall within each)",
        "综合得分下方为得分和排名的 5%～95% 区间（90% 的抽样落在其中）",
    ),
    # what --uncertainty varied, and how likely each rank is (render.uncertainty)
    "unc_heading": ("How sure are these results?", "结果有多确定？"),
    "unc_varied": ("Varied in each sample", "每次抽样随机变动"),
    "unc_not_varied": ("Not varied", "未变动"),
    "unc_nothing_varied": (
        "Nothing: every sample is the point score.",
        "无：每次抽样的结果都与综合得分相同。",
    ),
    "unc_samples": (
        "{samples} samples, seed {seed} (the same seed gives the same results).",
        "共抽样 {samples} 次，随机种子为 {seed}（种子相同，结果相同）。",
    ),
    "unc_most_likely": ("Most likely rank", "最可能的名次"),
    "unc_rank_is_mode": (
        "rank {rank} in {p} of samples, the most likely rank",
        "在 {p} 的抽样中排第 {rank} 名，为最可能的名次",
    ),
    "unc_rank_not_mode": (
        "rank {rank} in {p} of samples; most likely rank {mode} ({p_mode})",
        "在 {p} 的抽样中排第 {rank} 名；最可能的名次为第 {mode} 名（{p_mode}）",
    ),
    "unc_weights_varied": (
        "Weights: drawn around the rubric's (Dirichlet distribution, concentration {c}); "
        "{spread} (one standard deviation; the lighter a weight, the more it moves for its "
        "size).",
        "权重：围绕评估框架的权重随机变化（狄利克雷分布，集中度 {c}），{spread}"
        "（按一个标准差计；权重越小，相对浮动越大）。",
    ),
    "unc_spread_dimensions": (
        "a dimension's weight typically moves by {spread}",
        "维度权重通常在 {spread} 内浮动",
    ),
    "unc_spread_indicators": (
        "an indicator's weight within its dimension by {spread}",
        "维度内指标权重通常在 {spread} 内浮动",
    ),
    "unc_weights_fixed": ("Weights: the rubric's, fixed.", "权重：固定采用评估框架的权重。"),
    "unc_aggregation_varied": (
        "Aggregation: {names}, equally likely, the same for both steps (indicators to "
        "dimension, dimensions to overall).",
        "汇总方法：在{names}之间等概率选取，指标汇总到维度、维度汇总到综合得分两步采用同一方法。",
    ),
    "unc_aggregation_fixed": (
        "Aggregation: always the {name}.",
        "汇总方法：始终采用{name}。",
    ),
    "unc_levels_varied": (
        "Known levels, by the assessor's confidence: a low-confidence level moves one level "
        "up or down in {low} of samples (at either end of the scale only inward, so half as "
        "often), {rest}.",
        "已知等级（按评估置信度）：低置信度等级在 {low} 的抽样中上调或下调一级"
        "（位于量表两端的等级只能向内移动，概率减半），{rest}。",
    ),
    "unc_levels_medium": (
        "a medium-confidence level in {medium}, a high-confidence level never",
        "中置信度等级为 {medium}，高置信度等级始终不变",
    ),
    "unc_levels_medium_fixed": (
        "a medium- or high-confidence level never",
        "中、高置信度等级始终不变",
    ),
    "unc_levels_fixed": (
        "Known levels: as assessed, whatever their confidence.",
        "已知等级：按评估结果固定，不随置信度变动。",
    ),
    "unc_unknowns_varied": (
        "Unknown levels: in each sample all of a place's unknowns are left out, all set to "
        "level {low} or all set to level {high}, equally likely.",
        "未知等级：每次抽样中，一个地区的全部未知等级等概率地不计入、全部按 {low} 级计"
        "或全部按 {high} 级计。",
    ),
    "unc_unknowns_fixed": (
        "Unknown levels stay unknown: every sample leaves them out, as the score itself "
        "does, and never guesses them; so a place with many unknowns may be less certain "
        "than its band shows.",
        "未知等级始终保持未知：每次抽样都像计算综合得分时一样将其排除在外，不作任何推测；"
        "因此，未知等级较多的地区，实际的不确定性可能大于所示区间。",
    ),
    "more_peers": ("Other peers at this level, not shown", "达到该等级的其他地区（未列出）"),
    # HTML reports (charts and page furniture)
    "radar_chart": ("Radar chart of dimension scores", "各维度得分雷达图"),
    "bar_chart": ("Bar chart of dimension scores", "各维度得分条形图"),
    "dimension_scores": ("Scores by dimension", "各维度得分"),
    "radar_note": (
        "Scores out of 100; the dashed outline is the comparison. A hollow dot near the "
        "centre marks a dimension with no known level: unknown, not zero.",
        "满分 100；虚线为对标对象。靠近中心的空心圆点表示该维度无已知等级：是未知，而非零分。",
    ),
    "contents": ("Contents", "目录"),
    "about_assessment": ("About this assessment", "关于本次评估"),
    "out_of_100": ("out of 100", "满分 100"),
    "points": ("points", "分"),
    "reliability": ("Reliability", "可靠性"),
    "evidenced": ("Levels with evidence", "有证据的等级"),
    "reason": ("Reason", "原因"),
    "prerequisite_note": (
        "prerequisite: other actions wait for it",
        "前置步骤：其他措施以此为前提",
    ),
    "no_lessons": (
        "No open gap, so nothing to learn from peers here.",
        "无未弥补差距，暂无借鉴内容。",
    ),
    "spread_note": (
        "Spread = best minus worst known dimension score among the places; a leader and a "
        "spread need two places known.",
        "差距幅度 = 各地区该维度已知得分的最高值减最低值；至少两个地区已知时才有领先者和差距幅度。",
    ),
    "spread_one_known": ("1 place known", "仅 1 个地区已知"),
    "places": ("Places", "地区"),
    "profiles": ("Profiles", "评估档案"),
    "generated_by": ("Generated by policebench", "由 policebench 生成"),
    "no_sources": ("no source given", "未提供来源"),
    "indicators_known": ("indicators known", "项指标已知"),
    # coverage is the share of the rubric's weight known, not of the indicators: said where
    # the two stand side by side (the report's summary)
    "by_weight": ("by weight", "按指标权重计"),
    "coverage_by_weight": ("coverage is by weight", "覆盖率按指标权重计"),
    "largest_gaps": ("Largest gaps", "最主要的差距"),
    "top_only": (
        "Planned for the gaps with the highest impact only; gaps planned:",
        "仅为提升效果最大的差距制定计划；纳入计划的差距数：",
    ),
    "start_with": ("Start with", "首先推进"),
    "radar_note_compare": (
        "Scores out of 100, one outline per place. A hollow dot near the centre marks a "
        "dimension with no known level: unknown, not zero.",
        "满分 100，每个地区一条轮廓线。靠近中心的空心圆点表示该维度无已知等级：是未知，而非零分。",
    ),
    # policebench sensitivity
    "sens_title": ("Uncertainty and sensitivity of the scores", "得分的不确定性与敏感性"),
    "sens_score": ("Score (5–95%)", "得分（5%～95%区间）"),
    "sens_median": ("Median", "中位数"),
    "sens_rank": ("Rank (5–95%)", "排名（5%～95%区间）"),
    "sens_p_rank": ("P(rank {rank})", "第{rank}名概率"),
    "sens_p_point_rank": ("P(this rank)", "保持该排名的概率"),
    "sens_dimensions": ("Dimension scores (5–95%)", "各维度得分（5%～95%区间）"),
    "sens_index": (
        "What moves the overall score: first-order sensitivity index",
        "影响综合得分的因素：一阶敏感性指数",
    ),
    "unranked_unknown": (
        "—: no level known, so no overall and no rank.",
        "—：没有已知等级，因此没有综合得分，也不参与排名。",
    ),
    "sens_index_note": (
        "Share of the score's variance a choice explains on its own (0–1). "
        "All places: pooled over the places analysed.",
        "某一不确定性来源单独解释的得分方差比例（0～1）。全部地区：对所分析地区合并计算。",
    ),
    "sens_source": ("Source of uncertainty", "不确定性来源"),
    "sens_all_places": ("All places", "全部地区"),
    "sens_not_varied": ("not varied", "未变动"),
    "sens_weights": ("weights", "权重"),
    "sens_aggregation": ("aggregation", "汇总方法"),
    "sens_confidence": ("assessor confidence", "评估置信度"),
    "sens_unknowns": ("unknown levels", "未知等级"),
    "sens_samples": (
        "{samples} samples, seed {seed}; the weights and confidence indices from {pairs} "
        "sample pairs.",
        "共 {samples} 次抽样，随机种子 {seed}；权重与置信度的敏感性指数基于 {pairs} 对样本。",
    ),
    "sens_method": (
        "Drawn in each sample: weights {weights}; aggregation {aggregations}; "
        "low-confidence levels move one level in {low} of the samples, medium ones in "
        "{medium}, high ones never; unknown levels {unknowns}.",
        "每次抽样随机抽取：权重{weights}；汇总方法{aggregations}；"
        "低置信度等级在 {low} 的抽样中上调或下调一级，中置信度等级为 {medium}，"
        "高置信度等级始终不变；未知等级{unknowns}。",
    ),
    "sens_weights_fixed": ("fixed", "固定不变"),
    "sens_weights_dirichlet": (
        "around the rubric's (Dirichlet, concentration {c})",
        "围绕评估框架权重浮动（狄利克雷分布，集中度 {c}）",
    ),
    "sens_left_out": ("left out", "不计入"),
    "sens_imputed": (
        "left out, all at level {low} or all at level {high} (equally likely)",
        "不计入、全部按 {low} 级或全部按 {high} 级计（三者等可能）",
    ),
    "arithmetic": ("arithmetic mean", "算术平均"),
    # --format and the --output file name (policebench.cli.common.resolve_format)
    "fmt_mismatch": (
        "--format {format} does not match the file name {file} ({suffix} is {inferred})",
        "--format {format} 与文件名 {file} 不符（{suffix} 对应 {inferred} 格式）",
    ),
    "fmt_mismatch_hint": (
        "drop --format, or name the file {renamed}",
        "去掉 --format，或将文件命名为 {renamed}",
    ),
    "fmt_rename_hint": ("name the file {renamed}", "将文件命名为 {renamed}"),
    "fmt_unknown": (
        "cannot tell the output format from the file name {file}",
        "无法从文件名 {file} 判断输出格式",
    ),
    "fmt_unknown_hint": (
        "give --format {formats}, or name the file {files}",
        "请用 --format 指定格式（{formats}），或将文件命名为 {files}",
    ),
    "fmt_not_offered": (
        "this command has no {inferred} output (the file name {file} ends in {suffix})",
        "此命令不提供 {inferred} 格式的输出（文件名 {file} 的扩展名为 {suffix}）",
    ),
    "fmt_not_offered_hint": (
        "it writes {formats}: name the file {files}",
        "此命令可输出 {formats} 格式：请将文件命名为 {files}",
    ),
    "geometric": ("geometric mean", "几何平均"),
    # issue 13 (tables, typography, print, --help)
    "n_without_evidence": ("{n} levels without evidence", "{n} 个等级无证据"),
    "n_without_evidence_one": ("{n} level without evidence", "{n} 个等级无证据"),
    # issue 12 (hardening: output safety, I/O faults, template bounds, sanitising, size bounds)
    "out_trailing_sep": (
        "{path}: no such folder (a name ending in '/' names a folder)",
        "{path}：没有此文件夹（以“/”结尾的名称表示文件夹）",
    ),
    "out_trailing_sep_hint": (
        "create the folder first, or give a file name such as reports/report.html",
        "请先创建该文件夹，或给出文件名，例如 reports/report.html",
    ),
    "out_in_protected": (
        "{path} is inside the template folder in use ({folder}) and is, or would be taken "
        "for, a template; refusing to write it",
        "{path} 位于正在使用的模板文件夹（{folder}）中，是模板或会被当作模板，拒绝写入",
    ),
    "out_in_protected_hint": (
        "write the report outside the template folder",
        "请将报告写到模板文件夹之外",
    ),
    "out_not_regular": (
        "{path} is not a regular file (a pipe or a device); refusing to replace it",
        "{path} 不是普通文件（管道或设备），拒绝替换",
    ),
    "out_hint_other": ("choose another --output path", "请另选 --output 路径"),
    "out_read_only": (
        "{path} is read-only; refusing to replace it",
        "{path} 为只读文件，拒绝替换",
    ),
    "out_read_only_hint": (
        "choose another --output path, or make the file writable (chmod u+w) if it may be replaced",
        "请另选 --output 路径；如确可替换，请先将其设为可写（chmod u+w）",
    ),
    "io_stdout": ("standard output", "标准输出"),
    "io_permission": ("permission denied: {path}", "权限不足：{path}"),
    "io_permission_hint": (
        "check the permissions of the file or folder (ls -l), or work in a folder of your own; "
        "nothing was replaced",
        "请检查该文件或文件夹的权限（ls -l），或在自己的文件夹中操作；未替换任何文件",
    ),
    "io_disk_full": (
        "no space left on the disk while writing {path}",
        "写入 {path} 时磁盘空间已满",
    ),
    "io_disk_full_hint": (
        "free some space and run the command again; the previous file is intact",
        "请清理磁盘空间后重新运行；原有文件未受影响",
    ),
    "io_too_large": (
        "{path}: the output is larger than the file-size limit (ulimit -f)",
        "{path}：输出超过了文件大小限制（ulimit -f）",
    ),
    "io_too_large_hint": (
        "raise the limit (ulimit -f unlimited) or write a smaller output; the previous file is "
        "intact",
        "请提高限制（ulimit -f unlimited）或缩小输出；原有文件未受影响",
    ),
    "io_read_only_fs": (
        "{path} is on a read-only disk or file system",
        "{path} 位于只读磁盘或文件系统上",
    ),
    "io_other": ("{path}: {reason}", "{path}：{reason}"),
    "io_other_hint": (
        "check the path, the disk and the permissions; nothing was replaced",
        "请检查路径、磁盘和权限；未替换任何文件",
    ),
    "tpl_gbk": (
        "{file}:{line}:{column}: the template is not UTF-8 text (it looks like GBK)",
        "{file}:{line}:{column}：模板不是 UTF-8 文本（看起来是 GBK 编码）",
    ),
    "tpl_not_utf8": (
        "{file}:{line}:{column}: the template is not UTF-8 text",
        "{file}:{line}:{column}：模板不是 UTF-8 文本",
    ),
    "tpl_encoding_hint": (
        "save the template as UTF-8 (in Notepad: Save As, encoding UTF-8)",
        "请将模板另存为 UTF-8 编码（记事本：另存为，编码选 UTF-8）",
    ),
    "tpl_outside": (
        "{file}: template '{name}' leads out of the template folder (a link or a path); "
        "refusing to read it",
        "{file}：模板“{name}”指向模板文件夹之外（链接或路径），拒绝读取",
    ),
    "tpl_outside_hint": (
        "copy the template into the template folder as a plain file",
        "请将模板作为普通文件复制到模板文件夹中",
    ),
    "tpl_not_file": ("{file}: not a template file", "{file}：不是模板文件"),
    "tpl_too_big": (
        "{file}: the template is {size} bytes, more than the {limit} a template may have",
        "{file}：模板大小为 {size} 字节，超过了上限 {limit} 字节",
    ),
    "tpl_too_big_hint": (
        "a report template is a few kilobytes: check that this is the right file",
        "报告模板通常只有几 KB：请确认文件是否正确",
    ),
    "tpl_range": (
        "the template's loops over range() go past {limit} numbers in all",
        "模板中 range() 循环的次数合计超过 {limit}",
    ),
    "tpl_value": (
        "the template builds a value larger than {limit} (a repeat, power or width)",
        "模板生成的值超过上限 {limit}（重复、乘方或宽度）",
    ),
    "tpl_output": (
        "the template writes more than {limit} MB",
        "模板输出超过 {limit} MB",
    ),
    "tpl_time": (
        "the template took longer than {seconds:g} seconds; stopped",
        "模板运行超过 {seconds:g} 秒，已停止",
    ),
    "tpl_limit_hint": (
        "loop over the report data (r.…) rather than over large ranges; nothing was written",
        "请遍历报告数据（r.…），不要遍历很大的范围；未写入任何文件",
    ),
    "tpl_recursion": (
        "the template extends, includes or calls itself without end",
        "模板无限地继承、包含或调用自身",
    ),
    "tpl_recursion_hint": (
        "a template may not extend or include itself, directly or through another",
        "模板不能直接或间接地继承或包含自身",
    ),
    "tpl_division": ("division by zero in the template", "模板中出现除以零"),
    "tpl_runtime": (
        "the template failed here: {detail}",
        "模板在此处出错：{detail}",
    ),
    "tpl_runtime_hint": (
        "check the expression on that line against the JSON report (--format json); chart "
        "helpers are charts.radar(r.radar), charts.bars(...), charts.heatmap(...) and "
        "charts.trend(...) as the bundled templates call them",
        "请对照 JSON 报告（--format json）检查该行的表达式；图表函数 charts.radar(r.radar)、"
        "charts.bars(...)、charts.heatmap(...)、charts.trend(...) 的用法见自带模板",
    ),
    # issue 15 (evidence: n/a, age, source register)
    "not_applicable": ("n/a", "不适用"),
    "not_applicable_levels": ("Not applicable", "不适用的指标"),
    "not_applicable_note": (
        "these indicators do not apply to this place: they count neither as known nor as "
        "unknown, and are left out of coverage and of every average.",
        "这些指标不适用于本地：既不算已知也不算未知，不计入覆盖率和任何平均值。",
    ),
    "ev_title": ("Source register", "证据来源清单"),
    "ev_sources": ("Sources", "来源"),
    "ev_source": ("Source", "来源"),
    "ev_date": ("Date", "日期"),
    "ev_accessed": ("accessed", "访问于"),
    "ev_age": ("Age", "时效"),
    "ev_age_years": ("{years} y", "{years} 年"),
    "ev_undated": ("undated", "无日期"),
    "ev_levels": ("Levels", "支撑等级数"),
    "ev_supports": ("Supports", "支撑的地区与指标"),
    "ev_flags": ("Flags", "警示"),
    "ev_best": ("Best source", "最可靠来源"),
    "ev_flagged_levels": ("Levels with a flag", "有警示的等级"),
    "ev_quality": ("Evidence quality", "证据质量"),
    "ev_quality_line": (
        "{known} known levels by best source: {shares}; median age of the newest sources: "
        "{median}; {opinions} opinions, {stale} stale, {reposts} on reposts only, {unsourced} "
        "without a source",
        "已知等级 {known} 项，按最可靠来源：{shares}；最新来源时效中位数：{median}；"
        "无证据的等级 {opinions} 项，过期 {stale} 项，仅有转载来源 {reposts} 项，"
        "无来源 {unsourced} 项",
    ),
    "ev_rule": (
        "Age: from a level's newest dated source to the assessment date. Stale: older than "
        "the rubric's evidence_max_age ({max_age}); a stale level's confidence counts one "
        "step lower in sensitivity. A source cited on {many} levels or more is flagged "
        "'carries many levels'.",
        "时效：从某等级最新一项有日期的来源到评估日期。过期：超过评估框架规定的证据时效"
        "（{max_age}）；过期等级在敏感性分析中置信度降一级。被{many}项及"
        "以上等级引用的来源标为“单一来源支撑多个等级”。",
    ),
    "ev_no_limit": ("no limit", "未设定"),
    "age_limit_y": ("{n} years", "{n} 年"),
    "age_limit_y1": ("1 year", "1 年"),
    "age_limit_m": ("{n} months", "{n} 个月"),
    "age_limit_m1": ("1 month", "1 个月"),
    "ev_flag_stale": ("stale", "过期"),
    "ev_flag_repost_only": ("reposts only", "仅有转载"),
    "ev_flag_many_levels": ("carries many levels", "单一来源支撑多个等级"),
    "ev_flag_reliability_conflict": ("rated differently", "可靠性评定不一"),
    "ev_flag_not_http": ("not an http(s) URL", "非http(s)网址"),
    "ev_flag_undated": ("undated", "无日期"),
    "ev_flag_no_source": ("no source", "无来源"),
    "ev_quality_known": ("{n} known levels, by their best source", "已知等级 {n} 项，按最可靠来源"),
    "ev_median_age": ("Median age of the newest sources", "最新来源时效中位数"),
    "ev_max_age": ("Stale when older than", "证据过期时限"),
    "ev_level_age": ("newest source", "最新来源"),
    # issue 14 (office: xlsx and docx)
    "docx_page_of": ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
    "docx_file": ("File", "文件"),
    "docx_no_cjk_font": (
        "Chart left out: this machine has no font with Chinese characters, so its labels "
        "would print as empty boxes (on Debian: apt-get install fonts-noto-cjk).",
        "图表未插入：本机没有含中文字符的字体，图中文字会显示为空方框"
        "（Debian 系统可安装：apt-get install fonts-noto-cjk）。",
    ),
    "docx_no_cairo": (
        "Chart left out: drawing it needs the Cairo library (on Debian: apt-get install "
        "libcairo2).",
        "图表未插入：绘制图表需要 Cairo 库（Debian 系统可安装：apt-get install libcairo2）。",
    ),
    "xlsx_id": ("Id", "标识"),
    "xlsx_sheet_scores": ("Scores", "得分"),
    "xlsx_sheet_places": ("Places", "地区得分"),
    "xlsx_sheet_levels": ("Levels", "各指标等级"),
    "xlsx_sheet_roadmap": ("Roadmap", "路线图"),
    "xlsx_owner": ("Owner (to fill in)", "责任单位（待填）"),
    "xlsx_due": ("Due (to fill in)", "完成时限（待填）"),
    "xlsx_peer": ("Peer", "对标地区"),
    "xlsx_level_name": ("Level name", "等级名称"),
    "xlsx_priority": ("Priority (impact ÷ effort)", "优先级（提升效果 ÷ 投入）"),
    "xlsx_priority_note": (
        "Priority = impact ÷ effort, effort counted low = 1, medium = 2, high = 4; within a "
        "phase actions are ordered by it. A prerequisite is a step another action needs first.",
        "优先级 = 提升效果 ÷ 投入，投入按 低 = 1、中 = 2、高 = 4 计；同一阶段内按优先级排序。"
        "前置步骤：其他措施需要先完成的步骤。",
    ),
    "xlsx_yes": ("yes", "是"),
    "xlsx_url": ("URL", "网址"),
    "xlsx_point": ("Score", "得分"),
    "xlsx_lowest": ("Lowest", "最低"),
    "xlsx_highest": ("Highest", "最高"),
    "xlsx_rank_median": ("Median rank", "排名中位数"),
    "xlsx_rank_best": ("Best rank", "最好排名"),
    "xlsx_rank_worst": ("Worst rank", "最差排名"),
    "xlsx_sheet_index": ("Sensitivity indices", "一阶敏感性指数"),
    "xlsx_not_varied_note": (
        "An empty cell: that source was not varied in this run, or the score does not move.",
        "空白单元格：本次分析未变动该不确定性来源，或得分不随之变化。",
    ),
    "xlsx_sheet_assessments": ("Assessments", "各次评估"),
    "xlsx_direction": ("Direction", "变化方向"),
    "xlsx_like_for_like": ("Change like for like", "同口径变化"),
    "xlsx_move_up": ("up", "上升"),
    "xlsx_move_down": ("down", "下降"),
    "xlsx_move_known": ("newly known", "新增已知"),
    "xlsx_move_unknown": ("no longer known", "变为未知"),
    "xlsx_accessed": ("Accessed", "访问日期"),
    "xlsx_age_years": ("Age (years)", "时效（年）"),
    "xlsx_checked": ("Checked: what was found (to fill in)", "核实情况（待填）"),
    "xlsx_sheet_ev_levels": ("Levels and their sources", "各等级的来源"),
    "xlsx_level_age": ("Newest source's age (years)", "最新来源时效（年）"),
    "xlsx_level_flags": ("Level flags", "等级警示"),
    "xlsx_source_flags": ("Source flags", "来源警示"),
    "xlsx_known_levels": ("Known levels", "已知等级"),
    "xlsx_median_age": ("Median age of newest sources (years)", "最新来源时效中位数（年）"),
    "xlsx_opinions": ("Without evidence", "无证据的等级"),
    "xlsx_quality_note": (
        "Shares: known levels by their most reliable source. Age: from a level's newest dated "
        "source to the assessment date.",
        "比例：已知等级按其最可靠来源的可靠性划分。时效：从某等级最新一项有日期的来源到评估日期。",
    ),
    # issue 16 (expert judgement: AHP and entropy weights, consensus)
    "ahp_title": ("Weights from expert judgement (AHP)", "专家判断权重（层次分析法）"),
    "ahp_consistency": ("Consistency of each expert's comparisons", "各专家判断矩阵的一致性"),
    "ahp_expert": ("Expert", "专家"),
    "ahp_group": ("Compared", "比较对象"),
    "ahp_dimensions": ("the dimensions", "各维度"),
    "ahp_indicators_of": ("the indicators of {dimension}", "{dimension}维度内的指标"),
    "ahp_panel": ("Panel (geometric mean of judgements)", "专家组（判断值几何平均）"),
    "ahp_verdict": ("Verdict", "结论"),
    "ahp_ok": ("consistent (CR ≤ 0.1)", "一致（CR ≤ 0.1）"),
    "ahp_revise": ("revise (CR > 0.1)", "需修正（CR > 0.1）"),
    "ahp_most_inconsistent": (
        "Comparisons most at odds with the rest (CR > {limit})",
        "与其余判断最不一致的比较（CR > {limit}）",
    ),
    "ahp_pair": ("Row : column", "行 : 列"),
    "ahp_given": ("Given", "所给判断"),
    "ahp_implied": ("Implied by the rest", "其余判断所隐含的值"),
    "ahp_suggested": ("Nearest on the scale", "标度上最接近的值"),
    "ahp_weights": ("Weights", "权重"),
    "ahp_panel_weight": ("Panel weight", "专家组权重"),
    "ahp_rubric_weight": ("Rubric weight", "评估框架权重"),
    "ahp_global": ("Share of the overall: panel (rubric)", "占综合得分比重：专家组（评估框架）"),
    "ahp_from": ("From", "来源"),
    "ahp_from_panel": ("panel", "专家组"),
    "ahp_from_rubric": ("rubric (not compared)", "评估框架（未比较）"),
    "ahp_note": (
        "Weights of a dimension and of the indicators within it each sum to 1. Priorities: "
        "principal eigenvector; CR = CI / RI (Saaty's random index). The panel aggregates "
        "the judgements by their geometric mean (AIJ). --format yaml writes a copy of the "
        "rubric with these weights.",
        "维度权重、各维度内指标权重分别合计为1。权重为判断矩阵的主特征向量；CR = CI / RI"
        "（Saaty 平均随机一致性指标）。专家组按判断值的几何平均集结（AIJ）。"
        "--format yaml 输出带有这些权重的评估框架副本。",
    ),
    "ahp_copy_header": (
        "Weights from an AHP panel (policebench weights ahp): {experts}.\n"
        "Geometric mean of the judgements (AIJ), principal eigenvector; the groups not compared "
        "keep the\nweights of {file}, from which this copy is made (that file is not changed).",
        "层次分析法专家组权重（policebench weights ahp）：{experts}。\n"
        "按判断值的几何平均集结（AIJ），取判断矩阵的主特征向量；未比较的组保留 {file} 中的权重。\n"
        "本副本由该文件生成，原文件未作改动。",
    ),
    "entropy_copy_header": (
        "Entropy weights from the levels of {places} (policebench weights entropy): a check "
        "on the\nexperts' weights, not a replacement. Made from {file}, which is not changed.",
        "依据 {places} 的等级计算的熵权（policebench weights entropy）：用于检验专家权重，"
        "不能替代专家权重。\n本副本由 {file} 生成，原文件未作改动。",
    ),
    "entropy_title": ("Entropy weights from the levels of", "熵权法权重，依据以下地区的等级"),
    "entropy_known": ("Places known", "有等级的地区数"),
    "entropy_weight": ("Entropy weight", "熵权"),
    "entropy_difference": ("Entropy − rubric", "熵权 − 评估框架"),
    "entropy_most": (
        "Largest disagreement: {indicator}, entropy {entropy:.3f} against the rubric's "
        "{rubric:.3f}.",
        "分歧最大：{indicator}，熵权 {entropy:.3f}，评估框架权重 {rubric:.3f}。",
    ),
    "entropy_left_out": (
        "Left out (known in fewer than two places)",
        "未计入（有等级的地区少于两个）",
    ),
    "entropy_note": (
        "Weights are shares of the overall score over the indicators shown (sum 1); the "
        "rubric's are scaled to the same indicators. Entropy rewards what differs between "
        "these places, not what matters: a check on the experts' weights, not a replacement.",
        "权重为所列指标占综合得分的比重（合计为1），评估框架权重按同一组指标折算。熵权反映的是"
        "这些地区之间差异的大小，而非指标的重要性：用于检验专家权重，不能替代专家权重。",
    ),
    "consensus_summary": (
        "Consensus of {place}, assessed {date}: {count} assessors ({assessors})",
        "{place}（评估日期 {date}）的共识：{count} 位评估人（{assessors}）",
    ),
    "consensus_agreement": (
        "Agreement: {within} of the known levels within one level of the consensus; "
        "Krippendorff's alpha (ordinal) {alpha}; {disagree} indicators to discuss.",
        "一致度：{within} 的已知等级与共识相差不超过一级；Krippendorff α（序数）{alpha}；"
        "{disagree} 项指标需讨论。",
    ),
    "ahp_panel_includes": (
        "The panel's weights include judgements to revise: {experts}. Ask for them to be "
        "revised and run again, or compare with the weights without them.",
        "专家组权重包含了需修正的判断：{experts}。请相关专家修正后重新计算，或与去掉这些判断后"
        "的权重对照。",
    ),
    "alpha_reliable": ("reliable: 0.800 or more", "可靠：不低于 0.800"),
    "alpha_tentative": (
        "tentative: 0.667 to 0.800, conclusions to be drawn with care",
        "尚可：介于 0.667 与 0.800 之间，结论须审慎",
    ),
    "alpha_low": (
        "low: below 0.667, the least Krippendorff accepts; set against how little the levels "
        "vary, the assessors' differences are large",
        "偏低：低于 Krippendorff 建议的下限 0.667；相对于各等级本身的差异，评估人之间的分歧偏大",
    ),
    "consensus_rule": (
        "Consensus level = the median of the known levels, the lower middle one on ties; "
        "* = decided by the meeting. Confidence: the lowest given, at most medium when the "
        "assessors are one level apart, low when two or more.",
        "共识等级 = 已知等级的中位数，偶数个时取较低的中间值；* = 会议决定。置信度：取评估人"
        "所给的最低值；相差一级时至多为中，相差两级及以上为低。",
    ),
    "consensus_level": ("Consensus", "共识等级"),
    "consensus_within": ("Within one", "相差≤1级"),
    "consensus_spread": ("Spread", "极差"),
    "consensus_levels": ("levels differ", "等级不同"),
    "consensus_unknown": ("unknown to some", "部分评估人未知"),
    "consensus_why": ("Why listed", "列入原因"),
    "consensus_assessor": ("Assessor", "评估人"),
    "consensus_disagreements": (
        "Disagreements for the consensus meeting",
        "提交共识会议讨论的分歧",
    ),
    "consensus_none": ("The assessors agree on every indicator.", "评估人在所有指标上一致。"),
    "review_status": ("Review", "审核状态"),
    "review_draft": ("draft, not yet reviewed", "草稿，尚未审核"),
    "review_reviewed": ("reviewed, not yet approved", "已审核，尚未批准"),
    "review_approved": ("approved", "已批准"),
    "sens_places_left_out": (
        "The {top} best-ranked of {n} places; {rest} more are left out of this table "
        "(--all shows every one; --format csv or json has them all).",
        "仅列出 {n} 个地区中排名前 {top} 的地区，其余 {rest} 个未列入本表"
        "（--all 显示全部；--format csv 或 json 包含全部地区）。",
    ),
    "sens_weight_sets": (
        "Score (rank) under each weight set: the samples draw among them",
        "各组权重下的得分（排名）：抽样在各组权重之间随机选取",
    ),
    "sens_rank_range": ("Ranks", "排名范围"),
    "sens_weights_sets": (
        "one of the weight sets ({sets}, equally likely), then around it (Dirichlet, "
        "concentration {c})",
        "从各组权重（{sets}）中等可能地选取一组，再围绕其浮动（狄利克雷分布，集中度 {c}）",
    ),
    "sens_weights_sets_fixed": (
        "one of the weight sets ({sets}, equally likely), as it is",
        "从各组权重（{sets}）中等可能地选取一组，不再浮动",
    ),
}


def t(key: str, lang: str = "en") -> str:
    """The label ``key`` in ``lang``; English when there is no translation."""
    en, zh = LABELS.get(key, (key, ""))
    return zh if lang == "zh" and zh else en


def age_limit(max_age: str, lang: str = "en") -> str:
    """A rubric's age limit as written in YAML ("5y", "18m") for people: "5 years", "5 年",
    "18 个月"; a text of another form as it is."""
    number, unit = max_age[:-1], max_age[-1:]
    if not number.isdigit() or unit not in ("y", "m"):
        return max_age
    key = f"age_limit_{unit}" + ("1" if int(number) == 1 else "")
    return t(key, lang).format(n=int(number))


def label(text: str, lang: str = "en") -> str:
    """``text`` as the label before a value: "Assessor: " in English, "评估人：" in Chinese
    (a full-width colon, no space, as Chinese text sets it)."""
    return f"{text}：" if lang == "zh" else f"{text}: "


def paren(text: str, lang: str = "en") -> str:
    """``text`` in brackets after a word: " (text)" in English, "（text）" in Chinese (full-width,
    no space: "J市（未知：安全与合规）")."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def span(low: object, high: object, lang: str = "en") -> str:
    """A range of numbers: "37–63" in English (an en dash), "37～63" in Chinese (the wave dash
    GB/T 15834-2011 gives for a range of numbers). Score bands, rank ranges and level scales
    are written with it alike."""
    return f"{low}～{high}" if lang == "zh" else f"{low}–{high}"


def join_list(items: Iterable[str], lang: str = "en") -> str:
    """Items of a list in a sentence: "a, b" in English, "a、b" in Chinese (the enumeration
    comma, never ", " between Chinese words)."""
    return ("、" if lang == "zh" else ", ").join(items)


def period(lang: str = "en") -> str:
    """What ends a sentence: "." in English, "。" in Chinese."""
    return "。" if lang == "zh" else "."


def between_sentences(lang: str = "en") -> str:
    """What goes between two sentences of a paragraph: a space in English, nothing after a
    Chinese "。"."""
    return "" if lang == "zh" else " "


def sentence_sep(lang: str = "en") -> str:
    """What separates two clauses: "; " in English, "；" in Chinese."""
    return "；" if lang == "zh" else "; "


def count(n: int, key: str, lang: str = "en") -> str:
    """The label ``key`` with the count ``n`` in it: in English the ``key_one`` label when
    n is 1 ("1 level", "3 levels"); in Chinese one form, with its measure word ("3 个等级")."""
    one = f"{key}_one"
    use = one if n == 1 and lang != "zh" and one in LABELS else key
    return t(use, lang).format(n=n)


#: The environment variable that sets the language of every command, before the locale: for
#: a server whose locale is C.UTF-8, say, where a Chinese user would type --lang zh each time.
LANG_VARIABLE = "POLICEBENCH_LANG"


def lang_variable() -> str | None:
    """The language ``POLICEBENCH_LANG`` names: ``zh`` for zh, zh_CN, zh-Hans...; ``en`` for
    en, en_US...; None when it is unset or names neither (the CLI then warns once)."""
    value = os.environ.get(LANG_VARIABLE, "").strip().lower()
    return next((lang for lang in LANGS if value.startswith(lang)), None)


def default_lang() -> str:
    """``POLICEBENCH_LANG`` when it names en or zh; else ``zh`` when the environment's locale
    is Chinese, else ``en``: the locale variables (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else
    on Windows (where they are seldom set) the language Windows is shown in, else the
    process's locale, which Windows names in words ("Chinese (Simplified)_China")."""
    chosen = lang_variable()
    if chosen is not None:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if sys.platform == "win32" and _windows_shown_in_chinese():
        return "zh"
    try:
        name = (locale.getlocale()[0] or "").lower()
    except ValueError:  # pragma: no cover - exotic locale settings
        name = ""
    return "zh" if name.startswith(("zh", "chinese")) else "en"


def _windows_shown_in_chinese() -> bool:
    """Whether the user's Windows display language is Chinese (any script or region): its
    primary language id is LANG_CHINESE (0x04)."""
    try:
        import ctypes

        langid: int = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return False
    return langid & 0x3FF == 0x04
