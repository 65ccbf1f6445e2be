/**
 * One client's weekly summary as short plain text for chat apps (WeChat): no markup, one fact per line, Chinese,
 * carrying the week and the date made. Pure; the UI shows it and copies it to the clipboard.
 */
import type { MaterialStatus } from '../domain/materials';
import { joinLines, mmdd, progressText, stageMovesText, stageZh, statusZh, WEEKLY_ZH } from './weekly-labels';
import { WEEKLY_RULES, type ClientWeekSummary } from './weekly-model';

/** Status changes a client hears about, in lifecycle order (spec §4); moves back to 待收集 (mis-click fixes) are left out. */
const CHAT_CHANGE_ORDER: readonly MaterialStatus[] = ['received', 'checked', 'submitted', 'correction', 'accepted'];

/**
 * The chat text of a summary. Layout (sections without content are left out, except notes and next steps):
 * ```
 * 【ICP许可证办理进度周报】
 * 客户：<name>
 * 周次：2026年第48周（11-23 ~ 11-29）
 * 当前阶段：线上预申请（本周：材料准备 → 线上预申请）
 * 材料进度：3/17
 * 本周进展：
 * 1. 11-26 <note>
 * 本周材料变化：
 * · 已收到：<title>、<title>
 * 尚缺材料（14项）：<title>、<title>…（最多8项）等
 * 近两周截止（11-30 ~ 12-13）：
 * · 12-05 <title>（材料截止）
 * 下一步：
 * <next steps>
 * 负责顾问：<name>
 * 制表日期：2026-11-27
 * ```
 */
export function weeklyClientText(s: ClientWeekSummary): string {
  const out: string[] = [];
  out.push(`【${WEEKLY_ZH.clientTitle}】`);
  out.push(`${WEEKLY_ZH.client}：${s.client.name}`);
  out.push(`${WEEKLY_ZH.week}：${s.week.label}`);
  const moves = s.stageMoves.length ? `（本周：${stageMovesText(s.stageMoves)}）` : '';
  out.push(`${WEEKLY_ZH.stage}：${stageZh(s.stage)}${moves}`);
  out.push(`${WEEKLY_ZH.progress}：${progressText(s.progress)}`);

  out.push('本周进展：');
  if (s.notes.length) s.notes.forEach((n, i) => out.push(`${i + 1}. ${mmdd(n.date)} ${joinLines(n.body)}`));
  else out.push(WEEKLY_ZH.noNotes);

  const byStatus = new Map<MaterialStatus, string[]>();
  for (const c of s.materialChanges) {
    const list = byStatus.get(c.to) ?? [];
    if (!list.includes(c.title)) list.push(c.title);
    byStatus.set(c.to, list);
  }
  const changeLines = CHAT_CHANGE_ORDER.filter((k) => byStatus.has(k)).map((k) => `· ${statusZh(k)}：${byStatus.get(k)!.join('、')}`);
  if (changeLines.length) out.push('本周材料变化：', ...changeLines);

  if (s.missing.length) {
    const max = WEEKLY_RULES.chatMissingMax;
    const names = s.missing.slice(0, max).map((m) => (m.status === 'correction' ? `${m.title}（需补正）` : m.title)).join('、');
    out.push(`${WEEKLY_ZH.missing}（${s.missing.length}项）：${names}${s.missing.length > max ? ' 等' : ''}`);
  } else {
    out.push(`${WEEKLY_ZH.missing}：${WEEKLY_ZH.none}（${WEEKLY_ZH.noMissing}）`);
  }

  if (s.upcoming.items.length) {
    out.push(`近两周截止（${mmdd(s.upcoming.from)} ~ ${mmdd(s.upcoming.to)}）：`);
    for (const u of s.upcoming.items) out.push(`· ${mmdd(u.date)} ${u.title}（${u.sourceLabel}）`);
  }

  out.push('下一步：');
  out.push(s.nextSteps.text.trim() || WEEKLY_ZH.none);
  if (s.client.consultant) out.push(`${WEEKLY_ZH.consultant}：${s.client.consultant}`);
  out.push(`${WEEKLY_ZH.generatedOn}：${s.generatedOn}`);
  return out.join('\n');
}
