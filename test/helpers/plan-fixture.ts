/**
 * The plan most progress tests start from: an initial 2016 inspection, a plan for it (or an
 * accelerated progress plan without one), one priority and its operational actions, set up
 * through the capabilities' entry files; and the dueOn day/month/year a rounds form posts.
 */
import { createInspection } from '../../src/inspections/index.js';
import { addAction, addPriority, createPlan } from '../../src/plans/index.js';
import type { Actor } from '../../src/platform/identity/types.js';
import type { Tenant } from '../../src/platform/tenancy/tenancy.js';
import { Agent } from './agent.js';
import { PASSWORD, type TestApp } from './test-app.js';

/** A date as the day, month and year inputs of a date field (dueOn unless named). */
export const dateParts = (iso: string, name = 'dueOn') => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

/** An initial inspection under the 2016 framework, published 19 December 2025. */
export const recordInitialInspection = (t: TestApp, actor: Actor, tenant: Tenant) =>
  createInspection(t.db, actor, tenant, {
    framework: '2016',
    kind: 'initial',
    onSiteStart: null,
    onSiteEnd: null,
    publishedOn: '2025-12-19',
    team: '',
    outcome: null,
    wsoaRequired: true,
    outcomeText: '',
  });

export type FixturePlan = {
  kind: 'post_inspection' | 'app';
  inspectionId: string | null;
  title: string;
  priority: string;
  /** Each action's title and lead (a user id, or null for none). */
  actions: readonly (readonly [title: string, leadUserId: string | null])[];
};

/** A plan with one priority and its actions; answers the plan's id and the actions' ids. */
export async function planWithActions(
  t: TestApp,
  actor: Actor,
  tenant: Tenant,
  plan: FixturePlan,
): Promise<{ id: string; actionIds: string[] }> {
  const { id } = await createPlan(t.db, actor, tenant, {
    kind: plan.kind,
    inspectionId: plan.inspectionId,
    title: plan.title,
    ownerUserId: null,
  });
  const priority = (await addPriority(t.db, actor, tenant, id, {
    title: plan.priority,
    description: '',
    findingIds: [],
  }))!;
  const actionIds: string[] = [];
  for (const [title, leadUserId] of plan.actions)
    actionIds.push(
      (await addAction(t.db, actor, tenant, id, {
        priorityId: priority.id,
        title,
        description: '',
        category: 'operational',
        leadUserId,
        leadOrganisationId: null,
        partnerIds: [],
        startDate: null,
        dueDate: null,
      }))!.id,
    );
  return { id, actionIds };
}

/** An agent signed in with the test password. */
export async function signedIn(t: TestApp, email: string): Promise<Agent> {
  const agent = new Agent(t.app);
  await agent.signIn(email, PASSWORD);
  return agent;
}
