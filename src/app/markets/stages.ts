/**
 * The stages of art. 23's listing pipeline (上市挂牌辅导培育和孵化): a company is
 * cultivated, tutored, files, and is quoted on the regional equity market (the
 * Chongqing OTC board, 重庆股份转让中心), quoted on the NEEQ (新三板) or listed.
 */
export const MARKET_STAGES = [
  'cultivating',
  'tutoring',
  'filing',
  'regional_quoted',
  'neeq_quoted',
  'listed',
] as const;
export type MarketStage = (typeof MARKET_STAGES)[number];

export const STAGE_NAMES: Record<MarketStage, { zh: string; en: string }> = {
  cultivating: { zh: '培育', en: 'cultivating' },
  tutoring: { zh: '辅导', en: 'tutoring' },
  filing: { zh: '申报', en: 'filing' },
  regional_quoted: {
    zh: '挂牌-区域股权（重庆OTC）',
    en: 'quoted on the regional market (Chongqing OTC)',
  },
  neeq_quoted: { zh: '挂牌-新三板', en: 'quoted on the NEEQ' },
  listed: { zh: '上市', en: 'listed' },
};

/** The stages that make a company 上市挂牌 (listed or quoted) in art. 23's count. */
export const LISTED_OR_QUOTED: readonly MarketStage[] = [
  'regional_quoted',
  'neeq_quoted',
  'listed',
];

/** The company art. 23 names for the NEEQ by the end of 2017, as the text writes it. */
export const ART23_NEEQ_COMPANY = '重庆天生药业有限公司';
