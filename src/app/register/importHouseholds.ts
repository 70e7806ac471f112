import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { canSeeTownship, type Actor } from '../actor.ts';
import { REGISTER_WRITERS } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import type { HouseholdRecord } from './householdBatch.ts';
import { COLUMN_ZH, mapHeader, type HeaderMap } from './import/columns.ts';
import { csvRows, isBlankRow, type SheetRow } from './import/csvRows.ts';
import { FileTap, sha256Of } from './import/fileTap.ts';
import { ImportSource } from './import/importSource.ts';
import { HouseholdNoIndex, NumberIndex, residentIdKey } from './import/keyIndex.ts';
import { parseRow } from './import/parseRow.ts';
import {
  addFileShapeProblems,
  ImportFileError,
  ProblemList,
  type ImportProblem,
} from './import/problems.ts';
import { loadRegionIndex, type RegionIndex } from './import/regionIndex.ts';
import { matchRegister, type Candidate } from './import/registerMatch.ts';
import { sniffFile, type ImportFormat, type TextEncoding } from './import/sniff.ts';
import { ProvisionalInserts } from './import/provisionalInserts.ts';
import { spoolStream, tempDir } from './import/spool.ts';
import { xlsxRows } from './import/xlsxRows.ts';
import { importJobAudit } from './import/importJobAudit.ts';

export { ImportSource, spoolStream, tempDir };
export type { ImportProblem };

/** Largest upload accepted (HTTP bodies); a local file given by path has no limit. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
/** At most this many problems are listed; `errorCount` counts them all. */
export const IMPORT_MAX_LISTED_ERRORS = 1000;
// Rows checked against the register per round trip.
const MATCH_BATCH = 1000;
// Non-blank rows searched for the header (below any title rows).
const HEADER_SEARCH_ROWS = 5;

/**
 * Tuning that tests may lower. A commit of a file at least `bulkMinBytes` long into a
 * register with no household of the actor's region is a bulk load: the random-key indexes
 * are dropped for the load and built again at the end (see bulkIndexes.ts). 16 MB is
 * ~70,000 households: below that, building the indexes of the whole table again costs
 * more than it saves.
 */
export const importTuning = { bulkMinBytes: 16 * 1024 * 1024 };

export type ImportMode = 'dry-run' | 'commit';

export interface ImportProgress {
  phase: 'validate' | 'insert';
  /** Rows read (validate) or households inserted (insert) so far. */
  done: number;
  /** Bytes read and file size while validating; households to insert while inserting. */
  bytes?: number;
  total?: number;
}

export interface ImportReport {
  mode: ImportMode;
  fileName: string;
  format: ImportFormat | null;
  encoding: TextEncoding | null;
  sha256: string;
  /** Data rows read (blank rows are skipped). */
  rows: number;
  /** Valid rows new to the register: inserted on commit, would be on a dry run. */
  toInsert: number;
  inserted: number;
  /** Rows already in the register with identical content. */
  unchanged: number;
  /** Whether households were written: commit mode, no problems, something new. */
  committed: boolean;
  errorCount: number;
  /** The first IMPORT_MAX_LISTED_ERRORS problems, by row. */
  errors: ImportProblem[];
  /** Headers the import does not use, e.g. 乡镇 in a file exported from the register. */
  ignoredColumns: string[];
}

const importInput = z
  .object({
    source: z.custom<ImportSource>((v) => v instanceof ImportSource, {
      message: bilingual('请提供要导入的文件', 'a file to import is required'),
    }),
    mode: z
      .enum(['dry-run', 'commit'], {
        message: bilingual('mode 应为 dry-run 或 commit', 'mode must be dry-run or commit'),
      })
      .default('dry-run'),
    onProgress: z.custom<(p: ImportProgress) => void>((v) => typeof v === 'function').optional(),
  })
  .strict();

/**
 * Imports the poverty register from CSV (UTF-8 or GB18030) or .xlsx in one streaming
 * pass: every row is validated (format, region, scope, duplicates within the file and
 * against the register) keeping only compact keys in memory. A dry run writes nothing;
 * a commit inserts valid rows provisionally as it goes and keeps them only if no row at
 * all is bad (see ProvisionalInserts), inside the use case's one transaction. One audit
 * entry records the job either way.
 */
export const importHouseholds = defineUseCase({
  name: 'household.import',
  roles: REGISTER_WRITERS,
  scope: 'township',
  writes: true,
  input: importInput,
  async run({ app, db, actor, now, audit }, input): Promise<ImportReport> {
    const tmp = await tempDir();
    let writer: ProvisionalInserts | null = null;
    try {
      const path = await input.source.toFile(tmp.dir, IMPORT_MAX_BYTES);
      // A first import into an empty register needs no per-row lookups.
      const registerEmpty =
        (await db
          .selectFrom('households')
          .select('id')
          .where('region_code', '=', actor.regionCode)
          .limit(1)
          .executeTakeFirst()) === undefined;
      if (input.mode === 'commit') {
        const bulk = registerEmpty && (await stat(path)).size >= importTuning.bulkMinBytes;
        writer = await ProvisionalInserts.begin(
          db,
          actor,
          now,
          (done) => input.onProgress?.({ phase: 'insert', done }),
          { sqlite: app.store.sqlite, bulk },
        );
      }
      const pass = await validatePass(db, actor, path, registerEmpty, writer, input.onProgress);
      let inserted = 0;
      if (writer) {
        const kept = await writer.finish(pass.problems.total === 0);
        inserted = kept.inserted;
        if (kept.problem) pass.problems.add(kept.problem.toProblem());
      }
      const report: ImportReport = {
        mode: input.mode,
        fileName: input.source.name,
        format: pass.format,
        encoding: pass.encoding,
        sha256: pass.sha256,
        rows: pass.rows,
        toInsert: pass.toInsert,
        inserted,
        unchanged: pass.unchanged,
        committed: inserted > 0,
        errorCount: pass.problems.total,
        errors: pass.problems.sorted(),
        ignoredColumns: pass.ignoredColumns,
      };
      await audit(
        importJobAudit('household.import', 'household_import', report, {
          username: actor.username,
          role: actor.role,
          townshipCode: actor.townshipCode,
        }),
      );
      return report;
    } finally {
      await writer?.close();
      await tmp.dispose();
    }
  },
});

interface PassResult {
  format: ImportFormat | null;
  encoding: TextEncoding | null;
  sha256: string;
  rows: number;
  toInsert: number;
  unchanged: number;
  problems: ProblemList;
  ignoredColumns: string[];
}

async function validatePass(
  db: Kysely<Database>,
  actor: Actor,
  path: string,
  registerEmpty: boolean,
  writer: ProvisionalInserts | null,
  onProgress: ((p: ImportProgress) => void) | undefined,
): Promise<PassResult> {
  const problems = new ProblemList(IMPORT_MAX_LISTED_ERRORS);
  const result: PassResult = {
    format: null,
    encoding: null,
    sha256: '',
    rows: 0,
    toInsert: 0,
    unchanged: 0,
    problems,
    ignoredColumns: [],
  };
  let size = 0;
  try {
    ({ format: result.format, encoding: result.encoding, size } = await sniffFile(path));
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    problems.add(err.toProblem());
    result.sha256 = await sha256Of(path);
    return result;
  }

  const regions = await loadRegionIndex(db, actor.regionCode);
  const ids = new NumberIndex(1 << 16);
  const nos = new HouseholdNoIndex();
  let pending: Candidate[] = [];

  const accept = async (record: HouseholdRecord): Promise<void> => {
    result.toInsert++;
    // Once anything is wrong nothing will be kept: stop writing.
    if (problems.total === 0) await writer?.add(record);
    else writer?.stop();
  };
  const flush = async (): Promise<void> => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const verdicts = await matchRegister(db, actor, batch);
    for (let i = 0; i < batch.length; i++) {
      const v = verdicts[i]!;
      if (v.kind === 'new') await accept(batch[i]!.record);
      else if (v.kind === 'unchanged') result.unchanged++;
      else problems.add(v.problem);
    }
  };

  const tap = new FileTap();
  const rows: AsyncGenerator<SheetRow> =
    result.format === 'csv' ? csvRows(path, result.encoding!, tap) : xlsxRows(path, tap);
  let header: HeaderMap | null = null;
  let firstCandidate: HeaderMap | null = null;
  let headerRow = 1;
  let scanned = 0;
  let stopped = false;
  try {
    for await (const { row, cells } of rows) {
      if (isBlankRow(cells)) continue;
      if (!header) {
        // A title row above the header (武隆区建档立卡贫困户名册…) is skipped: the header is
        // the first of the first few rows that names at least three known columns.
        const candidate = mapHeader(cells, row);
        firstCandidate ??= candidate;
        const known = Object.keys(candidate.index).length >= 3;
        if (!known && ++scanned < HEADER_SEARCH_ROWS) continue;
        header = known ? candidate : firstCandidate;
        headerRow = known ? row : firstCandidate.row;
        result.ignoredColumns = header.ignored;
        if (header.problems.length) {
          // Without the columns no row can be read: report the header alone.
          header.problems.forEach((p) => problems.add(p));
          break;
        }
        continue;
      }
      result.rows++;
      if (result.rows % 5000 === 0) {
        onProgress?.({ phase: 'validate', done: result.rows, bytes: tap.bytes, total: size });
      }
      const record = checkRow(row, cells, header, regions, actor, ids, nos, problems);
      if (!record) continue;
      if (registerEmpty) await accept(record);
      else {
        pending.push({ row, record });
        if (pending.length >= MATCH_BATCH) await flush();
      }
    }
    await flush();
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    problems.add(err.toProblem());
    stopped = true;
  }
  addFileShapeProblems(problems, {
    header,
    firstCandidate,
    stopped,
    rows: result.rows,
    headerRow,
  });
  onProgress?.({ phase: 'validate', done: result.rows, bytes: tap.bytes, total: size });
  // The tap saw every byte unless reading stopped early (a bad header, a refused row).
  result.sha256 = tap.bytes === size ? tap.sha256() : await sha256Of(path);
  return result;
}

/** One data row: parsed, placed in a village within the actor's scope, unique in the file. */
function checkRow(
  row: number,
  cells: readonly string[],
  header: HeaderMap,
  regions: RegionIndex,
  actor: Actor,
  ids: NumberIndex,
  nos: HouseholdNoIndex,
  problems: ProblemList,
): HouseholdRecord | null {
  const parsed = parseRow(row, cells, header.index);
  const before = problems.total;
  if ('problems' in parsed) for (const p of parsed.problems) problems.add(p);
  const add = (field: keyof typeof COLUMN_ZH, code: string, zh: string, en: string): void =>
    problems.add({
      row,
      field,
      code,
      message_zh: `第 ${row} 行【${COLUMN_ZH[field]}】${zh}`,
      message_en: `Row ${row}, ${field}: ${en}`,
    });

  // The village is checked even when other cells are bad, so one pass reports them all.
  const villageCode =
    'input' in parsed ? parsed.input.villageCode : cells[header.index.villageCode!]?.trim();
  const township = villageCode ? regions.villages.get(villageCode) : undefined;
  if (villageCode && /^\d{6,15}$/.test(villageCode) && !township) {
    add(
      'villageCode',
      'unknown_village',
      `行政村代码 ${villageCode} 不存在`,
      `no village has code ${villageCode}`,
    );
  } else if (township && !canSeeTownship(actor, township)) {
    add(
      'villageCode',
      'out_of_scope',
      `行政村 ${villageCode} 不在您所在的乡镇，您只能导入本乡镇的农户`,
      `village ${villageCode} is outside your township; you may import only your own township's households`,
    );
  }
  if (!('input' in parsed)) return null;
  const v = parsed.input;
  const visible = township !== undefined && canSeeTownship(actor, township);
  if (visible && v.groupCode !== undefined && regions.groups.get(v.groupCode) !== v.villageCode) {
    add(
      'groupCode',
      'unknown_group',
      `社代码 ${v.groupCode} 不属于行政村 ${v.villageCode}`,
      `group ${v.groupCode} is not in village ${v.villageCode}`,
    );
  }
  const sameNo = nos.firstRow(v.householdNo, row);
  if (sameNo) {
    add(
      'householdNo',
      'duplicate_household_no',
      `户编号 ${v.householdNo} 与第 ${sameNo} 行重复`,
      `household number ${v.householdNo} repeats row ${sameNo}`,
    );
  }
  const people = [v.headIdNumber, ...v.members.map((m) => m.idNumber)];
  for (let i = 0; i < people.length; i++) {
    const sameId = ids.firstRow(residentIdKey(people[i]!), row);
    if (!sameId) continue;
    const who =
      i === 0
        ? { zh: '户主身份证号', en: "the head's resident ID" }
        : { zh: `第${i}个成员的身份证号`, en: `member ${i}'s resident ID` };
    add(
      i === 0 ? 'headIdNumber' : 'members',
      'duplicate_id',
      `${who.zh}与第 ${sameId} 行中的身份证号重复`,
      `${who.en} also appears in row ${sameId}`,
    );
  }
  if (problems.total !== before) return null;
  return {
    householdNo: v.householdNo,
    townshipCode: township!,
    villageCode: v.villageCode,
    groupCode: v.groupCode ?? null,
    headName: v.headName,
    headIdNumber: v.headIdNumber,
    phone: v.phone ?? null,
    address: v.address ?? null,
    subsidyAccount: v.subsidyAccount ?? null,
    members: v.members,
    statuses: [
      { status: v.povertyStatus, effectiveFrom: v.statusEffectiveFrom, source: v.statusSource },
    ],
  };
}
