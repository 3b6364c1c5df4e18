import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { requireSignIn } from '../platform/identity/auth-hooks.js';
import { recordInspection } from '../inspections/index.js';
import {
  FINDING_TYPES,
  FINDING_TYPE_LABELS,
  FINDING_TYPE_PLURALS,
  FRAMEWORK_LABELS,
  INSPECTION_KIND_LABELS,
  OUTCOME_SHORT,
  OUTCOME_TEXT,
  QUESTIONS,
  QUESTION_LABELS,
} from '../inspections/index.js';
import { partnershipOverview } from '../overview/index.js';
import { Type } from 'typebox';
import { FORM, sendPageResult } from '../platform/web/form-input.js';
import { field, FormErrors } from '../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import { areaMatches, readImportForm, proposalValues, type ImportValues } from './import-form.js';
import {
  ImportInputError,
  isUpload,
  MAX_UPLOAD_BYTES,
  readPastedLetter,
  readUploadedLetter,
  type Upload,
} from './import-service.js';
import { enforceTenancy } from '../platform/web/enforce-tenancy.js';

const ADMIN = { roles: ['admin'] as const };
/** A pasted 10 MB letter, form-encoded, must reach the parser's "too large" message, not a 413. */
const PASTE_BODY_LIMIT = 11 * 1024 * 1024;
/** The check page posts every finding back: hundreds of paragraphs at most. */
const CHECK_BODY_LIMIT = 4 * 1024 * 1024;

/** The upload (a file among the fields) or the pasted text (a form). */
const UPLOAD_OR_PASTE = Type.Record(Type.String(), Type.Unknown());

const labels = {
  frameworks: FRAMEWORK_LABELS,
  kinds: INSPECTION_KIND_LABELS,
  types: FINDING_TYPE_LABELS,
  typePlurals: FINDING_TYPE_PLURALS,
  questions: QUESTION_LABELS,
  outcomes: OUTCOME_SHORT,
  outcomeText: OUTCOME_TEXT,
};

/** Keeps the one uploaded file in memory with its name; a file over the limit arrives truncated. */
async function keepUpload(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const upload: Upload = {
    filename: part.filename,
    bytes: Buffer.concat(chunks),
    truncated: part.file.truncated,
  };
  part.value = upload;
}

/** Import of an outcome letter or report: upload or paste, check and change, then save. */
export async function letterImportRoutes(app: FastifyInstance): Promise<void> {
  // Uploads and pastes are large: check who is asking before any of the body is read, so nobody
  // without the admin role of this partnership can make the server hold 10 MB.
  app.addHook('onRequest', requireSignIn);
  app.addHook('onRequest', enforceTenancy);
  // Multipart for this plugin's routes only. Fields land on request.body (keyValues), so the
  // app's CSRF check reads `_csrf` from an upload exactly as from any other form.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile: keepUpload,
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_UPLOAD_BYTES,
      files: 1,
      fields: 5,
      fieldSize: 1024,
      fieldNameSize: 100,
      parts: 8,
      headerPairs: 50,
    },
  });

  const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/inspections`;

  const renderStart = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: { letterText?: string } = {},
    errors?: FormErrors,
  ) =>
    reply.page(
      'letters/import-start.njk',
      {
        title: 'Import an outcome letter or report',
        values,
        backLink: base(request),
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );

  const renderCheck = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: ImportValues,
    errors: FormErrors,
  ) => {
    const { local_authority: localAuthority } = await partnershipOverview(
      app.db,
      tenantOf(request),
    );
    const counts = FINDING_TYPES.map((type) => ({
      type,
      count: values.findings.filter((f) => f.type === type).length,
    })).filter((c) => c.count > 0);
    const option = (value: string, text: string, selected: string) => ({
      value,
      text,
      selected: value === selected,
    });
    return reply.page(
      'letters/import-check.njk',
      {
        title: 'Check the inspection before you save it',
        values,
        labels,
        counts,
        localAuthority,
        areaMismatch: values.area !== '' && !areaMatches(values.area, localAuthority),
        action: `${base(request)}/import/check`,
        findings: values.findings.map((f, i) => ({
          ...f,
          n: i + 1,
          typeItems: [
            option('', 'Choose a type', f.type),
            ...FINDING_TYPES.map((t) => option(t, FINDING_TYPE_LABELS[t], f.type)),
          ],
          questionItems: [
            option('', 'None, or not stated', f.question),
            ...QUESTIONS.map((q) => option(q, QUESTION_LABELS[q], f.question)),
          ],
        })),
        newTypeItems: [
          option('', 'Choose a type', values.newFinding.type),
          ...FINDING_TYPES.map((t) => option(t, FINDING_TYPE_LABELS[t], values.newFinding.type)),
        ],
        newQuestionItems: [
          option('', 'None, or not stated', values.newFinding.question),
          ...QUESTIONS.map((q) => option(q, QUESTION_LABELS[q], values.newFinding.question)),
        ],
        backLink: `${base(request)}/import`,
        ...errors.toView(),
      },
      errors.any ? 400 : 200,
    );
  };

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
        return renderCheck(request, reply, proposalValues(proposal, source), new FormErrors());
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

  pages.post(
    '/p/:partnership/inspections/import/check',
    {
      config: ADMIN,
      bodyLimit: CHECK_BODY_LIMIT,
      schema: { params: paramsSchema(), body: FORM },
    },
    async (request, reply) => {
      const body = request.body;
      const mode = field(body, 'action') === 'update' ? 'update' : 'save';
      const errors = new FormErrors();
      const { values, input, findings } = readImportForm(body, errors, mode);
      if (mode === 'update' || !input || !findings)
        return renderCheck(request, reply, values, errors);
      // The same command as the inspection form and the API, with the findings in one go.
      const result = await recordInspection(commandContext(request), input, findings);
      if (result.kind === 'invalid') {
        for (const p of result.problems) errors.add(p.field, p.text);
        return renderCheck(request, reply, values, errors);
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      const n = findings.length;
      return reply
        .flash(`Inspection imported with ${n} ${n === 1 ? 'finding' : 'findings'}.`)
        .redirect(`${base(request)}/${result.value.id}`, 303);
    },
  );
}
