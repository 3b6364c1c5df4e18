import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field, FormErrors, optionalText, type FormBody } from '../../../platform/web/forms.js';
import { actorFor, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { FORM } from '../../../platform/web/form-input.js';
import type { DeadlineRuleSettings } from '../../index.js';
import { CLOSURE_FORMAT_HINT, formatClosureDate, parseClosureDays } from '../../closure-dates.js';
import { loadSettings, saveSettings, type PartnershipSettings } from '../../settings-repository.js';
import { recordAudit } from '../../../platform/audit/record.js';

const ADMIN = { roles: ['admin'] as const };
const RULE_KEYS = [
  'wsoa_due',
  'revisit_expected',
  'monitoring_inspection_expected',
  'next_full_inspection_expected',
  'app_review',
  'priority_action_plan_due',
] as const;

function wholeNumber(
  errors: FormErrors,
  name: string,
  raw: string,
  label: string,
  min: number,
  max: number,
): number | undefined {
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    errors.add(name, `${label} must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return Number(raw);
}

/** Reads the settings form. Exported for its unit test. */
export function readSettingsForm(
  body: FormBody,
  errors: FormErrors,
): { values: Record<string, string>; settings?: Omit<PartnershipSettings, 'version'> } {
  const names = [
    'wsoaWorkingDays',
    'revisitMonths',
    'monitoringInspectionMonths',
    'years1',
    'years2',
    'years3',
    'appReviewMonths',
    'priorityActionPlanWorkingDays',
    'closures',
    'countClosures',
    'version',
    ...RULE_KEYS.map((k) => `source_${k}`),
  ];
  const values = Object.fromEntries(names.map((n) => [n, field(body, n)]));
  const wsoa = wholeNumber(
    errors,
    'wsoaWorkingDays',
    values.wsoaWorkingDays!,
    'Working days for the written statement',
    1,
    500,
  );
  const revisit = wholeNumber(
    errors,
    'revisitMonths',
    values.revisitMonths!,
    'Months to the revisit',
    1,
    120,
  );
  const monitoring = wholeNumber(
    errors,
    'monitoringInspectionMonths',
    values.monitoringInspectionMonths!,
    'Months to the monitoring inspection',
    1,
    120,
  );
  const years = [1, 2, 3].map((o) =>
    wholeNumber(
      errors,
      `years${o}`,
      values[`years${o}`]!,
      `Years to the next full inspection after outcome ${o}`,
      1,
      20,
    ),
  );
  const reviews = values.appReviewMonths!.split(/[\s,]+/).filter(Boolean);
  if (
    reviews.length === 0 ||
    reviews.length > 12 ||
    reviews.some((m) => !/^\d{1,3}$/.test(m) || Number(m) < 1)
  ) {
    errors.add(
      'appReviewMonths',
      'Review months must be whole numbers separated by commas, like 6, 12',
    );
  }
  let pap: number | null = null;
  if (values.priorityActionPlanWorkingDays)
    pap =
      wholeNumber(
        errors,
        'priorityActionPlanWorkingDays',
        values.priorityActionPlanWorkingDays,
        'Working days for the priority action plan',
        1,
        500,
      ) ?? null;
  const parsed = parseClosureDays(values.closures!);
  const closures = 'dates' in parsed ? parsed.dates : [];
  if ('bad' in parsed)
    errors.add('closures', `“${parsed.bad}” is not a real date. ${CLOSURE_FORMAT_HINT}`);
  else if (closures.length > 200) errors.add('closures', 'Enter 200 closure days or fewer');
  for (const key of RULE_KEYS)
    optionalText(errors, `source_${key}`, values[`source_${key}`]!, {
      label: 'the source note',
      max: 1000,
    });
  if (
    errors.any ||
    wsoa === undefined ||
    revisit === undefined ||
    monitoring === undefined ||
    years.some((y) => y === undefined)
  )
    return { values };
  const rules: DeadlineRuleSettings = {
    wsoaWorkingDays: wsoa,
    revisitMonths: revisit,
    monitoringInspectionMonths: monitoring,
    nextFullInspectionYears: { 1: years[0]!, 2: years[1]!, 3: years[2]! },
    appReviewMonths: reviews.map(Number),
    priorityActionPlanWorkingDays: pap,
    sources: Object.fromEntries(RULE_KEYS.map((k) => [k, values[`source_${k}`]!])),
  };
  return { values, settings: { rules, closures, countClosures: values.countClosures !== 'no' } };
}

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
    version: String(s.version),
    ...Object.fromEntries(RULE_KEYS.map((k) => [`source_${k}`, s.rules.sources[k] ?? ''])),
  };
}

export async function settingsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      'deadlines/pages/settings/settings.njk',
      { title: 'Settings', values, ...(errors?.toView() ?? {}) },
      errors && status === 200 ? 400 : status,
    );

  app.get(
    '/p/:partnership/settings',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) =>
      render(request, reply, toValues(await loadSettings(app.db, tenantOf(request)))),
  );

  app.post(
    '/p/:partnership/settings',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const errors = new FormErrors();
      const { values, settings } = readSettingsForm(request.body, errors);
      if (!settings) return render(request, reply, values, errors);
      const saved = await app.db.transaction(async (tx) => {
        const before = await loadSettings(tx, tenant);
        if (!(await saveSettings(tx, tenant, settings, Number(values.version)))) return false;
        await recordAudit(tx, actorFor(request), {
          partnershipId: tenant.partnershipId,
          entityType: 'settings',
          entityId: tenant.partnershipId,
          action: 'update',
          before,
          after: settings,
        });
        return true;
      });
      if (!saved) {
        errors.add(
          'wsoaWorkingDays',
          'Someone else changed the settings while you were editing. Your changes are shown below: check them against the saved settings and save again',
        );
        return render(
          request,
          reply,
          { ...values, version: String((await loadSettings(app.db, tenant)).version) },
          errors,
          409,
        );
      }
      return reply
        .flash('Settings saved. Deadlines now follow them.')
        .redirect(`/p/${tenant.slug}/settings`, 303);
    },
  );
}
