import { z } from 'zod';
import { mulFenByCount, type Fen } from '../money.ts';
import { condition, defineRule, type Amount, type FailedCondition } from './rule.ts';
import { dateSchema } from './schemas.ts';
import { Reads, yuan } from './support/context.ts';
import { finish, pay } from './support/result.ts';

/**
 * Art. 6, one-off subsidies for rural financial service devices.
 *
 * 在乡镇和具备条件的贫困村增设正常营业的固定网点、离线式银行、便民服务网点，安装ATM机、POS机等设备，按ATM（CRS）
 * 机每台10000元、农村便民金融自助服务点每个10000元、银行卡助农取款服务点和手机支付服务点每个400元的标准，区财政
 * 给予相关金融机构一次性定额补助。
 *
 * Per device in a township or a qualifying poor village (在乡镇和具备条件的贫困村), once
 * per device (一次性, parameter art6.subsidy.one-off); paid by the district to the bank.
 * POS terminals are named in the sentence but have no amount, so they are not a kind
 * here.
 */

const ID = 'art6.one-off-device-subsidy';
const ARTICLE = 'art. 6';
const LOCATION = condition(
  ARTICLE,
  'location',
  '有设备不在乡镇或具备条件的贫困村',
  'A device is neither in a township nor in a qualifying poor village',
);
const ONE_OFF = condition(
  ARTICLE,
  'one-off',
  '有设备已领取过一次性补助',
  'A device has already received its one-off subsidy',
);

export const DEVICE_KINDS = [
  'atm',
  'self-service-point',
  'assisted-withdrawal-point',
  'mobile-payment-point',
] as const;
type DeviceKind = (typeof DEVICE_KINDS)[number];

const PARAM: Record<DeviceKind, string> = {
  atm: 'art6.subsidy.atm',
  'self-service-point': 'art6.subsidy.self-service-point',
  'assisted-withdrawal-point': 'art6.subsidy.assisted-withdrawal-point',
  'mobile-payment-point': 'art6.subsidy.mobile-payment-point',
};
const LABEL: Record<DeviceKind, [string, string]> = {
  atm: ['ATM（CRS）机补助', 'ATM (CRS) subsidy'],
  'self-service-point': ['农村便民金融自助服务点补助', 'Rural self-service point subsidy'],
  'assisted-withdrawal-point': ['银行卡助农取款服务点补助', 'Assisted-withdrawal point subsidy'],
  'mobile-payment-point': ['手机支付服务点补助', 'Mobile-payment point subsidy'],
};

const inputSchema = z.strictObject({
  /** Settlement date (parameters are read for it). */
  date: dateSchema,
  devices: z
    .array(
      z.strictObject({
        kind: z.enum(DEVICE_KINDS),
        count: z.number().int().min(1),
        location: z.enum(['township', 'poor-village', 'other']),
        previouslySubsidised: z.boolean().optional(),
      }),
    )
    .min(1),
});
export type Art6Input = z.output<typeof inputSchema>;

export const art6OneOffDeviceSubsidy = defineRule<Art6Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '农村基础金融服务设备一次性定额补助',
  title_en: 'One-off subsidies for rural financial service devices',
  articleText:
    '在乡镇和具备条件的贫困村增设正常营业的固定网点、离线式银行、便民服务网点，安装ATM机、POS机等设备，按ATM（CRS）机每台10000元、农村便民金融自助服务点每个10000元、银行卡助农取款服务点和手机支付服务点每个400元的标准，区财政给予相关金融机构一次性定额补助。',
  inputSchema,
  parameterIds: [...Object.values(PARAM), 'art6.subsidy.one-off'],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'date');
    const on = input.date;
    const oneOff = reads.boolean('art6.subsidy.one-off', on);
    const failed = new Set<FailedCondition>();
    const amounts: Amount[] = [];
    for (const d of input.devices) {
      let ok = true;
      if (d.location === 'other') {
        failed.add(LOCATION);
        ok = false;
      }
      if (oneOff && d.previouslySubsidised === true) {
        failed.add(ONE_OFF);
        ok = false;
      }
      if (!ok) continue;
      const unit = reads.fen(PARAM[d.kind], on);
      const amount: Fen = mulFenByCount(unit, d.count);
      const [zh, en] = LABEL[d.kind];
      amounts.push(pay('district', 'bank', amount, zh, en));
      reads.step(() => ({
        zh: `${zh}：${String(d.count)} × ${yuan(unit)} = ${yuan(amount)}`,
        en: `${en}: ${String(d.count)} × ${yuan(unit)} = ${yuan(amount)}`,
        value: yuan(amount),
      }));
    }
    return finish({ id: ID, article: ARTICLE }, reads, amounts, [...failed], [], () => ({
      formula: {
        zh: '补助 = Σ 设备数 × 定额（ATM（CRS）10000元、自助服务点10000元、助农取款点和手机支付点400元），一次性',
        en: 'Subsidy = Σ devices × flat amount (ATM/CRS 10,000; self-service point 10,000; assisted-withdrawal and mobile-payment points 400), once',
      },
      inputs: { date: on, devices: input.devices },
    }));
  },
});
