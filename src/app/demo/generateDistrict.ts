import { residentIdCheckChar } from '../../core/identity/residentId.ts';
import { usccCheckChar } from '../../core/identity/uscc.ts';
import type { InstitutionKind, OperatorKind, RegionLevel } from '../../store/schema.ts';
import type { HouseholdRecord } from '../register/householdBatch.ts';
import { SeededRandom } from './random.ts';
import { GIVEN_CHARS, SURNAMES, TOWNSHIPS, VILLAGE_SYLLABLES } from './wulongPlaces.ts';

/**
 * The synthetic demo district: shaped like Wulong (26 townships, ~200 villages,
 * ~15% of households registered poor), deterministic for a given size, and clearly
 * labelled synthetic — no real person's data.
 */
export const DEMO_LABEL = '演示数据（虚构）/ synthetic demo data';
const DISTRICT = '500156';
/** Birthplace prefix on resident IDs: Wulong County's code before it became a district. */
const BIRTH_PREFIX = '500232';

export interface RegionRow {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  townshipCode: string | null;
  nameZh: string;
  nameEn: string;
}

export function demoRegions(villages = 200): RegionRow[] {
  const rnd = new SeededRandom(500156);
  const rows: RegionRow[] = [
    {
      code: DISTRICT,
      level: 'district',
      parentCode: null,
      townshipCode: null,
      nameZh: '武隆区',
      nameEn: 'Wulong District',
    },
  ];
  const perTownship = distribute(villages, TOWNSHIPS.length, rnd);
  TOWNSHIPS.forEach((t, i) => {
    const tCode = `${DISTRICT}${String(i + 1).padStart(3, '0')}`;
    rows.push({
      code: tCode,
      level: 'township',
      parentCode: DISTRICT,
      townshipCode: tCode,
      nameZh: t.zh,
      nameEn: t.en,
    });
    const used = new Set<string>();
    for (let v = 0; v < perTownship[i]!; v++) {
      let name: string;
      do name = `${rnd.pick(VILLAGE_SYLLABLES)}${rnd.pick(VILLAGE_SYLLABLES)}村`;
      while (used.has(name));
      used.add(name);
      const vCode = `${tCode}${String(v + 1).padStart(3, '0')}`;
      rows.push({
        code: vCode,
        level: 'village',
        parentCode: tCode,
        townshipCode: tCode,
        nameZh: name,
        nameEn: `Village ${vCode}`,
      });
      for (let g = 1; g <= 4; g++) {
        const gCode = `${vCode}${String(g).padStart(3, '0')}`;
        rows.push({
          code: gCode,
          level: 'group',
          parentCode: vCode,
          townshipCode: tCode,
          nameZh: `${g}社`,
          nameEn: `Group ${g}`,
        });
      }
    }
  });
  return rows;
}

function distribute(total: number, buckets: number, rnd: SeededRandom): number[] {
  const base = Math.floor(total / buckets);
  const out = Array.from({ length: buckets }, () => base);
  for (let i = 0; i < total - base * buckets; i++) out[rnd.int(0, buckets - 1)]!++;
  return out;
}

/**
 * The n-th synthetic person's resident ID. (birth year, day, sequence) is a bijection of
 * n below 20,160,000 people, so IDs never repeat, and the check digit is real.
 */
export function syntheticResidentId(n: number): string {
  const year = 1940 + (n % 60);
  const q = Math.floor(n / 60);
  const dayOfYear = q % 336;
  const seq = Math.floor(q / 336) % 1000;
  const month = String(Math.floor(dayOfYear / 28) + 1).padStart(2, '0');
  const day = String((dayOfYear % 28) + 1).padStart(2, '0');
  const body = `${BIRTH_PREFIX}${year}${month}${day}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/**
 * Households in a stable order.
 */
export function* demoHouseholds(
  count: number,
  regions: readonly RegionRow[],
): Generator<HouseholdRecord> {
  const villages = regions.filter((r) => r.level === 'village');
  const rnd = new SeededRandom(2017_53);
  let person = 0;
  for (let i = 0; i < count; i++) {
    const village = villages[i % villages.length]!;
    const surname = rnd.pick(SURNAMES);
    const given = (): string =>
      rnd.pick(GIVEN_CHARS) + (rnd.next() < 0.7 ? rnd.pick(GIVEN_CHARS) : '');
    const idFor = (): string => syntheticResidentId(person++);
    const headName = surname + given();
    const members: HouseholdRecord['members'] = [];
    const size = rnd.int(0, 4);
    for (let m = 0; m < size; m++) {
      const relation = m === 0 ? '配偶' : m === size - 1 && size > 2 ? '父母' : '子女';
      members.push({
        name: (relation === '子女' ? surname : rnd.pick(SURNAMES)) + given(),
        idNumber: '',
        relation,
      });
    }
    const headIdNumber = idFor();
    for (const m of members) m.idNumber = idFor();
    const poor = rnd.next() < 0.15;
    const statuses: HouseholdRecord['statuses'] = [];
    if (poor) {
      statuses.push({
        status: 'registered_poor',
        effectiveFrom: `2014-${String(rnd.int(3, 12)).padStart(2, '0')}-01`,
        source: '2014年建档立卡',
      });
      if (rnd.next() < 0.55) {
        statuses.push({
          status: 'lifted',
          effectiveFrom: `${rnd.int(2016, 2019)}-12-31`,
          source: '年度脱贫验收',
        });
      }
    } else {
      statuses.push({ status: 'not_poor', effectiveFrom: '2014-01-01', source: '农户普查' });
    }
    const group = `${village.code}${String((i % 4) + 1).padStart(3, '0')}`;
    yield {
      householdNo: `${village.code.slice(6)}${String(i + 1).padStart(7, '0')}`,
      townshipCode: village.townshipCode!,
      villageCode: village.code,
      groupCode: group,
      headName,
      headIdNumber,
      phone: `1${rnd.pick(['35', '37', '38', '39', '58', '59', '87', '89'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
      address: `${village.nameZh}${(i % 4) + 1}社${rnd.int(1, 120)}号`,
      subsidyAccount: `6228${String(i).padStart(12, '0')}`,
      members,
      statuses,
    };
  }
}

export interface DemoInstitution {
  code: string;
  kind: InstitutionKind;
  nameZh: string;
  nameEn: string;
  /** Township indexes (0-based) served; null for all. */
  serves: 'all' | number[];
}

/** The institutions the policy names, by the names it uses. */
export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    code: 'ABC-WL',
    kind: 'bank',
    nameZh: '农行武隆支行',
    nameEn: 'ABC Wulong Branch',
    serves: 'all',
  },
  {
    code: 'PSBC-WL',
    kind: 'bank',
    nameZh: '邮储银行武隆支行',
    nameEn: 'PSBC Wulong Branch',
    serves: 'all',
  },
  {
    code: 'CQRCB-WL',
    kind: 'bank',
    nameZh: '农商行武隆支行',
    nameEn: 'Chongqing Rural Commercial Bank Wulong',
    serves: 'all',
  },
  {
    code: 'ICBC-WL',
    kind: 'bank',
    nameZh: '工行武隆支行',
    nameEn: 'ICBC Wulong Branch',
    serves: [0, 1, 2, 3, 4, 5],
  },
  {
    code: 'RX-VB',
    kind: 'village_bank',
    nameZh: '武隆融兴村镇银行',
    nameEn: 'Wulong Rongxing Village Bank',
    serves: [0, 1, 6, 7, 8, 9, 10, 11],
  },
  {
    code: 'ADBC-WL',
    kind: 'policy_bank',
    nameZh: '农发行武隆支行',
    nameEn: 'ADBC Wulong Branch',
    serves: 'all',
  },
  {
    code: 'CDB-CQ',
    kind: 'policy_bank',
    nameZh: '国开行重庆市分行',
    nameEn: 'CDB Chongqing Branch',
    serves: 'all',
  },
  {
    code: 'PICC-WL',
    kind: 'insurer',
    nameZh: '人保财险武隆支公司',
    nameEn: 'PICC P&C Wulong',
    serves: 'all',
  },
  {
    code: 'XN-GUAR',
    kind: 'guarantor',
    nameZh: '区兴农担保公司',
    nameEn: 'Wulong Xingnong Guarantee Co.',
    serves: 'all',
  },
  {
    code: 'SWS-WL',
    kind: 'securities',
    nameZh: '西南证券武隆营业部',
    nameEn: 'Southwest Securities Wulong',
    serves: [],
  },
];

/** The responsible units named in the policy's 责任单位 lines. */
export const DEMO_GOV_UNITS: { code: string; nameZh: string; nameEn: string }[] = [
  { code: 'JRZX', nameZh: '区金融管理中心', nameEn: 'District Financial Office' },
  { code: 'FPB', nameZh: '区扶贫办', nameEn: 'Poverty Alleviation Office' },
  { code: 'CZJ', nameZh: '区财政局', nameEn: 'Finance Bureau' },
  { code: 'RH', nameZh: '人行武隆支行', nameEn: 'PBOC Wulong Sub-branch' },
  { code: 'YJB', nameZh: '区银监办', nameEn: 'Banking Regulatory Office' },
  { code: 'FGW', nameZh: '区发改委', nameEn: 'Development and Reform Commission' },
  { code: 'NW', nameZh: '区农委', nameEn: 'Agriculture Commission' },
  { code: 'JW', nameZh: '区教委', nameEn: 'Education Commission' },
  { code: 'RSJ', nameZh: '区人力社保局', nameEn: 'Human Resources and Social Security Bureau' },
  { code: 'LYJ', nameZh: '区旅游局', nameEn: 'Tourism Bureau' },
  { code: 'GSJ', nameZh: '区工商局', nameEn: 'Administration for Industry and Commerce' },
  { code: 'SWJ', nameZh: '区商务局', nameEn: 'Commerce Bureau' },
  { code: 'GXS', nameZh: '区供销社', nameEn: 'Supply and Marketing Cooperative' },
  { code: 'XGB', nameZh: '区行管办', nameEn: 'Administrative Services Office' },
  { code: 'MZJ', nameZh: '区民政局', nameEn: 'Civil Affairs Bureau' },
  { code: 'GTFG', nameZh: '区国土房管局', nameEn: 'Land and Housing Bureau' },
  { code: 'CXJW', nameZh: '区城乡建委', nameEn: 'Urban-Rural Construction Commission' },
  { code: 'LYE', nameZh: '区林业局', nameEn: 'Forestry Bureau' },
  { code: 'GZZX', nameZh: '区国资管理中心', nameEn: 'State Assets Management Centre' },
  { code: 'XMSY', nameZh: '区畜牧兽医局', nameEn: 'Animal Husbandry and Veterinary Bureau' },
  { code: 'CXFZ', nameZh: '区城乡发展〔集团〕公司', nameEn: 'Urban-Rural Development Group' },
  { code: 'GYJT', nameZh: '区工业〔集团〕公司', nameEn: 'Industry Group' },
  { code: 'XZ', nameZh: '各乡镇人民政府', nameEn: 'Township governments' },
];

export interface DemoOperator {
  kind: OperatorKind;
  name: string;
  uscc: string;
  villageCode: string;
  townshipCode: string;
  legalRepresentative: string;
  workforce: number;
  poorWorkforce: number;
}

const OPERATOR_SUFFIX: Record<OperatorKind, string> = {
  cooperative: '专业合作社',
  family_farm: '家庭农场',
  large_grower: '种养大户',
  leading_enterprise: '农业发展有限公司',
};
const PRODUCE = [
  '高山蔬菜',
  '脆红李',
  '生猪',
  '中药材',
  '茶叶',
  '羊肚菌',
  '山羊',
  '猕猴桃',
  '乡村旅游',
  '蜂蜜',
];

export function demoOperators(count: number, regions: readonly RegionRow[]): DemoOperator[] {
  const rnd = new SeededRandom(13_15);
  const villages = regions.filter((r) => r.level === 'village');
  const kinds: OperatorKind[] = [
    'cooperative',
    'family_farm',
    'large_grower',
    'leading_enterprise',
  ];
  return Array.from({ length: count }, (_, i) => {
    const village = villages[(i * 7) % villages.length]!;
    const kind = kinds[i % kinds.length]!;
    const first17 = `93500156MA${String(i).padStart(7, '0')}`;
    const workforce = rnd.int(5, kind === 'leading_enterprise' ? 300 : 60);
    return {
      kind,
      name: `武隆区${village.nameZh.replace('村', '')}${rnd.pick(PRODUCE)}${OPERATOR_SUFFIX[kind]}`,
      uscc: first17 + usccCheckChar(first17),
      villageCode: village.code,
      townshipCode: village.townshipCode!,
      legalRepresentative: rnd.pick(SURNAMES) + rnd.pick(GIVEN_CHARS) + rnd.pick(GIVEN_CHARS),
      workforce,
      poorWorkforce: Math.floor(workforce * rnd.next() * 0.4),
    };
  });
}
