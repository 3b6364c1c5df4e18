import { decode } from './agent.js';

/** The fields a form on the page would post, as a browser would collect them (no _csrf). */
export function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`No form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const attrs = (tag: string) =>
    Object.fromEntries(
      [...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, decode(m[2] ?? '')]),
    );
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const a = attrs(tag);
    if (!a.name || a.name === '_csrf') continue;
    if ((a.type === 'radio' || a.type === 'checkbox') && !('checked' in a)) continue;
    fields[a.name] = a.value ?? '';
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g))
    fields[attrs(m[1]!).name!] = decode(m[2]!.replace(/^\n/, ''));
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const options = [...m[2]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attrs(o[1]!));
    fields[attrs(m[1]!).name!] = (options.find((o) => 'selected' in o) ?? options[0])?.value ?? '';
  }
  return fields;
}
