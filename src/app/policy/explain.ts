import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { chineseCapital, fenToYuanString } from '../../core/money.ts';
import { getRule } from '../../core/rules/registry.ts';
import type { Payee, Payer, RuleResult } from '../../core/rules/rule.ts';
import { evaluateRule, outputToJson, policyData } from './evaluate.ts';
import { readDataFile } from './files.ts';
import type { PolicyData } from './loadPolicyData.ts';

/**
 * Human-readable working of one evaluation, in Chinese and English, quoting the
 * article's own sentence: what a finance-bureau clerk reads to check a figure, and
 * what an auditor files next to the payment.
 */

const PAYER_ZH: Record<Payer, string> = {
  district: '区财政',
  city: '市财政',
  central: '中央财政',
  fund: '风险补偿金',
};
const PAYEE_ZH: Record<Payee, string> = {
  household: '农户',
  bank: '银行',
  guarantor: '担保机构',
  insurer: '保险公司',
  platform: '区级平台公司',
  entity: '经营主体',
};

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 11 → 十一, 36 → 三十六 (the document numbers its articles （一）…（三十六）). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.trunc(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${ones === 0 ? '' : (DIGITS[ones] ?? '')}`;
}

/** 'art. 11' → 第（十一）条; 'arts. 11, 31' → 第（十一）、（三十一）条. */
export function articleZh(article: string): string {
  const numbers = [...article.matchAll(/\d+/g)].map((m) => `（${chineseNumber(Number(m[0]))}）`);
  return `第${numbers.join('、')}条`;
}

export function explainResult(result: RuleResult, data: PolicyData, title?: string): string {
  const rule = getRule(result.ruleId);
  const lines: string[] = [];
  if (title !== undefined) lines.push(`## ${title}`, '');
  lines.push(`${articleZh(rule.article)} ${rule.title_zh}`);
  lines.push(`${rule.article} — ${rule.title_en}  [${rule.id}]`);
  lines.push('');
  lines.push(`原文 Text (武隆府办发〔2017〕53号):`);
  lines.push(`  「${rule.articleText}」`);
  const t = result.trace;
  if (t !== undefined) {
    lines.push('');
    lines.push(`公式：${t.formula.zh}`);
    lines.push(`Formula: ${t.formula.en}`);
    if (t.parameters.length > 0) {
      lines.push('');
      lines.push('参数 Parameters:');
      const seen = new Set<string>();
      for (const p of t.parameters) {
        const key = `${p.id}@${String(p.version)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const def = data.parameters.parameters.get(p.id);
        const name = def === undefined ? '' : `  ${def.title_zh} / ${def.title_en}`;
        lines.push(
          `  ${p.id} = ${String(p.value)}  (v${String(p.version)}, 自 from ${p.from})${name}`,
        );
      }
    }
    if (t.rates.length > 0) {
      lines.push('');
      lines.push('利率 Reference rates:');
      const seen = new Set<string>();
      for (const r of t.rates) {
        const key = `${r.table}@${r.effective}/${r.tier}`;
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(
          `  ${r.rate}%  ${r.tier_zh}（${String(r.term_months)}个月）${r.effective} 起  — ${r.announcement.issuer_zh}：${r.announcement.title_zh}`,
        );
      }
    }
    if (t.steps.length > 0) {
      lines.push('');
      lines.push('计算过程 Working:');
      t.steps.forEach((s, i) => {
        lines.push(`  ${String(i + 1)}. ${s.zh}${s.value === undefined ? '' : `  → ${s.value}`}`);
        lines.push(`     ${s.en}`);
      });
    }
  }
  lines.push('');
  lines.push(`结果 Result: ${result.applies ? '适用 applies' : '不适用 does not apply'}`);
  for (const a of result.amounts) {
    lines.push(
      `  ${PAYER_ZH[a.payer]} → ${PAYEE_ZH[a.payee]}  ${fenToYuanString(a.amount)} 元（${chineseCapital(a.amount)}）  ${a.label_zh} / ${a.label_en}  [${a.payer}>${a.payee}]`,
    );
  }
  if (result.amounts.length === 0) lines.push('  无支付 No payment');
  if (result.failed.length > 0) {
    lines.push('未满足的条件 Conditions not met:');
    for (const f of result.failed) {
      lines.push(`  - [${f.condition}] ${f.message_zh}`);
      lines.push(`    ${f.message_en}`);
    }
  }
  if (result.outputs.length > 0) {
    lines.push('其他数值 Figures:');
    for (const o of result.outputs) {
      const j = outputToJson(o);
      const unit = j.unit === 'yuan' ? ' 元' : j.unit === 'percent' ? '%' : '';
      lines.push(`  ${o.label_zh} / ${o.label_en}: ${j.value}${unit}`);
    }
  }
  return lines.join('\n');
}

const explainFileSchema = z.union([
  z.strictObject({
    name: z.string().optional(),
    rule: z.string().min(1),
    date: z.string().optional(),
    period: z.unknown().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    input: z.unknown(),
    expect: z.unknown().optional(),
  }),
  z.strictObject({
    rule: z.string().min(1),
    cases: z
      .array(
        z.looseObject({
          name: z.string(),
          params: z.record(z.string(), z.unknown()).optional(),
          input: z.unknown(),
        }),
      )
      .min(1),
  }),
]);

/**
 * Explains a file holding `{ rule, input, params? }` (one evaluation) or a scenario
 * file (`{ rule, cases }`: every case whose input is valid).
 */
export function explainFile(path: string, data: PolicyData = policyData()): string {
  const raw = readDataFile(path);
  const parsed = explainFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError({
      code: 'EXPLAIN_FILE_INVALID',
      message_zh: `文件 ${path} 应包含 rule 与 input（可选 params），或 rule 与 cases`,
      message_en: `File ${path} must hold rule and input (optionally params), or rule and cases`,
      field: 'file',
    });
  }
  const f = parsed.data;
  if ('cases' in f) {
    const parts: string[] = [];
    for (const c of f.cases) {
      try {
        const result = evaluateRule(
          {
            ruleId: f.rule,
            input: c.input,
            trace: true,
            ...(c.params === undefined ? {} : { params: c.params }),
          },
          data,
        );
        parts.push(explainResult(result, data, c.name));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        parts.push(
          `## ${c.name}\n\n未计算 Not computed — ${e.field ?? ''}\n  ${e.message_zh}\n  ${e.message_en}`,
        );
      }
    }
    return parts.join('\n\n');
  }
  const result = evaluateRule(
    {
      ruleId: f.rule,
      input: f.input,
      trace: true,
      ...(f.params === undefined ? {} : { params: f.params }),
    },
    data,
  );
  return explainResult(result, data, f.name);
}
