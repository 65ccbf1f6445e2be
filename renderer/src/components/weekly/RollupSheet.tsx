/**
 * The roll-up of all clients active in a week as a document (A4 landscape, Chinese): used by the preview dialog and
 * the PDF print view. Clients without a note this week are flagged '无记录' in red; the week's milestone (licence
 * issued, submission accepted, stage moves) shows under the stage; 需补正 and overdue counts have their own columns.
 */
import type { WeeklyRollup } from '../../../../shared/reports/weekly-model';
import { deadlineWhat, filtersText, overdueText, progressText, stageZh, WEEKLY_ZH as Z } from '../../../../shared/reports/weekly-labels';
import '../../print/print.css';
import './weekly-sheet.css';

export function RollupSheet({ r }: { r: WeeklyRollup }) {
  return (
    <div className="weekly-sheet rollup-sheet" data-testid="weekly-rollup-sheet">
      <h1>{Z.rollupTitle}</h1>
      <div className="meta">
        {Z.week}：{r.week.label}　　{Z.generatedOn}：{r.generatedOn}<br />
        {Z.filters}：{filtersText(r.filters)}　　在办客户 {r.totals.shown} 家，其中本周无记录 {r.totals.noNote} 家
      </div>
      <table className="rollup">
        <colgroup>
          <col style={{ width: '3.5%' }} /><col style={{ width: '17%' }} /><col style={{ width: '6%' }} /><col style={{ width: '6%' }} />
          <col style={{ width: '13%' }} /><col style={{ width: '5.5%' }} /><col style={{ width: '5%' }} /><col style={{ width: '5%' }} />
          <col /><col style={{ width: '14%' }} /><col style={{ width: '5%' }} />
        </colgroup>
        <thead>
          <tr>
            <th className="num">{Z.seq}</th><th>{Z.name}</th><th>{Z.city}</th><th>顾问</th><th>阶段 / {Z.milestone}</th>
            <th className="num">进度</th><th className="num">{Z.correctionCount}</th><th className="num">{Z.overdueCount}</th>
            <th>{Z.headline}</th><th>{Z.nextDeadline}</th><th className="num">记录</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x, i) => (
            <tr key={x.clientId} data-testid={`rollup-sheet-row-${x.clientId}`}>
              <td className="num">{i + 1}</td>
              <td>{x.name}</td>
              <td>{x.city}</td>
              <td>{x.consultant ?? '—'}</td>
              <td>{stageZh(x.stage)}{x.stageMoved ? ' ↑' : ''}{x.milestone && <div className="milestone">★ {x.milestone}</div>}</td>
              <td className="num">{progressText(x.progress)}</td>
              <td className="num">{x.correctionCount || '—'}</td>
              <td className="num">{x.overdueCount ? <span className="red">{x.overdueCount}</span> : '—'}</td>
              <td>{x.headline}</td>
              <td>
                {x.nextDeadline ? <>{x.nextDeadline.date.slice(5)} {deadlineWhat(x.nextDeadline)}{x.nextDeadline.overdueDays > 0 && <span className="red">（{overdueText(x.nextDeadline.overdueDays)}）</span>}</> : '—'}
              </td>
              <td className="num">{x.noNote ? <span className="red">{Z.noNoteFlag}</span> : `${x.noteCount}条`}</td>
            </tr>
          ))}
          {!r.rows.length && <tr><td colSpan={11} className="empty">本周没有符合条件的在办客户</td></tr>}
        </tbody>
      </table>
      <p className="meta">注：在办客户指本周内任一时刻处于办理中的客户（含本周发证的客户，★为本周里程碑）；“↑”表示本周阶段有推进；进度为已核对及以上 / 全部材料；需补正为周末时需补正的材料项数；逾期为已逾期的截止事项数；下一截止为最早的未完成截止事项（逾期优先）；记录为本周进度记录条数，“无记录”表示本周没有进度记录。</p>
    </div>
  );
}
