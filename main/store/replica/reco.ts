// HQ's recommendation model: trusted only when its bytes hash to the SHA-256 HQ announced and the
// JSON they hold is a RecoModel (contract/reco.ts). The newest accepted one is kept, gzip'd, so a
// restarted till uses it at once, after checking it again.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { RecoModel } from '../../../contract/reco';
import type { RecoModel as RecoModelType } from '../../../contract/reco';
import type { RecoArtefact } from '../../../contract/sync';
import type { Db } from '../db';

export type ArtefactCheck =
  | { ok: true; model: RecoModelType }
  | { ok: false; reason: 'size' | 'hash' | 'json' | 'schema'; message: string };

/** Whether `bytes` are the artefact HQ announced, and a model the till can use. */
export function checkRecoArtefact(artefact: RecoArtefact, bytes: Buffer): ArtefactCheck {
  if (bytes.length !== artefact.bytes) {
    return { ok: false, reason: 'size', message: `${bytes.length} bytes, HQ announced ${artefact.bytes}` };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== artefact.sha256) {
    return {
      ok: false,
      reason: 'hash',
      message: `SHA-256 ${sha256} is not the announced ${artefact.sha256}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'json', message: (error as Error).message };
  }
  const parsed = RecoModel.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: 'schema',
      message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    };
  }
  return { ok: true, model: parsed.data };
}

export function createRecoReplica(db: Db) {
  const upsert = db.prepare<[number, string, Buffer, string, string]>(
    `INSERT INTO hq_reco_model (slot, version, sha256, body_gzip, built_at, received_at) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT (slot) DO UPDATE SET version = excluded.version, sha256 = excluded.sha256,
       body_gzip = excluded.body_gzip, built_at = excluded.built_at, received_at = excluded.received_at`,
  );
  const read = db.prepare<[], { version: number; sha256: string; bodyGzip: Buffer; builtAt: string }>(
    'SELECT version, sha256, body_gzip AS bodyGzip, built_at AS builtAt FROM hq_reco_model WHERE slot = 1',
  );
  return {
    /** Keeps a checked artefact; call inside the transaction that advances the reco cursor. */
    keep(artefact: RecoArtefact, bytes: Buffer, at: string): void {
      upsert.run(artefact.version, artefact.sha256, gzipSync(bytes), artefact.builtAt, at);
    },
    /** The kept model, checked again; null when there is none or it no longer checks out. */
    stored(): { artefact: RecoArtefact; model: RecoModelType } | null {
      const row = read.get();
      if (!row) return null;
      const bytes = gunzipSync(row.bodyGzip);
      const artefact = {
        version: row.version,
        sha256: row.sha256,
        bytes: bytes.length,
        builtAt: row.builtAt,
      };
      const checked = checkRecoArtefact(artefact, bytes);
      return checked.ok ? { artefact, model: checked.model } : null;
    },
  };
}
