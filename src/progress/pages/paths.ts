import type { FastifyRequest } from 'fastify';
import type { TObject } from 'typebox';
import { readForm, type ReadForm } from '../../platform/web/form-input.js';
import type { FormBody } from '../../platform/web/forms.js';
import { tenantOf } from '../../platform/web/request.js';

/** The rounds pages' root: `/p/<partnership>/rounds`. */
export const roundsPath = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/rounds`;

/** An action's page, where its updates are recorded and listed. */
export const actionPath = (request: FastifyRequest, ids: { planId: string; actionId: string }) =>
  `/p/${tenantOf(request).slug}/plans/${ids.planId}/actions/${ids.actionId}`;

export const ADMIN = { roles: ['admin'] as const };
export const UPDATERS = { roles: ['admin', 'lead', 'contributor'] as const };

/**
 * A round form (its due date is required): an empty date input is left out of the input, so the
 * schema says "Enter the date updates are due" as the API does for a missing dueOn.
 */
export function readRoundForm(schema: TObject, body: FormBody | undefined): ReadForm {
  const form = readForm(schema, body, { dateLabels: { dueOn: 'the date updates are due' } });
  if (form.input.dueOn === null) delete form.input.dueOn;
  return form;
}
