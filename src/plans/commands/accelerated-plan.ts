/**
 * An accelerated progress plan in one step (Cumbria's path): after a revisit judged some
 * weaknesses not to have made sufficient progress, a new APP answering exactly those, a priority
 * for each already linked, and the submission date the DfE set among the partnership's dates.
 */
import { addKeyDateIn, deadlineRulesOf } from '../../deadlines/index.js';
import { findInspection, listFindings } from '../../inspections/index.js';
import { recordAudit } from '../../platform/audit/record.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  invalid,
  ok,
  refused,
  RuleBroken,
  settle,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { AcceleratedPlanInput } from '../inputs.js';
import * as repo from '../plan-repository.js';
import { listCarryOverCandidates } from '../inclusion-repository.js';
import { mustAnswer } from '../plan-rules.js';
import { includeIn } from './inclusions.js';

/** A finding's words as a priority's title: the first sentence, within the title's limit. */
export function priorityTitleFrom(text: string): string {
  const first = /^(.+?[.;:])(\s|$)/.exec(text)?.[1] ?? text;
  const title = first.replace(/[.;:]$/, '');
  return title.length <= 300 ? title : `${title.slice(0, 299).replace(/\s+\S*$/, '')}…`;
}

/** The findings of a revisit the APP must answer, or why there is no APP to make. */
export async function acceleratedPlanFindings(
  q: Queryable,
  tenant: Tenant,
  revisitId: string,
): Promise<{ findings: { id: string; text: string }[] } | { problem: string } | undefined> {
  const revisit = await findInspection(q, tenant, revisitId);
  if (!revisit) return undefined;
  if (revisit.kind !== 'revisit' && revisit.kind !== 'monitoring')
    return {
      problem:
        'An accelerated progress plan follows a revisit or a monitoring inspection. Record the revisit first.',
    };
  const findings = (await listFindings(q, tenant, revisitId)).filter((f) =>
    mustAnswer({ kind: 'app', coversDevelopment: false }, f),
  );
  if (findings.length === 0)
    return {
      problem:
        'The revisit has no weakness judged not to have made sufficient progress. Record its judgements first: an accelerated progress plan answers those.',
    };
  return { findings };
}

/**
 * The actions to carry on, grouped by the judgement whose priority they go under: those asked
 * for (each must be a candidate), or every candidate when the ask leaves them out.
 */
async function carryOverChoice(
  tx: Queryable,
  tenant: Tenant,
  revisitId: string,
  asked: readonly string[] | undefined,
): Promise<Map<string, string[]>> {
  const candidates = await listCarryOverCandidates(tx, tenant, revisitId);
  const wanted = asked ? new Set(asked.map((id) => id.toLowerCase())) : null;
  if (wanted && [...wanted].some((id) => !candidates.some((c) => c.id === id)))
    throw new RuleBroken(
      invalid({
        field: 'carryActionIds',
        text: 'Select actions from the list',
        detail:
          'carryActionIds holds an action that is not an unfinished action answering a weakness judged insufficient',
      }),
    );
  const groups = new Map<string, string[]>();
  for (const c of candidates)
    if (!wanted || wanted.has(c.id))
      groups.set(c.judgement_id, [...(groups.get(c.judgement_id) ?? []), c.id]);
  return groups;
}

export async function createAcceleratedPlan(
  context: CommandContext,
  raw: unknown,
): Promise<Result<repo.PlanRow>> {
  const parsed = parseInput(AcceleratedPlanInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { revisitId, title, submitBy, carryActionIds } = parsed.value;
  const { db, actor, tenant } = context;
  const answered = await acceleratedPlanFindings(db, tenant, revisitId);
  if (!answered)
    return invalid({
      field: 'revisitId',
      text: 'Select the revisit the plan answers',
      detail: 'revisitId is not an inspection of this partnership',
    });
  if ('problem' in answered) return refused(answered.problem);
  return settle(async () => {
    const created = await db.transaction(async (tx) => {
      // One at a time per revisit, and read again under the lock: a second click, or a second
      // admin, finds the plan the first made and is refused.
      await tx.query('SELECT 1 FROM inspections WHERE partnership_id = $1 AND id = $2 FOR UPDATE', [
        tenant.partnershipId,
        revisitId,
      ]);
      const existing = await tx.query<{ title: string }>(
        `SELECT title FROM plans WHERE partnership_id = $1 AND inspection_id = $2 AND kind = 'app'`,
        [tenant.partnershipId, revisitId],
      );
      if (existing[0])
        throw new RuleBroken(
          refused(
            `An accelerated progress plan already answers this revisit: “${existing[0].title}”. Open it from Plans.`,
          ),
        );
      const current = await acceleratedPlanFindings(tx, tenant, revisitId);
      if (!current || 'problem' in current)
        throw new RuleBroken(refused(current?.problem ?? 'The revisit has gone.'));
      const carried = await carryOverChoice(tx, tenant, revisitId, carryActionIds);
      const plan = await repo.insertPlan(tx, tenant, {
        kind: 'app',
        inspectionId: revisitId,
        title,
        ownerUserId: null,
      });
      const priorityFor = new Map<string, string>();
      for (const finding of current.findings) {
        const priority = await repo.insertPriority(tx, tenant, plan.id, {
          title: priorityTitleFrom(finding.text),
          description: '',
        });
        priorityFor.set(finding.id, priority.id);
        await repo.setPriorityFindings(tx, tenant, priority.id, [finding.id]);
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: 'priority',
          entityId: priority.id,
          action: 'create',
          after: {
            plan_id: plan.id,
            title: priorityTitleFrom(finding.text),
            findingIds: [finding.id],
          },
        });
      }
      // The earlier plans' unfinished actions carry on by reference, each under the priority of
      // the weakness it answered: the same action, one history of updates in both plans.
      for (const [judgementId, actionIds] of carried)
        await includeIn(tx, context, plan.id, {
          priorityIds: [],
          actionIds,
          hostPriorityId: priorityFor.get(judgementId) ?? null,
        });
      // Its reviews, as the partnership's settings set them: dates on the plan that can be met,
      // standing in for the rule's reviews of this plan.
      const { appReviewMonths } = await deadlineRulesOf(tx, tenant);
      for (const months of appReviewMonths)
        await addKeyDateIn(tx, context, {
          title: `${months}-month review of the accelerated progress plan`,
          source: 'dfe',
          planId: plan.id,
          inspectionId: revisitId,
          dueOn: null,
          ruleCount: months,
          ruleUnit: 'months',
          ruleEvent: 'submitted',
          replacesRule: 'app_review',
        });
      if (submitBy)
        await addKeyDateIn(tx, context, {
          title: `${title}: submitted to the DfE`,
          source: 'dfe',
          planId: plan.id,
          inspectionId: revisitId,
          dueOn: submitBy,
          ruleCount: null,
          ruleUnit: null,
          ruleEvent: null,
        });
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'plan',
        entityId: plan.id,
        action: 'create',
        after: {
          kind: 'app',
          inspectionId: revisitId,
          title,
          priorities: current.findings.length,
          submitBy: submitBy ?? null,
          carriedActions: [...carried.values()].flat().length,
        },
      });
      return plan;
    });
    return ok((await repo.findPlan(db, tenant, created.id))!);
  });
}
