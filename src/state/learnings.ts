/**
 * Learnings (SPEC.md J4): durable preferences of a task owner, one readable markdown file per
 * learning at `learnings/<owner>/<id>.md` (YAML front matter + the preference as the body).
 * The files are the truth: a person edits or deletes one with a normal commit and the next read
 * honours it. Parsing is tolerant so a hand-edited file with broken front matter still yields its
 * text.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { StatePaths, assertId } from './paths.js';
import { Learning, Provenance } from './schema.js';
import type { StateReader, StateTx } from './view.js';

/** A learning to store: the preference text and where it came from. */
export interface LearningInput {
  text: string;
  provenance: Provenance | Provenance[];
  tags?: string[];
}

/** What `upsertLearnings` did for one input. */
export interface LearningUpsert {
  /** Id of the learning the input was stored as or merged into. */
  id: string;
  /** `created`: a new file; `merged`: an existing learning gained provenance/tags; `unchanged`: already known. */
  action: 'created' | 'merged' | 'unchanged';
  learning: Learning;
}

/** Token-set similarity (Jaccard, stop words removed) at or above which two learnings are one. */
export const LearningMergeThreshold = 0.8;

const StopWords = new Set(
  'a an and are as at be by do for from in is it its of on or our so that the their this to we with you your always please should must'.split(' '),
);

/** Lowercase, markdown and punctuation removed, whitespace collapsed: the form compared for equality. */
export function normaliseLearningText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[`*_~>#[\](){}"'“”‘’.,;:!?|\\/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function tokens(text: string): Set<string> {
  return new Set(
    normaliseLearningText(text)
      .split(' ')
      .filter((t) => t.length > 0 && !StopWords.has(t)),
  );
}

/**
 * Similarity of two learning texts in [0, 1]: 1 for equal normalised text, else the Jaccard index
 * of their token sets without stop words. Texts with fewer than three such tokens only match
 * exactly (short texts overlap by accident too easily).
 */
export function learningSimilarity(a: string, b: string): number {
  const na = normaliseLearningText(a);
  const nb = normaliseLearningText(b);
  if (na === nb) return 1;
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size < 3 || tb.size < 3) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}

/** Id for a new learning: a slug of its first words plus a hash of its normalised text. */
export function learningId(text: string): string {
  const normal = normaliseLearningText(text);
  const hash = createHash('sha256').update(normal).digest('hex').slice(0, 6);
  const slug = normal
    .replace(/[^a-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6)
    .join('-')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug ? `${slug}-${hash}` : `learning-${hash}`;
}

const FrontMatter = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/**
 * Parses `learnings/<owner>/<id>.md`. The id is the file name; the text is the body. Front matter
 * that is missing or not valid YAML is ignored field by field.
 */
export function parseLearningFile(path: string, content: string, owner: string): Learning {
  const id = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');
  const m = FrontMatter.exec(content);
  let front: Record<string, unknown> = {};
  let body = content;
  if (m) {
    body = m[2] ?? '';
    try {
      const parsed: unknown = parseYaml(m[1] ?? '');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) front = parsed as Record<string, unknown>;
    } catch {
      // A hand edit broke the YAML: keep the body, drop the metadata.
    }
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : undefined);
  const provenance = Array.isArray(front.provenance)
    ? front.provenance.flatMap((p) => {
        const r = Provenance.safeParse(p);
        return r.success ? [r.data] : [];
      })
    : [];
  const tags = Array.isArray(front.tags) ? front.tags.filter((t): t is string => typeof t === 'string') : undefined;
  const createdAt = str(front.createdAt) ?? '';
  return {
    id,
    owner: str(front.owner) ?? owner,
    text: body.trim(),
    createdAt,
    updatedAt: str(front.updatedAt) ?? createdAt,
    provenance,
    ...(tags && tags.length > 0 ? { tags } : {}),
  };
}

/** The markdown file for a learning: front matter (id, owner, dates, tags, provenance), then the text. */
export function renderLearningFile(l: Learning): string {
  const front: Record<string, unknown> = {
    id: l.id,
    owner: l.owner,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
  if (l.tags && l.tags.length > 0) front.tags = l.tags;
  front.provenance = l.provenance.map((p) => ({ url: p.url, repository: p.repository, date: p.date }));
  return `---\n${stringifyYaml(front, { lineWidth: 0 })}---\n\n${l.text.trim()}\n`;
}

/** Every learning of `owner` (files `learnings/<owner>/*.md`), oldest first; empty bodies skipped. */
export async function readLearnings(r: StateReader, owner: string): Promise<Learning[]> {
  const dir = StatePaths.learningsDir(owner);
  const paths = (await r.list(dir)).filter((p) => p.endsWith('.md') && !p.slice(dir.length).includes('/'));
  const files = await r.readMany(paths);
  const out: Learning[] = [];
  for (const p of paths) {
    const content = files.get(p);
    if (content === undefined) continue;
    const l = parseLearningFile(p, content, owner);
    if (l.text) out.push(l);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Stores `inputs` as learnings of `owner`, deduplicated against the existing ones and each other:
 * an input whose text equals (normalised) or closely matches (`LearningMergeThreshold`) a known
 * learning is merged into it (its provenance and tags are added; the stored text, which a person
 * may have edited, is kept); otherwise it becomes a new file.
 */
export async function upsertLearningsTx(tx: StateTx, owner: string, inputs: readonly LearningInput[], nowIso: string): Promise<LearningUpsert[]> {
  const known = await readLearnings(tx, owner);
  const results: LearningUpsert[] = [];
  for (const input of inputs) {
    const text = input.text.trim();
    if (!text) throw new Error('a learning needs text');
    const provenance = (Array.isArray(input.provenance) ? input.provenance : [input.provenance]).map((p) => Provenance.parse(p));
    let best: { l: Learning; score: number } | undefined;
    for (const l of known) {
      const score = learningSimilarity(l.text, text);
      if (score >= LearningMergeThreshold && (!best || score > best.score)) best = { l, score };
    }
    if (best) {
      const l = best.l;
      const urls = new Set(l.provenance.map((p) => p.url));
      const newProv = provenance.filter((p) => !urls.has(p.url));
      const tagSet = new Set(l.tags ?? []);
      const newTags = (input.tags ?? []).filter((t) => !tagSet.has(t));
      if (newProv.length === 0 && newTags.length === 0) {
        results.push({ id: l.id, action: 'unchanged', learning: l });
        continue;
      }
      l.provenance = [...l.provenance, ...newProv];
      if (newTags.length > 0) l.tags = [...(l.tags ?? []), ...newTags];
      l.updatedAt = nowIso;
      tx.write(StatePaths.learning(owner, l.id), renderLearningFile(l));
      results.push({ id: l.id, action: 'merged', learning: l });
      continue;
    }
    let id = learningId(text);
    const taken = new Set(known.map((l) => l.id));
    for (let n = 2; taken.has(id) || (await tx.exists(StatePaths.learning(owner, id))); n++) id = `${learningId(text)}-${n}`;
    const l: Learning = Learning.parse({
      id,
      owner,
      text,
      createdAt: nowIso,
      updatedAt: nowIso,
      provenance,
      ...(input.tags && input.tags.length > 0 ? { tags: [...new Set(input.tags)] } : {}),
    });
    tx.write(StatePaths.learning(owner, id), renderLearningFile(l));
    known.push(l);
    results.push({ id, action: 'created', learning: l });
  }
  return results;
}

/** Deletes a learning file; returns false when it did not exist. */
export async function deleteLearningTx(tx: StateTx, owner: string, id: string): Promise<boolean> {
  assertId(id, 'learning id');
  const path = StatePaths.learning(owner, id);
  if (!(await tx.exists(path))) return false;
  tx.delete(path);
  return true;
}
