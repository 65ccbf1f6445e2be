/**
 * The roll-up of all active clients for a week as a document (A4 portrait, Chinese): used by the preview dialog and
 * the PDF print view. Clients without a note this week are flagged '无记录' in red.
 */
import type { WeeklyRollup } from '../../../../shared/reports/weekly-model';
import { filtersText, progressText, stageZh, WEEKLY_ZH as Z } from '../../../../shared/reports/weekly-labels';
import '../../print/print.css';
import './weekly-sheet.css';

export function RollupSheet({ r }: { r: WeeklyRollup }) {
  return (
    <div className="weekly-sheet" data-testid="weekly-rollup-sheet">
      <h1>{Z.rollupTitle}</h1>
      <div className="meta">
        {Z.week}：{r.week.label}　　{Z.generatedOn}：{r.generatedOn}<br />
        {Z.filters}：{filtersText(r.filters)}　　在办客户 {r.totals.shown} 家，其中本周无记录 {r.totals.noNote} 家
      </div>
      <table className="rollup">
        <colgroup>
          <col style={{ width: '4%' }} /><col style={{ width: '28%' }} /><col style={{ width: '7%' }} /><col style={{ width: '7%' }} />
          <col style={{ width: '11.5%' }} /><col style={{ width: '6.5%' }} /><col /><col style={{ width: '12%' }} /><col style={{ width: '6.5%' }} />
        </colgroup>
        <thead>
          <tr>
            <th className="num">{Z.seq}</th><th>{Z.name}</th><th>{Z.city}</th><th>顾问</th><th>阶段</th>
            <th className="num">进度</th><th>{Z.headline}</th><th>{Z.nextDeadline}</th><th className="num">记录</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x, i) => (
            <tr key={x.clientId} data-testid={`rollup-sheet-row-${x.clientId}`}>
              <td className="num">{i + 1}</td>
              <td>{x.name}</td>
              <td>{x.city}</td>
              <td>{x.consultant ?? '—'}</td>
              <td>{stageZh(x.stage)}{x.stageMoved ? ' ↑' : ''}</td>
              <td className="num">{progressText(x.progress)}</td>
              <td>{x.headline}</td>
              <td>{x.nextDeadline ? `${x.nextDeadline.date.slice(5)} ${x.nextDeadline.title}` : '—'}</td>
              <td className="num">{x.noNote ? <span className="red">{Z.noNoteFlag}</span> : `${x.noteCount}条`}</td>
            </tr>
          ))}
          {!r.rows.length && <tr><td colSpan={9} className="empty">本周没有符合条件的在办客户</td></tr>}
        </tbody>
      </table>
      <p className="meta">注：“↑”表示本周阶段有推进；进度为已核对及以上 / 全部材料；记录为本周进度记录条数，“无记录”表示本周没有进度记录；下一截止为本周之后两周内最早的截止事项。</p>
    </div>
  );
}
