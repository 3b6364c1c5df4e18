import type { LetterProposal } from '../letters/index.js';

const TYPE_LABELS: Record<string, string> = {
  strength: 'Strengths',
  area_for_development: 'Areas for development',
  significant_weakness: 'Areas of significant weakness',
  priority_action: 'Areas for priority action',
  area_for_improvement: 'Areas for improvement',
};
const QUESTION_LABELS: Record<string, string> = {
  identify: 'identifying needs',
  assess_meet: 'assessing and meeting needs',
  outcomes: 'improving outcomes',
};

/** The proposal as a person reads it on a terminal. */
export function formatProposal(p: LetterProposal): string {
  const lines = [
    `Framework:        ${p.framework ?? 'not found'}`,
    `Kind:             ${p.kind ?? 'not found'}`,
    `Area:             ${p.area ?? 'not found'}`,
    `On site:          ${p.onSiteStart ?? '?'} to ${p.onSiteEnd ?? '?'}`,
    `Letter date:      ${p.letterDate ?? 'not found'}`,
    `Outcome:          ${p.outcome ?? 'not found'}`,
    `WSoA required:    ${p.wsoaRequired === null ? 'not applicable' : p.wsoaRequired ? 'yes' : 'no'}`,
  ];
  if (p.outcomeWording) lines.push(`As published:     ${p.outcomeWording}`);
  if (p.team) lines.push('', 'Inspection team', ...p.team.split('\n').map((m) => `  ${m}`));
  for (const type of Object.keys(TYPE_LABELS)) {
    const findings = p.findings.filter((f) => f.type === type);
    if (findings.length === 0) continue;
    lines.push('', `${TYPE_LABELS[type]} (${findings.length})`);
    findings.forEach((f, i) =>
      lines.push(
        `  ${i + 1}. ${f.question ? `[${QUESTION_LABELS[f.question]}] ` : ''}${f.text}`,
        ...(f.responsibleBody ? [`     Responsible body: ${f.responsibleBody}`] : []),
      ),
    );
  }
  if (p.progressInAll) lines.push('', 'Progress judged at revisit: sufficient in every area');
  if (p.progress.length) {
    lines.push('', 'Progress judged at revisit');
    for (const g of p.progress)
      lines.push(`  - ${g.sufficientProgress ? 'Sufficient' : 'Not sufficient'}: ${g.weakness}`);
  }
  return lines.join('\n');
}
