import type { FastifyReply } from 'fastify';
import type { FormErrors } from '../../../platform/web/forms.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  type ReadForm,
} from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { formatClosureDate } from '../../closure-dates.js';
import { changeSettings } from '../../commands/settings.js';
import { RULE_KEYS, SettingsChange } from '../../inputs.js';
import { loadSettings, type PartnershipSettings } from '../../settings-repository.js';

const ADMIN = { roles: ['admin'] as const };

/** The form's whole-number fields: digits only (up to 4), as the form has always taken them. */
const WHOLE_NUMBERS = [
  'wsoaWorkingDays',
  'revisitMonths',
  'monitoringInspectionMonths',
  'years1',
  'years2',
  'years3',
  'priorityActionPlanWorkingDays',
] as const;

/**
 * The settings form read for the command: a whole number is taken as typed unless it is digits
 * only ("1,000" and "1e2" are not numbers here), so the command refuses it in the form's words.
 */
function readSettingsForm(body: Record<string, unknown>): ReadForm {
  const form = readForm(SettingsChange, body);
  const input = { ...form.input };
  for (const name of WHOLE_NUMBERS) {
    const text = form.values[name];
    if (typeof text === 'string' && text !== '')
      input[name] = /^\d{1,4}$/.test(text) ? Number(text) : text;
  }
  return { ...form, input };
}

/** The saved settings as the form shows them. */
function toValues(s: PartnershipSettings): Record<string, string> {
  return {
    wsoaWorkingDays: String(s.rules.wsoaWorkingDays),
    revisitMonths: String(s.rules.revisitMonths),
    monitoringInspectionMonths: String(s.rules.monitoringInspectionMonths),
    years1: String(s.rules.nextFullInspectionYears[1]),
    years2: String(s.rules.nextFullInspectionYears[2]),
    years3: String(s.rules.nextFullInspectionYears[3]),
    appReviewMonths: s.rules.appReviewMonths.join(', '),
    priorityActionPlanWorkingDays:
      s.rules.priorityActionPlanWorkingDays === null
        ? ''
        : String(s.rules.priorityActionPlanWorkingDays),
    closures: s.closures.map(formatClosureDate).join('\n'),
    countClosures: s.countClosures ? 'yes' : 'no',
    revisedDatesNeedApproval: s.revisedDatesNeedApproval ? 'yes' : 'no',
    version: String(s.version),
    ...Object.fromEntries(RULE_KEYS.map((k) => [`source_${k}`, s.rules.sources[k] ?? ''])),
  };
}

const render = (
  reply: FastifyReply,
  values: Record<string, unknown>,
  errors?: FormErrors,
  status = 200,
) =>
  reply.page(
    'deadlines/pages/settings/settings.njk',
    { title: 'Settings', values, ...(errors?.toView() ?? {}) },
    errors && status === 200 ? 400 : status,
  );

/** The partnership's settings: deadline rules with their sources, and closure days. */
export function settingsPage(app: App): void {
  app.get(
    '/p/:partnership/settings',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) =>
      render(reply, toValues(await loadSettings(app.db, tenantOf(request)))),
  );

  app.post(
    '/p/:partnership/settings',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readSettingsForm(request.body);
      const result = await changeSettings(commandContext(request), form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Settings saved. Deadlines now follow them.')
            .redirect(`/p/${tenantOf(request).slug}/settings`, 303);
        case 'invalid':
          return render(reply, form.values, formErrors(form, result.problems));
        case 'conflict': {
          // What was typed stays, now as of the saved version, to check and save again.
          const errors = formErrors(form, [
            {
              field: 'wsoaWorkingDays',
              text: 'Someone else changed the settings while you were editing. Your changes are shown below: check them against the saved settings and save again',
            },
          ]);
          const values = { ...form.values, version: String(result.current.version) };
          return render(reply, values, errors, 409);
        }
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
