/** A plan document, written once and shown as a page, a print-ready page or a Word file. */
import type { Queryable } from '../platform/db/db.js';
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
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'plan'}${versionNumber ? `-version-${versionNumber}` : ''}.docx`;
}
