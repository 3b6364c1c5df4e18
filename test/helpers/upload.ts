// A multipart/form-data body as a browser sends one, for the tests of the upload forms.
import { randomBytes } from 'node:crypto';

export type MultipartFile = {
  /** The form field the file input is named, e.g. "file" or "letter". */
  field: string;
  filename: string;
  bytes: Uint8Array | string;
  type?: string;
};

/** Fields first, then the file: the order a browser sends a form in. */
export function multipart(
  fields: Record<string, string>,
  file?: MultipartFile,
): { payload: Buffer; contentType: string } {
  const boundary = `----SendboardTest${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
