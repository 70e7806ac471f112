import type { z } from 'zod';
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
