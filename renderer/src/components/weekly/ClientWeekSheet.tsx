/**
 * One client's weekly summary as a document (A4, Chinese): the screen preview and the PDF print view render this same
 * component, so what the consultant previews is what gets exported. Wording from shared/reports/weekly-labels.ts.
 * Order: milestones, the week's notes, one line per changed material item, deadlines (overdue, this week, the two
 * weeks after), what we need from the client, risks, next steps. Sections that would only say "nothing" are one short
 * line (milestones and risks are left out), so no page holds only an empty section.
 */
import type { ClientWeekSummary } from '../../../../shared/reports/weekly-model';
import { dayMarkText, deadlineWhat, materialChangeText, mmdd, overdueText, progressText, stageZh, statusZh, WEEKLY_ZH as Z } from '../../../../shared/reports/weekly-labels';
import '../../print/print.css';
import './weekly-sheet.css';

export function ClientWeekSheet({ s }: { s: ClientWeekSummary }) {
  return (
    <div className="weekly-sheet" data-testid="weekly-client-sheet">
      <h1>{Z.clientTitle}</h1>
      <div className="meta">{Z.week}：{s.week.label}　　{Z.generatedOn}：{s.generatedOn}</div>
      <table className="kv">
        <colgroup><col style={{ width: '20%' }} /><col style={{ width: '36%' }} /><col style={{ width: '14%' }} /><col /></colgroup>
        <tbody>
          <tr><th>{Z.client}</th><td colSpan={3} className="long">{s.client.name}</td></tr>
          <tr><th>{Z.uscc}</th><td>{s.client.uscc}</td><th>{Z.city}</th><td>{s.client.city}</td></tr>
          <tr><th>{Z.stage}</th><td>{stageZh(s.stage)}</td><th>{Z.consultant}</th><td>{s.client.consultant ?? '—'}</td></tr>
          <tr><th>{Z.progress}</th><td colSpan={3}>{progressText(s.progress)}（{Z.progressHint}）</td></tr>
          {s.licence && (
            <tr data-testid="sheet-licence">
              <th>{Z.licence}</th>
              <td colSpan={3}>{Z.licenceNo} {s.licence.number}；{Z.validTo} {s.licence.expiresOn}；{Z.firstAnnual} {s.licence.firstAnnualReport.opens} ~ {s.licence.firstAnnualReport.due}</td>
            </tr>
          )}
        </tbody>
      </table>

      {s.milestones.length > 0 && (
        <section className="keep" data-testid="sheet-milestones">
          <h2>{Z.milestones}</h2>
          <table>
            <colgroup><col style={{ width: '16%' }} /><col /></colgroup>
            <thead><tr><th>{Z.date}</th><th>{Z.content}</th></tr></thead>
            <tbody>{s.milestones.map((m, i) => <tr key={i}><td>{m.on}</td><td className="long">{m.text}</td></tr>)}</tbody>
          </table>
        </section>
      )}

      <h2>{Z.notes}</h2>
      {s.notes.length ? (
        <table>
          <colgroup><col style={{ width: '16%' }} /><col /></colgroup>
          <thead><tr><th>{Z.date}</th><th>{Z.content}</th></tr></thead>
          <tbody>{s.notes.map((n) => <tr key={n.id}><td>{n.date}</td><td className="pre long">{n.body}</td></tr>)}</tbody>
        </table>
      ) : <p className="empty">{Z.noNotes}</p>}

      <h2>{Z.changes}</h2>
      {s.materialLines.length ? (
        <table data-testid="sheet-material-lines">
          <colgroup><col style={{ width: '30%' }} /><col style={{ width: '22%' }} /><col style={{ width: '14%' }} /><col /></colgroup>
          <thead><tr><th>{Z.material}</th><th>{Z.change}</th><th>{Z.lastChange}</th><th>{Z.reason}</th></tr></thead>
          <tbody>
            {s.materialLines.map((l) => (
              <tr key={l.itemKey}>
                <td className="long">{l.title}</td><td>{materialChangeText(l)}</td><td>{mmdd(l.lastChangeOn)}</td>
                <td className="pre long">{l.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="empty">{Z.noChanges}</p>}

      <h2>{Z.upcoming}<span className="hint">（{Z.upcomingHint}，{mmdd(s.upcoming.from)} ~ {mmdd(s.upcoming.to)}）</span></h2>
      {s.upcoming.items.length ? (
        <table data-testid="sheet-deadlines">
          <colgroup><col style={{ width: '14%' }} /><col /><col style={{ width: '14%' }} /><col style={{ width: '22%' }} /></colgroup>
          <thead><tr><th>{Z.date}</th><th>{Z.item}</th><th>{Z.kind}</th><th>{Z.status}</th></tr></thead>
          <tbody>
            {s.upcoming.items.map((u, i) => (
              <tr key={i}>
                <td>{u.date}</td>
                <td className="long">{deadlineWhat(u)}</td>
                <td>{u.sourceLabel}</td>
                <td>{u.overdueDays > 0 && <span className="red">{overdueText(u.overdueDays)}</span>}{u.overdueDays > 0 && u.dayMark ? '；' : ''}{dayMarkText(u)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="empty">{Z.noUpcoming}</p>}

      <h2>{Z.needs}（{s.missing.length}项）</h2>
      {s.missing.length ? (
        <table data-testid="sheet-needs">
          <colgroup><col style={{ width: '7%' }} /><col style={{ width: '34%' }} /><col style={{ width: '11%' }} /><col style={{ width: '14%' }} /><col /></colgroup>
          <thead><tr><th className="num">{Z.seq}</th><th>{Z.material}</th><th>{Z.status}</th><th>{Z.dueDate}</th><th>{Z.reason}</th></tr></thead>
          <tbody>
            {s.missing.map((m, i) => (
              <tr key={m.itemKey}>
                <td className="num">{i + 1}</td><td className="long">{m.title}</td><td>{statusZh(m.status)}</td>
                <td>{m.dueDate ?? '—'}{m.dueDate && m.dueDate < s.upcoming.asOf && <span className="red">（{Z.overdue}）</span>}</td>
                <td className="pre long">{m.status === 'correction' ? (m.note ?? '') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="empty">{Z.noNeeds}</p>}

      {s.risks.length > 0 && (
        <section data-testid="sheet-risks">
          <h2>{Z.risks}</h2>
          <ul className="risks">{s.risks.map((r, i) => <li key={i} className="long">{r}</li>)}</ul>
        </section>
      )}

      <h2>{Z.nextSteps}</h2>
      <div className="next-steps keep long" data-testid="sheet-next-steps">{s.nextSteps.text}</div>
    </div>
  );
}
