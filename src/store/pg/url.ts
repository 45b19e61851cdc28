/** Store URLs in messages: never with a password. No driver here: the CLI checks a URL before loading one. */

export const isPostgresUrl = (s: string | undefined): s is string => !!s && /^postgres(ql)?:\/\//i.test(s);

/** The URL with its password replaced by `***` (for messages and logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const k of [...u.searchParams.keys()]) if (/pass/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

/** An error message with any password of the URL or PGPASSWORD blanked out, in case a driver repeats it. */
export function redactMessage(message: string, url: string): string {
  const secrets: string[] = [];
  try { const p = decodeURIComponent(new URL(url).password); if (p) secrets.push(p); } catch { /* not a URL */ }
  if (process.env.PGPASSWORD) secrets.push(process.env.PGPASSWORD);
  let m = message.split(url).join(redactUrl(url));
  for (const s of secrets) m = m.split(s).join('***');
  return m;
}
