/**
 * One client's weekly summary as a document (A4, Chinese): the screen preview and the PDF print view render this same
 * component, so what the consultant previews is what gets exported. Wording from shared/reports/weekly-labels.ts.
 * Order: the week's facts and what comes next first (notes, changes, deadlines, next steps), the long list of
 * missing materials last.
 */
import type { ClientWeekSummary } from '../../../../shared/reports/weekly-model';
import { mmdd, progressText, stageMovesText, stageZh, statusZh, WEEKLY_ZH as Z } from '../../../../shared/reports/weekly-labels';
import '../../print/print.css';
import './weekly-sheet.css';

export function ClientWeekSheet({ s }: { s: ClientWeekSummary }) {
  const moves = stageMovesText(s.stageMoves);
  return (
    <div className="weekly-sheet" data-testid="weekly-client-sheet">
      <h1>{Z.clientTitle}</h1>
      <div className="meta">{Z.week}：{s.week.label}　　{Z.generatedOn}：{s.generatedOn}</div>
      <table className="kv">
        <tbody>
          <tr><th>{Z.client}</th><td colSpan={3}>{s.client.name}</td></tr>
          <tr><th>{Z.uscc}</th><td>{s.client.uscc}</td><th>{Z.city}</th><td>{s.client.city}</td></tr>
          <tr><th>{Z.stage}</th><td>{stageZh(s.stage)}</td><th>{Z.consultant}</th><td>{s.client.consultant ?? '—'}</td></tr>
          <tr><th>{Z.stageMoves}</th><td colSpan={3}>{moves || Z.none}</td></tr>
          <tr><th>{Z.progress}</th><td colSpan={3}>{progressText(s.progress)}（{Z.progressHint}）</td></tr>
        </tbody>
      </table>

      <h2>{Z.notes}</h2>
      {s.notes.length ? (
        <table>
          <colgroup><col style={{ width: '16%' }} /><col /></colgroup>
          <thead><tr><th>{Z.date}</th><th>{Z.content}</th></tr></thead>
          <tbody>{s.notes.map((n) => <tr key={n.id}><td>{n.date}</td><td className="pre">{n.body}</td></tr>)}</tbody>
        </table>
      ) : <p className="empty">{Z.noNotes}</p>}

      <h2>{Z.changes}</h2>
      {s.materialChanges.length ? (
        <table>
          <colgroup><col style={{ width: '16%' }} /><col /><col style={{ width: '26%' }} /></colgroup>
          <thead><tr><th>{Z.date}</th><th>{Z.material}</th><th>{Z.change}</th></tr></thead>
          <tbody>{s.materialChanges.map((c, i) => <tr key={i}><td>{c.on}</td><td>{c.title}</td><td>{statusZh(c.from)} → {statusZh(c.to)}</td></tr>)}</tbody>
        </table>
      ) : <p className="empty">{Z.noChanges}</p>}

      <h2>{Z.upcoming}（{mmdd(s.upcoming.from)} ~ {mmdd(s.upcoming.to)}）</h2>
      {s.upcoming.items.length ? (
        <table>
          <colgroup><col style={{ width: '16%' }} /><col /><col style={{ width: '18%' }} /></colgroup>
          <thead><tr><th>{Z.date}</th><th>{Z.item}</th><th>{Z.kind}</th></tr></thead>
          <tbody>{s.upcoming.items.map((u, i) => <tr key={i}><td>{u.date}</td><td>{u.title}{u.detail ? `（${u.detail}）` : ''}</td><td>{u.sourceLabel}</td></tr>)}</tbody>
        </table>
      ) : <p className="empty">{Z.noUpcoming}</p>}

      <h2>{Z.nextSteps}{!s.nextSteps.saved && <span className="hint">（{Z.suggested}）</span>}</h2>
      <div className="next-steps keep" data-testid="sheet-next-steps">{s.nextSteps.text}</div>

      <h2>{Z.missing}（{s.missing.length}项）</h2>
      {s.missing.length ? (
        <table>
          <colgroup><col style={{ width: '8%' }} /><col /><col style={{ width: '14%' }} /><col style={{ width: '22%' }} /></colgroup>
          <thead><tr><th className="num">{Z.seq}</th><th>{Z.material}</th><th>{Z.status}</th><th>{Z.dueDate}</th></tr></thead>
          <tbody>
            {s.missing.map((m, i) => (
              <tr key={m.itemKey}>
                <td className="num">{i + 1}</td><td>{m.title}</td><td>{statusZh(m.status)}</td>
                <td>{m.dueDate ?? '—'}{m.dueDate && m.dueDate <= s.week.end && <span className="red">（{Z.overdue}）</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="empty">{Z.noMissing}</p>}
    </div>
  );
}
