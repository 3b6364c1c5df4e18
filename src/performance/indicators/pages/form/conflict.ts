import type { FastifyReply } from 'fastify';
import { renderConflict } from '../../../../platform/web/conflict.js';
import type { FormBody } from '../../../../platform/web/forms.js';
import { indicatorFormValues, THRESHOLD_FIELDS } from './form-fields.js';
import type { IndicatorRow } from '../../indicator-repository.js';
import { FREQUENCY_LABELS } from '../../periods.js';
import { POLARITY_LABELS, UNIT_LABELS } from '../../rag.js';

const BOUND_LABELS = {
  greenFrom: 'Green from',
  amberFrom: 'Amber from',
  greenTo: 'Green up to',
  amberTo: 'Amber up to',
} as const;

/** Someone else changed the indicator: theirs beside what was typed, to choose from. */
export function renderIndicatorConflict(
  reply: FastifyReply,
  options: {
    current: IndicatorRow;
    values: Record<string, unknown>;
    body: FormBody;
    indicatorId: string;
    /** The performance pages' path, /p/<slug>/performance. */
    base: string;
  },
) {
  const { current: c, values, body, indicatorId, base } = options;
  const saved = indicatorFormValues(c, { actionIds: [], findingIds: [] });
  const row = (label: string, name: string, show = (v: string) => v) =>
    [label, show(String(saved[name] ?? '')), show(String(values[name] ?? ''))] as [
      string,
      string,
      string,
    ];
  return renderConflict(reply, {
    what: 'indicator',
    rows: [
      row('Name', 'name'),
      row('Code', 'code'),
      row('Definition', 'definition'),
      row('Unit', 'unit', (v) => UNIT_LABELS[v as keyof typeof UNIT_LABELS] ?? v),
      row(
        'Which way is better',
        'polarity',
        (v) => POLARITY_LABELS[v as keyof typeof POLARITY_LABELS] ?? v,
      ),
      row(
        'Frequency',
        'frequency',
        (v) => FREQUENCY_LABELS[v as keyof typeof FREQUENCY_LABELS] ?? v,
      ),
      row('Source', 'source'),
      ...THRESHOLD_FIELDS.map((name) => row(BOUND_LABELS[name], name)),
    ],
    retryAction: `${base}/indicators/${indicatorId}/edit`,
    retryFields: Object.fromEntries(
      Object.entries(body)
        .filter(
          ([k, v]) =>
            typeof v === 'string' && k !== 'version' && k !== 'actionIds' && k !== 'findingIds',
        )
        .map(([k, v]) => [k, v as string])
        .concat([['version', String(c.version)]]),
    ),
    retryLists: {
      actionIds: values.actionIds as string[],
      findingIds: values.findingIds as string[],
    },
    backLink: `${base}/indicators/${indicatorId}`,
  });
}
