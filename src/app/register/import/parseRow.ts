import type { z } from 'zod';
import { residentIdProblem } from '../../../core/identity/residentId.ts';
import { count } from '../fields.ts';
import { householdInput, type HouseholdInput } from '../households.ts';
import { COLUMN_ZH, type ColumnKey } from './columns.ts';
import type { ImportProblem } from './problems.ts';

/** Longest cell accepted: 30 members fit in ~1,000 characters; anything far longer is not a register. */
export const MAX_CELL_CHARS = 4000;

const STATUS: Record<string, HouseholdInput['povertyStatus']> = {
  建档立卡贫困户: 'registered_poor',
  贫困户: 'registered_poor',
  registered_poor: 'registered_poor',
  已脱贫: 'lifted',
  脱贫户: 'lifted',
  lifted: 'lifted',
  非贫困户: 'not_poor',
  not_poor: 'not_poor',
};

const ISSUE_FIELD: Record<string, ColumnKey> = {
  povertyStatus: 'status',
  statusEffectiveFrom: 'effectiveFrom',
  statusSource: 'source',
};

const MEMBER_PART: Record<string, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'name' },
  idNumber: { zh: '身份证号', en: 'resident ID' },
  relation: { zh: '关系', en: 'relation' },
};

/**
 * One data row to the register's own household input (the same zod schema the form and
 * the API use), or every problem with it, each naming the row and the column.
 */
export function parseRow(
  row: number,
  cells: readonly string[],
  index: Partial<Record<ColumnKey, number>>,
): { input: HouseholdInput } | { problems: ImportProblem[] } {
  const fast = fastInput(cells, index);
  return fast ? { input: fast } : parseRowWithSchema(row, cells, index);
}

/** `parseRow` without the fast path: every row through the schema (exported for its test). */
export function parseRowWithSchema(
  row: number,
  cells: readonly string[],
  index: Partial<Record<ColumnKey, number>>,
): { input: HouseholdInput } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const reported = new Set<string>();
  const problem = (field: ColumnKey | string, code: string, zh: string, en: string): void => {
    reported.add(field);
    const label = COLUMN_ZH[field as ColumnKey] ?? field;
    problems.push({
      row,
      field,
      code,
      message_zh: `第 ${row} 行【${label}】${zh}`,
      message_en: `Row ${row}, ${field}: ${en}`,
    });
  };
  const cell = (key: ColumnKey): string | undefined => {
    const i = index[key];
    if (i === undefined) return undefined;
    const v = (cells[i] ?? '').trim();
    if (v.length > MAX_CELL_CHARS) {
      problem(
        key,
        'cell_too_large',
        `内容过长（${v.length}个字符，上限${MAX_CELL_CHARS}）`,
        `cell is too long (${v.length} characters; the limit is ${MAX_CELL_CHARS})`,
      );
      return undefined;
    }
    // PostgreSQL text cannot hold U+0000; refuse it on both dialects alike.
    if (v.includes('\u0000')) {
      problem(
        key,
        'invalid_input',
        '不能包含空字符（\\0）',
        'must not contain NUL characters (\\0)',
      );
      return undefined;
    }
    return v === '' ? undefined : v;
  };

  const statusText = cell('status');
  const status = statusText === undefined ? undefined : STATUS[statusText.toLowerCase()];
  if (statusText !== undefined && status === undefined) {
    problem(
      'status',
      'invalid_status',
      `“${statusText.slice(0, 20)}”不是有效的贫困状态，应为 建档立卡贫困户、已脱贫 或 非贫困户`,
      `"${statusText.slice(0, 20)}" is not a poverty status; use registered_poor, lifted or not_poor (建档立卡贫困户/已脱贫/非贫困户)`,
    );
  }

  const membersText = cell('members');
  const members: { name: string; idNumber: string; relation: string }[] = [];
  if (membersText !== undefined) {
    const entries = membersText.split(/[;；]/);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!.trim();
      if (!entry) continue;
      const parts = entry.split(/[:：]/);
      if (parts.length !== 3) {
        problem(
          'members',
          'member_format',
          `第${i + 1}个成员“${entry.slice(0, 40)}”格式不对，应为 姓名:身份证号:关系，多人用分号隔开`,
          `member ${i + 1} "${entry.slice(0, 40)}" should be name:residentId:relation, members separated by ";"`,
        );
        continue;
      }
      members.push({ name: parts[0]!, idNumber: parts[1]!, relation: parts[2]! });
    }
  }

  const memberCountText = cell('memberCount');
  let memberCount: number | undefined;
  if (memberCountText !== undefined) {
    const parsed = count.safeParse(memberCountText);
    if (parsed.success) memberCount = parsed.data;
    else {
      const t = issueText(parsed.error.issues[0]!);
      problem('memberCount', 'invalid_count', t.zh, t.en);
    }
  }

  const raw = {
    householdNo: cell('householdNo'),
    villageCode: cell('villageCode'),
    groupCode: cell('groupCode'),
    headName: cell('headName'),
    headIdNumber: cell('headIdNumber'),
    phone: cell('phone'),
    address: cell('address'),
    subsidyAccount: cell('subsidyAccount'),
    members,
    // An unknown status is reported above; the stand-in keeps zod from reporting it again.
    povertyStatus: status ?? (statusText === undefined ? undefined : 'not_poor'),
    statusEffectiveFrom: isoDateOf(cell('effectiveFrom')),
    statusSource: cell('source'),
  };
  const parsed = householdInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, memberIndex, part] = issue.path;
      const key = ISSUE_FIELD[String(first)] ?? String(first);
      // A cell already refused (too long, NUL, bad status) is not reported again as empty.
      if (reported.has(key) && key !== 'members') continue;
      const t = issueText(issue);
      if (key === 'members' && typeof memberIndex === 'number') {
        const p = MEMBER_PART[String(part)] ?? { zh: '', en: 'entry' };
        problem(
          'members',
          'invalid_input',
          `第${memberIndex + 1}个成员的${p.zh}：${t.zh}`,
          `member ${memberIndex + 1}'s ${p.en}: ${t.en}`,
        );
      } else {
        problem(key, 'invalid_input', t.zh, t.en);
      }
    }
  }
  if (problems.length || !parsed.success) return { problems };

  const input = parsed.data;
  const ids = [input.headIdNumber, ...input.members.map((m) => m.idNumber)];
  if (new Set(ids).size !== ids.length) {
    problem(
      'members',
      'duplicate_id',
      '同一户内身份证号重复（成员中不要再列户主）',
      'the same resident ID appears twice in the household (do not list the head among the members)',
    );
  }
  if (memberCount !== undefined && memberCount !== ids.length) {
    problem(
      'memberCount',
      'member_count_mismatch',
      `家庭人口为${memberCount}，但户主加成员共${ids.length}人`,
      `member count is ${memberCount} but the head and members listed are ${ids.length}`,
    );
  }
  return problems.length ? { problems } : { input };
}

/** Dates as Chinese spreadsheets write them (2014/3/1, 2014.3.1, 2014年3月1日, 20140301) to YYYY-MM-DD. */
export function isoDateOf(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return v;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

const GENERIC: Record<string, { zh: string; en: string }> = {
  invalid_type: { zh: '不能为空', en: 'is required' },
  too_small: { zh: '太短或太小', en: 'is too short or too small' },
  too_big: { zh: '太长或太大', en: 'is too long or too large' },
  invalid_format: { zh: '格式不正确', en: 'has an invalid format' },
  invalid_value: { zh: '不是允许的取值', en: 'is not one of the allowed values' },
};

/** The bilingual text packed into our schemas' messages, or a generic wording. */
function issueText(issue: z.core.$ZodIssue): { zh: string; en: string } {
  try {
    const parsed = JSON.parse(issue.message) as { zh?: unknown; en?: unknown };
    if (typeof parsed.zh === 'string' && typeof parsed.en === 'string') {
      return { zh: parsed.zh, en: parsed.en };
    }
  } catch {
    // zod's own message: fall through
  }
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') {
    return { zh: `不能超过${issue.maximum}`, en: `must be at most ${issue.maximum}` };
  }
  return GENERIC[issue.code] ?? { zh: '无效', en: 'is invalid' };
}

/*
 * The common case without zod: a row whose every cell is plainly valid becomes the same
 * HouseholdInput that householdInput.parse would return (~1.5 µs instead of ~25). Any
 * doubt returns null and the row goes through the schema above, which words the problems;
 * so this may only ever accept less than the schema, never more, and must build exactly
 * what it builds (trimmed strings, upper-case resident IDs). A test holds the two together.
 */
const HOUSEHOLD_NO = /^[0-9A-Za-z-]{4,32}$/;
const REGION_CODE = /^\d{6,15}$/;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MEMBER_SPLIT = /[;；]/;
const PART_SPLIT = /[:：]/;
// Dates already checked (a register holds few distinct dates); bounded.
const goodDates = new Set<string>();

export function fastInput(
  cells: readonly string[],
  index: Partial<Record<ColumnKey, number>>,
): HouseholdInput | null {
  // As `cell` above: trimmed, '' as absent; anything unusual is left to the full path.
  const cell = (key: ColumnKey): string | undefined | null => {
    const i = index[key];
    if (i === undefined) return undefined;
    const v = (cells[i] ?? '').trim();
    if (v.length > MAX_CELL_CHARS || v.includes('\u0000')) return null;
    return v === '' ? undefined : v;
  };
  const householdNo = cell('householdNo');
  if (!householdNo || !HOUSEHOLD_NO.test(householdNo)) return null;
  const villageCode = cell('villageCode');
  if (!villageCode || !REGION_CODE.test(villageCode)) return null;
  const groupCode = cell('groupCode');
  if (groupCode === null || (groupCode !== undefined && !REGION_CODE.test(groupCode))) return null;
  const headName = cell('headName');
  if (!headName || headName.length > 50) return null;
  const headIdNumber = residentIdOf(cell('headIdNumber'));
  if (!headIdNumber) return null;
  const phone = cell('phone');
  if (phone === null || (phone !== undefined && !PHONE.test(phone))) return null;
  const address = cell('address');
  if (address === null || (address !== undefined && address.length > 200)) return null;
  const subsidyAccount = cell('subsidyAccount');
  if (subsidyAccount === null || (subsidyAccount !== undefined && subsidyAccount.length > 40)) {
    return null;
  }
  const statusText = cell('status');
  if (!statusText) return null;
  const povertyStatus = STATUS[statusText.toLowerCase()];
  if (!povertyStatus) return null;
  const statusEffectiveFrom = isoDateOf(cell('effectiveFrom') ?? undefined);
  if (!statusEffectiveFrom || !validDate(statusEffectiveFrom)) return null;
  const statusSource = cell('source');
  if (!statusSource || statusSource.length > 100) return null;

  const members: HouseholdInput['members'] = [];
  const membersText = cell('members');
  if (membersText === null) return null;
  if (membersText !== undefined) {
    for (const raw of membersText.split(MEMBER_SPLIT)) {
      const entry = raw.trim();
      if (!entry) continue;
      const parts = entry.split(PART_SPLIT);
      if (parts.length !== 3) return null;
      const name = parts[0]!.trim();
      const relation = parts[2]!.trim();
      const idNumber = residentIdOf(parts[1]);
      if (!name || name.length > 50 || !relation || relation.length > 20 || !idNumber) {
        return null;
      }
      members.push({ name, idNumber, relation });
    }
    if (members.length > 30) return null;
  }
  const people = members.length + 1;
  const countText = cell('memberCount');
  if (countText === null) return null;
  if (countText !== undefined && Number(countText) !== people) return null;
  for (let i = 0; i < members.length; i++) {
    const id = members[i]!.idNumber;
    if (id === headIdNumber) return null;
    for (let j = i + 1; j < members.length; j++) if (members[j]!.idNumber === id) return null;
  }
  return {
    householdNo,
    villageCode,
    groupCode,
    headName,
    headIdNumber,
    phone,
    address,
    subsidyAccount,
    members,
    povertyStatus,
    statusEffectiveFrom,
    statusSource,
  };
}

/** A valid resident ID as the schema outputs it (trimmed, upper case), else null. */
function residentIdOf(v: string | undefined | null): string | null {
  if (!v) return null;
  const id = v.trim().toUpperCase();
  return residentIdProblem(id) === null ? id : null;
}

function validDate(v: string): boolean {
  if (goodDates.has(v)) return true;
  if (
    !ISO_DATE.test(v) ||
    Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
    !new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
  ) {
    return false;
  }
  if (goodDates.size < 10_000) goodDates.add(v);
  return true;
}
