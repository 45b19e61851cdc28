import JSZip from 'jszip';

/**
 * The package paths of the images a .docx shows, in the order mammoth meets them: document order,
 * with mc:Choice branches skipped (mammoth reads the mc:Fallback of an mc:AlternateContent).
 * Used only to name images in warnings; any problem gives an empty list.
 */
export async function imagePaths(buffer: Buffer): Promise<string[]> {
  try {
    const zip = await JSZip.loadAsync(buffer);
    const doc = await zip.file('word/document.xml')?.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')?.async('string');
    if (!doc || !rels) return [];
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = m[0].match(/\bId="([^"]+)"/)?.[1];
      const target = m[0].match(/\bTarget="([^"]+)"/)?.[1];
      if (!id || !target) continue;
      if (/TargetMode="External"/.test(m[0])) targets.set(id, `linked ${target}`);
      else targets.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`);
    }
    const body = doc.replace(/<mc:Choice\b[\s\S]*?<\/mc:Choice>/g, '');
    const out: string[] = [];
    for (const m of body.matchAll(/<(?:a:blip\b[^>]*\br:(?:embed|link)|v:imagedata\b[^>]*\br:id)="([^"]+)"/g)) {
      const t = targets.get(m[1]);
      if (t) out.push(t);
    }
    return out;
  } catch {
    return [];
  }
}
