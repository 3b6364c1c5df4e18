import type { FastifyReply } from 'fastify';
import { DOCX_TYPE } from '../render.js';

/** A Word file as a download, never kept by a shared cache. */
export function sendDocx(reply: FastifyReply, bytes: Buffer, filename: string) {
  return reply
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .type(DOCX_TYPE)
    .send(bytes);
}
