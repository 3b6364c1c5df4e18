/** A plan document, written once and shown as a page, a print-ready page or a Word file. */
import type { Queryable } from '../platform/db/db.js';
import { fileNameSlug } from '../platform/web/file-name.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { planDocumentSource } from '../plans/index.js';
import type { DocumentModel } from './document-model.js';
import { planDocument } from './plan-document.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The plan (or its version) as a document model; none when the plan or version is not found. */
export async function planDocumentModel(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  today: string,
  versionNumber?: number,
): Promise<DocumentModel | undefined> {
  const source = await planDocumentSource(q, tenant, planId, versionNumber);
  if (!source) return undefined;
  return planDocument(source, { partnershipName: tenant.partnershipName, generatedOn: today });
}

/** "Written statement of action" → "written-statement-of-action-v2.docx": a name any system keeps. */
export function documentFilename(title: string, versionNumber: number | undefined): string {
  return `${fileNameSlug(title, 'plan')}${versionNumber ? `-version-${versionNumber}` : ''}.docx`;
}
