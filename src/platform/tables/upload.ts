import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { requireSignIn } from '../identity/auth-hooks.js';
import { enforceTenancy } from '../web/enforce-tenancy.js';

/**
 * A data file as an upload form delivers it: streamed to a temporary file (census files are
 * large), removed when the response has been sent. `truncated` when it was over the limit.
 */
export type DataUpload = { filename: string; path: string; bytes: number; truncated: boolean };

export function isDataUpload(value: unknown): value is DataUpload {
  const v = value as Partial<DataUpload> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.filename === 'string' &&
    typeof v.path === 'string' &&
    typeof v.truncated === 'boolean'
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    uploadedFiles?: string[];
    /** Set once the upload's body has been read. */
    uploadRead?: boolean;
  }
}

/**
 * Makes the routes registered in this plugin scope accept one uploaded data file (multipart)
 * beside ordinary fields. Who is asking is checked before any of the body is read, so nobody
 * without a role there can make the server store a large file. Fields land on request.body, so
 * the app's CSRF check reads `_csrf` from an upload exactly as from any other form.
 */
export async function acceptDataUploads(
  app: FastifyInstance,
  options: { maxBytes: number },
): Promise<void> {
  app.addHook('onRequest', requireSignIn);
  app.addHook('onRequest', enforceTenancy);
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile: saveToTemporaryFile,
    throwFileSizeLimit: false,
    limits: {
      fileSize: options.maxBytes,
      files: 1,
      fields: 10,
      fieldSize: 1024,
      fieldNameSize: 100,
      parts: 12,
      headerPairs: 50,
    },
  });
  answerUnreadableUploads(app);
  app.addHook('onResponse', async (request) => {
    for (const file of request.uploadedFiles ?? []) await rm(file, { force: true });
  });
}

/**
 * In a plugin scope that reads multipart bodies: a body the multipart reader cannot make sense of
 * (a wrong boundary, a cut-off part) is the sender's mistake, so 400, answered by the app's error
 * pages. Errors after the body was read are left as they are.
 */
export function answerUnreadableUploads(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    request.uploadRead = true;
  });
  app.setErrorHandler((error: FastifyError, request) => {
    if (!request.uploadRead && !error.statusCode && error.code === undefined)
      throw Object.assign(new Error('The upload could not be read'), { statusCode: 400 });
    throw error;
  });
}

async function saveToTemporaryFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const target = path.join(os.tmpdir(), `sendboard-upload-${randomUUID()}`);
  (this.uploadedFiles ??= []).push(target);
  let bytes = 0;
  part.file.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await pipeline(part.file, createWriteStream(target, { mode: 0o600 }));
  const upload: DataUpload = {
    filename: path.basename(part.filename || 'upload'),
    path: target,
    bytes,
    truncated: part.file.truncated,
  };
  part.value = upload;
}
