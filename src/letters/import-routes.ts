import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { requireSignIn } from '../platform/identity/auth-hooks.js';
import { enforceTenancy } from '../platform/web/enforce-tenancy.js';
import { answerUnreadableUploads } from '../platform/tables/upload.js';
import { MAX_UPLOAD_BYTES, type Upload } from './import-service.js';
import { importCheckPage } from './pages/import-check/import-check.js';
import { importStartPage } from './pages/import-start/import-start.js';

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
  answerUnreadableUploads(app);

  importStartPage(app);
  importCheckPage(app);
}
