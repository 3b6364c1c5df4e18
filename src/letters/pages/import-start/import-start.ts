/** The import's first page: upload the letter or report, or paste its text; then the check page. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { FormErrors } from '../../../platform/web/forms.js';
import { paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import {
  FOLLOWS_KIND,
  followedInspection,
  listInspections,
  type InspectionKind,
} from '../../../inspections/index.js';
import { proposalValues, type EarlierInspection } from '../../import-form.js';
import {
  ImportInputError,
  isUpload,
  MAX_UPLOAD_BYTES,
  readPastedLetter,
  readUploadedLetter,
} from '../../import-service.js';
import { renderCheck } from '../import-check/import-check.js';
import { ADMIN, inspectionsUrl } from '../shared.js';

/** A pasted 10 MB letter, form-encoded, must reach the parser's "too large" message, not a 413. */
const PASTE_BODY_LIMIT = 11 * 1024 * 1024;

/** The upload (a file among the fields) or the pasted text (a form). */
const UPLOAD_OR_PASTE = Type.Record(Type.String(), Type.Unknown());

const renderStart = (
  request: FastifyRequest,
  reply: FastifyReply,
  values: { letterText?: string } = {},
  errors?: FormErrors,
) =>
  reply.page(
    'letters/pages/import-start/import-start.njk',
    {
      title: 'Import an outcome letter or report',
      values,
      backLink: inspectionsUrl(request),
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );

export function importStartPage(app: FastifyInstance): void {
  const pages = typed(app);
  app.get(
    '/p/:partnership/inspections/import',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderStart(request, reply),
  );

  // Both forms of the import page post here: the upload as multipart, the pasted text as a form.
  pages.post(
    '/p/:partnership/inspections/import',
    {
      config: ADMIN,
      bodyLimit: PASTE_BODY_LIMIT,
      schema: { params: paramsSchema(), body: UPLOAD_OR_PASTE },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const multipart = request.isMultipart();
      const letterText = multipart
        ? ''
        : typeof body.letterText === 'string'
          ? body.letterText
          : '';
      try {
        const proposal = multipart
          ? await readUploadedLetter(isUpload(body.letter) ? body.letter : undefined)
          : readPastedLetter(letterText);
        const source = multipart && isUpload(body.letter) ? body.letter.filename : 'pasted text';
        const earlier = await earlierInspection(request, proposal.kind);
        return renderCheck(
          request,
          reply,
          proposalValues(proposal, source, earlier),
          new FormErrors(),
        );
      } catch (error) {
        if (!(error instanceof ImportInputError)) throw error;
        const errors = new FormErrors();
        errors.add(error.field, error.message);
        // Text too large to be a letter is not worth sending back; anything else is kept.
        const kept = Buffer.byteLength(letterText) <= MAX_UPLOAD_BYTES ? letterText : '';
        return renderStart(request, reply, { letterText: kept }, errors);
      }
    },
  );
}

/**
 * The inspection a revisit letter most likely follows: the partnership's latest inspection of
 * the kind a revisit judges, with the findings a revisit may judge.
 */
async function earlierInspection(
  request: FastifyRequest,
  kind: InspectionKind | null,
): Promise<EarlierInspection | undefined> {
  const wanted = kind ? FOLLOWS_KIND[kind] : null;
  if (!wanted) return undefined;
  const db = request.server.db;
  const tenant = tenantOf(request);
  // Newest first, as the inspections list shows them.
  const latest = (await listInspections(db, tenant)).find((i) => i.kind === wanted);
  if (!latest) return undefined;
  const followed = await followedInspection(db, tenant, { follows_inspection_id: latest.id });
  return followed ? { id: latest.id, findings: followed.judgeable } : undefined;
}
