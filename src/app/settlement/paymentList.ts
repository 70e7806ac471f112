import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { id } from '../loans/loanFields.ts';
import { ExportTarget } from '../register/exportRegister.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { loadRun, STATUS_ZH } from './runLifecycle.ts';
import { SETTLEMENT_READERS } from './settlementRoles.ts';

/**
 * The payment list of a run as Excel (issue 5 §4): a summary sheet (汇总) with one row
 * per paying bank, then one sheet per bank listing what it pays out — to households
 * through their accounts (代发) or to itself — each with a 合计 row and the signatures
 * of who prepared, reviewed and approved the run. Amounts are yuan numbers formatted
 * with two decimals; totals are summed in fen, never in floating point.
 */

const PAGE = 2_000;
const MONEY = '#,##0.00';
const yuan = (fen: number): number => Number(fenToYuanString(fen as Fen));

const LINE_COLUMNS = [
  { header: '序号', width: 8 },
  { header: '收款人', width: 16 },
  { header: '收款类型', width: 10 },
  { header: '乡镇', width: 12 },
  { header: '行政村', width: 14 },
  { header: '合同编号', width: 22 },
  { header: '条款', width: 10 },
  { header: '计息期', width: 24 },
  { header: '金额（元）', width: 14 },
] as const;

const PAYEE_ZH: Record<string, string> = {
  household: '农户',
  bank: '银行',
  guarantor: '担保机构',
  insurer: '保险机构',
  platform: '平台',
  entity: '经营主体',
};

export const paymentList = defineUseCase({
  name: 'settlement.run.payment-list',
  roles: SETTLEMENT_READERS,
  scope: 'district',
  writes: false,
  input: z
    .object({
      id,
      target: z.custom<ExportTarget>((v) => v instanceof ExportTarget, {
        message: bilingual('请指定导出文件', 'an export target is required'),
      }),
    })
    .strict(),
  async run({ db, actor }, input): Promise<{ banks: number; lines: number; total: string }> {
    const region = actor.regionCode;
    const run = await loadRun(db, actor, input.id);
    const included = db
      .selectFrom('settlement_lines as l')
      .where('l.region_code', '=', region)
      .where('l.run_id', '=', run.id)
      .where('l.excluded_reason', 'is', null)
      .where('l.amount', '<>', 0);
    const perBank = await included
      .select((eb) => [
        'l.via_institution_id',
        eb.fn.countAll<number>().as('lines'),
        eb.fn.sum<string>('l.amount').as('total'),
      ])
      .groupBy('l.via_institution_id')
      .orderBy('l.via_institution_id')
      .execute();
    const [banks, regions, users] = await Promise.all([
      db
        .selectFrom('institutions')
        .select(['id', 'name_zh'])
        .where('region_code', '=', region)
        .execute(),
      db
        .selectFrom('regions')
        .select(['code', 'name_zh'])
        .where('region_code', '=', region)
        .where('level', 'in', ['township', 'village'])
        .execute(),
      db.selectFrom('users').select(['username', 'display_name']).execute(),
    ]);
    const bankName = new Map(banks.map((b) => [b.id, b.name_zh]));
    const placeName = new Map(regions.map((r) => [r.code, r.name_zh]));
    const person = new Map(users.map((u) => [u.username, u.display_name]));
    const who = (username: string | null, at: string | null): string =>
      username === null
        ? ''
        : `${person.get(username) ?? username}（${username}） ${at?.slice(0, 10) ?? ''}`;
    const signatures: [string, string][] = [
      ['制表', who(run.created_by, run.created_at)],
      ['复核', who(run.reviewed_by, run.reviewed_at)],
      ['审批', who(run.approved_by, run.approved_at)],
      ['支付凭证号', run.payment_reference ?? ''],
    ];
    const title = `武隆区金融精准扶贫财政补贴支付清单 ${run.period_key}（${run.period_from} 至 ${run.period_to}）`;
    let grand = 0;
    let lines = 0;

    const { default: ExcelJS } = await import('exceljs');
    await input.target.write(async (options) => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        ...options,
        useStyles: true,
        useSharedStrings: false,
      });
      type Sheet = ReturnType<typeof workbook.addWorksheet>;
      const head = (sheet: Sheet, text: string): void => {
        sheet.addRow([text]).commit();
        sheet.addRow([`批次 ${run.id}，状态：${STATUS_ZH[run.status]}`]).commit();
      };
      const sign = (sheet: Sheet): void => {
        sheet.addRow([]).commit();
        for (const [role, name] of signatures) sheet.addRow([`${role}：`, name]).commit();
      };
      const headerRow = (sheet: Sheet, headers: readonly string[]): void => {
        const row = sheet.addRow([...headers]);
        row.font = { bold: true };
        row.commit();
      };

      const summary = workbook.addWorksheet('汇总');
      summary.columns = [{ width: 8 }, { width: 30 }, { width: 10 }, { width: 16 }];
      head(summary, title);
      headerRow(summary, ['序号', '付款银行（代发）', '笔数', '金额（元）']);
      perBank.forEach((b, i) => {
        const total = Number(b.total);
        grand += total;
        lines += Number(b.lines);
        const row = summary.addRow([
          i + 1,
          bankName.get(b.via_institution_id ?? '') ?? b.via_institution_id ?? '',
          Number(b.lines),
          yuan(total),
        ]);
        row.getCell(4).numFmt = MONEY;
        row.commit();
      });
      const totalRow = summary.addRow(['合计', '', lines, yuan(grand)]);
      totalRow.font = { bold: true };
      totalRow.getCell(4).numFmt = MONEY;
      totalRow.commit();
      sign(summary);
      summary.commit();

      for (const b of perBank) {
        const bank = b.via_institution_id ?? '';
        const name = (bankName.get(bank) ?? bank).slice(0, 31);
        const sheet = workbook.addWorksheet(name);
        sheet.columns = LINE_COLUMNS.map((c) => ({ width: c.width }));
        head(sheet, `${title} — ${name}`);
        headerRow(
          sheet,
          LINE_COLUMNS.map((c) => c.header),
        );
        let after = 0;
        let seq = 0;
        let sum = 0;
        for (;;) {
          const page = await included
            // A line is about a loan, a guarantee, a policy or another subject: its number
            // is the loan's, the guarantee's or the policy's, and every line is listed.
            .leftJoin('loans', (j) =>
              j
                .onRef('loans.region_code', '=', 'l.region_code')
                .onRef('loans.id', '=', 'l.subject_id'),
            )
            .leftJoin('guarantees', (j) =>
              j
                .onRef('guarantees.region_code', '=', 'l.region_code')
                .onRef('guarantees.id', '=', 'l.subject_id'),
            )
            .leftJoin('insurance_policies', (j) =>
              j
                .onRef('insurance_policies.region_code', '=', 'l.region_code')
                .onRef('insurance_policies.id', '=', 'l.subject_id'),
            )
            .select([
              'l.n',
              'l.payee_name',
              'l.payee_kind',
              'l.township_code',
              'l.village_code',
              'l.article',
              'l.accrual_key',
              'l.amount',
              'loans.contract_no',
              'guarantees.contract_no as guarantee_no',
              'insurance_policies.policy_no',
            ])
            .where('l.via_institution_id', '=', bank)
            .where('l.n', '>', after)
            .orderBy('l.n')
            .limit(PAGE)
            .execute();
          if (page.length === 0) break;
          after = page[page.length - 1]!.n;
          for (const l of page) {
            sum += Number(l.amount);
            const row = sheet.addRow([
              ++seq,
              l.payee_name,
              PAYEE_ZH[l.payee_kind] ?? l.payee_kind,
              placeName.get(l.township_code) ?? l.township_code,
              placeName.get(l.village_code) ?? l.village_code,
              l.contract_no ?? l.guarantee_no ?? l.policy_no ?? '',
              l.article,
              l.accrual_key.replace('..', ' 至 '),
              yuan(Number(l.amount)),
            ]);
            row.getCell(9).numFmt = MONEY;
            row.commit();
          }
        }
        const total = sheet.addRow([
          '合计',
          '',
          '',
          '',
          '',
          '',
          '',
          `${String(seq)} 笔`,
          yuan(sum),
        ]);
        total.font = { bold: true };
        total.getCell(9).numFmt = MONEY;
        total.commit();
        sign(sheet);
        sheet.commit();
      }
      await workbook.commit();
    });
    return { banks: perBank.length, lines, total: fenToYuanString(grand as Fen) };
  },
});
