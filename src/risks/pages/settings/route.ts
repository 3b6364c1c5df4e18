/** The partnership's risk matrix, for admins: its kind, level labels and tolerance. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderConflict } from '../../../platform/web/conflict.js';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { changeMatrix } from '../../commands/matrix.js';
import { MatrixChange } from '../../inputs.js';
import { loadMatrix } from '../../risk-repository.js';
import {
  DEFAULT_MATRIX,
  heatMap,
  LETTER_MATRIX,
  MATRIX_KIND_LABELS,
  type RiskMatrix,
} from '../../risk-rules.js';
import { ADMIN, risksUrl } from '../shared.js';

const valuesOf = (m: RiskMatrix & { version: number }) => ({
  kind: m.kind,
  likelihoodLabels: m.likelihoodLabels.join('\n'),
  impactLabels: m.impactLabels.join('\n'),
  tolerance: String(m.tolerance),
  version: String(m.version),
});

async function render(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  view: { values?: Record<string, unknown>; errors?: FormErrors } = {},
) {
  const matrix = await loadMatrix(app.db, tenantOf(request));
  return reply.page(
    'risks/pages/settings/settings.njk',
    {
      title: 'Risk matrix',
      matrix,
      values: view.values ?? valuesOf(matrix),
      kindLabels: MATRIX_KIND_LABELS,
      presets: { score: DEFAULT_MATRIX, letter: LETTER_MATRIX },
      // The matrix as saved, every cell named, and which are outside tolerance.
      heatMap: heatMap(matrix, []),
      backLink: risksUrl(request),
      ...(view.errors?.toView() ?? {}),
    },
    view.errors ? 400 : 200,
  );
}

export function settingsPage(app: App): void {
  const url = '/p/:partnership/risks/settings';
  app.get(url, { config: ADMIN, schema: { params: paramsSchema() } }, (request, reply) =>
    render(app, request, reply),
  );

  app.post(
    url,
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readForm(MatrixChange, request.body);
      const result = await changeMatrix(commandContext(request), form.input);
      switch (result.kind) {
        case 'ok':
          return reply.flash('Risk matrix saved.').redirect(risksUrl(request), 303);
        case 'invalid':
          return render(app, request, reply, {
            values: form.values,
            errors: formErrors(form, result.problems),
          });
        case 'conflict': {
          const current = result.current.current;
          return renderConflict(reply, {
            what: 'risk matrix',
            rows: [
              ['Kind', current.kind, String(form.input.kind ?? '')],
              [
                'Likelihood levels',
                current.likelihoodLabels.join(', '),
                String(form.values.likelihoodLabels ?? '')
                  .split(/\r?\n/)
                  .join(', '),
              ],
              [
                'Impact levels',
                current.impactLabels.join(', '),
                String(form.values.impactLabels ?? '')
                  .split(/\r?\n/)
                  .join(', '),
              ],
              ['Tolerance', String(current.tolerance), String(form.values.tolerance ?? '')],
            ],
            retryAction: `${risksUrl(request)}/settings`,
            retryFields: {
              kind: String(form.values.kind ?? ''),
              likelihoodLabels: String(form.values.likelihoodLabels ?? ''),
              impactLabels: String(form.values.impactLabels ?? ''),
              tolerance: String(form.values.tolerance ?? ''),
              version: String(current.version),
            },
            backLink: `${risksUrl(request)}/settings`,
          });
        }
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
